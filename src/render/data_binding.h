#pragma once
// `{{dotted.path}}` placeholders resolved against the data tree the jobs layer builds.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ceres::render {

// Where names are looked up: the innermost item first (a table row, a list entry), then its
// enclosing scopes, up to the document's data. `{{.}}` is the innermost item itself.
class Scope {
public:
    explicit Scope(Poco::JSON::Object::Ptr root);
    Scope(const Scope& parent, Poco::Dynamic::Var item);

    // The value at a dotted path (array elements by number: `results.0`), empty when absent.
    Poco::Dynamic::Var lookup(std::string_view path) const;
    std::vector<Poco::Dynamic::Var> array(std::string_view path) const;
    // Present and not empty, false or zero: the test of a block's "when".
    bool truthy(std::string_view path) const;
    // Replaces every placeholder; names that resolve to nothing become "" and are reported. The
    // result follows French typography (render/typography.h): apostrophes of the wording, spaces
    // of the punctuation.
    std::string substitute(std::string_view text) const;

    void setVariable(const std::string& name, std::string value) { variables_[name] = std::move(value); }
    const std::vector<std::string>& missing() const { return *missing_; }

private:
    const Poco::Dynamic::Var* find(std::string_view path, std::array<Poco::Dynamic::Var, 2>& held) const;

    Poco::Dynamic::Var item_;
    const Scope* parent_ = nullptr;
    std::map<std::string, std::string> variables_;
    std::shared_ptr<std::vector<std::string>> missing_;
};

std::string toText(const Poco::Dynamic::Var& value);

}  // namespace ceres::render
