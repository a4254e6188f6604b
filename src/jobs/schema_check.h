#pragma once
// A job schema compiled once into a tree of checks that answers one question: is this value
// valid? It keeps no path and writes no message, so a valid job (nearly every job) is checked at
// the cost of reading it once. The keywords are those of draft-07 our schemas use, with their
// valijson meaning (strong types, `$ref` alone applies, lengths in code points), plus `x-siret`
// and `x-calendar-date`; `pattern` uses jobs::Pattern. A keyword outside that set is an error
// when the schema loads, naming the file and the JSON Pointer, so that no check is ever skipped.
//
// SchemaValidator asks this first and asks valijson, which names every error, only when this
// says no: an accepted value must be one valijson accepts (tests/jobs/schema_check_test.cpp
// compares both on the samples, the validation fuzz seeds and thousands of variants of them).
#include <rapidjson/document.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ceres::jobs {

class SchemaCheck {
public:
    // Compiles `file` of `dir` and the schemas its `$ref`s name (files of the same directory).
    // Throws std::runtime_error naming the file and the pointer of what it cannot compile.
    SchemaCheck(const std::filesystem::path& dir, const std::string& file);
    ~SchemaCheck();
    SchemaCheck(const SchemaCheck&) = delete;
    SchemaCheck& operator=(const SchemaCheck&) = delete;

    bool accepts(const rapidjson::Value& value) const;

    struct Node;

private:
    const Node& compile(const std::string& file, const std::string& pointer);
    void fill(Node& node, const rapidjson::Value& schema, const std::string& file, const std::string& pointer);
    const rapidjson::Document& document(const std::string& file);

    std::filesystem::path dir_;
    std::map<std::string, rapidjson::Document> files_;
    std::map<std::string, std::unique_ptr<Node>> nodes_;  // by "file#pointer"
    const Node* root_ = nullptr;
};

}  // namespace ceres::jobs
