#pragma once
// Rule outcomes are values: allowed, refused with violations, or allowed with warnings.
#include <string>
#include <vector>

namespace ceres::domain {

// A rule that is broken (a refusal) or lifted/tolerated (a warning the caller must show).
struct Violation {
    std::string rule;     // RULES.md id, e.g. R-HAB-9; empty for a plain validation error
    std::string message;  // French, names the subject
    std::string subject;  // what is at fault: an id in rule functions, a JSON Pointer relative to
                          // the payload in the whole-job checks (e.g. /candidates/2/first_name)
};

struct Outcome {
    std::vector<Violation> violations;  // empty: allowed
    std::vector<Violation> warnings;

    static Outcome allowed() { return {}; }
    static Outcome refused(std::string rule, std::string subject, std::string message);
    static Outcome warned(std::string rule, std::string subject, std::string message);

    bool isAllowed() const { return violations.empty(); }
    bool isRefused() const { return !violations.empty(); }

    void merge(Outcome other);
    // Merges `other` with every subject replaced by `subject` (a JSON Pointer in job checks).
    void merge(Outcome other, const std::string& subject);
};

// One reference token of a JSON Pointer (RFC 6901): '~' written ~0 and '/' written ~1.
std::string jsonPointerToken(const std::string& token);

}  // namespace ceres::domain
