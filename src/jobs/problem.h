#pragma once
// Validation errors and rule refusals: values, never exceptions.
#include <string>
#include <vector>

namespace ceres::jobs {

// One thing wrong with a job. `pointer` is the JSON Pointer of the field at fault (may be empty
// for the document as a whole); `rule` is a RULES.md id for rule refusals, empty for schema errors.
struct Problem {
    std::string pointer;
    std::string rule;
    std::string message;
};

// The result of checking or running a job; the numeric value is the CLI exit code.
enum class Verdict { Done = 0, Failed = 1, Invalid = 2, Refused = 3 };

// {"errors":[{"pointer":…,"rule":…,"message":…}]} as CONTRACT.md specifies.
std::string problemsToJson(const std::vector<Problem>& problems);

}  // namespace ceres::jobs
