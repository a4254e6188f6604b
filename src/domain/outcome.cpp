#include "domain/outcome.h"

#include <utility>

namespace ceres::domain {

Outcome Outcome::refused(std::string rule, std::string subject, std::string message) {
    Outcome outcome;
    outcome.violations.push_back({std::move(rule), std::move(message), std::move(subject)});
    return outcome;
}

Outcome Outcome::warned(std::string rule, std::string subject, std::string message) {
    Outcome outcome;
    outcome.warnings.push_back({std::move(rule), std::move(message), std::move(subject)});
    return outcome;
}

void Outcome::merge(Outcome other) {
    for (auto& v : other.violations) violations.push_back(std::move(v));
    for (auto& w : other.warnings) warnings.push_back(std::move(w));
}

void Outcome::merge(Outcome other, const std::string& subject) {
    for (auto& v : other.violations) v.subject = subject;
    for (auto& w : other.warnings) w.subject = subject;
    merge(std::move(other));
}

std::string jsonPointerToken(const std::string& token) {
    std::string escaped;
    for (char c : token) {
        if (c == '~') escaped += "~0";
        else if (c == '/') escaped += "~1";
        else escaped += c;
    }
    return escaped;
}

}  // namespace ceres::domain
