#pragma once
// Lays out a template (templates/README.md) bound to a data tree into pages of positioned items.
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "render/model.h"
#include "render/text.h"

namespace ceres::render {

// A parsed templates/<document>.json.
class Template {
public:
    static Template load(const std::filesystem::path& file);
    // Unknown keys, block types or structure roles and misplaced roles are refused, named by
    // `source` (the file) and JSON Pointer.
    static Template parse(std::string_view json, std::string name, const std::string& source = {});

    const std::string& name() const { return name_; }
    const Poco::JSON::Object::Ptr& definition() const { return definition_; }
    // The named style of "styles", else "body", else 10 pt regular black; read once, at parse.
    const TextStyle& style(const std::string& name) const;

private:
    std::string name_;
    Poco::JSON::Object::Ptr definition_;
    std::map<std::string, TextStyle> styles_;
    TextStyle fallback_;
};

// What the data tree cannot carry: barcode matrices and pictures, by the slot name a template's
// "barcode" or "image" block refers to.
struct Slots {
    std::map<std::string, ModuleMatrix> barcodes;
    std::map<std::string, Image> images;
};

struct LayoutResult {
    PageModel model;
    std::vector<std::string> warnings;  // e.g. placeholders that resolved to nothing
};

LayoutResult layoutDocument(Typesetter& typesetter, const Template& document_template,
                            const Poco::JSON::Object::Ptr& data, const Slots& slots = {});

}  // namespace ceres::render
