#pragma once
// JSON Schema (draft-07) validation of jobs with valijson. Every error names the JSON Pointer of
// the bad field and what was expected.
#include <rapidjson/document.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "jobs/problem.h"

namespace ceres::jobs {

class SchemaValidator {
public:
    // Loads schemas/job.schema.json and schemas/<kind>.schema.json from `schema_dir`.
    explicit SchemaValidator(const std::filesystem::path& schema_dir);
    ~SchemaValidator();

    // The envelope, then the payload against its kind's schema.
    std::vector<Problem> validate(const rapidjson::Value& job) const;

    static const std::vector<std::string>& kinds();

    // Whether the job passes, as the compiled check says (the one validate() asks first) and as
    // valijson says. They must always agree: the tests compare them.
    struct Verdicts {
        bool compiled = false;
        bool valijson = false;
    };
    Verdicts verdicts(const rapidjson::Value& job) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ceres::jobs
