#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "domain/job_checks.h"
#include "domain/printed_text.h"
#include "jobs/kinds.h"

namespace ceres::jobs {
namespace {

// A violation's subject is a JSON Pointer relative to the payload.
std::string pointerOf(const std::string& subject) {
    if (subject.empty()) return "/payload";
    return subject.front() == '/' ? "/payload" + subject : "/payload/" + subject;
}

// Refusals in order, one per rule and field: a name with a control character breaks both the
// printed-text check and the name rule, and is reported once.
RuleReport report(const domain::Outcome& outcome) {
    RuleReport r;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& v : outcome.violations)
        if (seen.insert({pointerOf(v.subject), v.rule}).second)
            r.refusals.push_back({pointerOf(v.subject), v.rule, v.message});
    for (const auto& w : outcome.warnings)
        r.warnings.push_back((w.rule.empty() ? "" : w.rule + ": ") + w.message +
                             (w.subject.empty() ? "" : " (" + pointerOf(w.subject) + ")"));
    return r;
}

bool isNameKey(std::string_view key) {
    constexpr std::string_view suffix = "name";
    return key.size() >= suffix.size() && key.substr(key.size() - suffix.size()) == suffix;
}

// Plain printable ASCII passes the printed-text check whatever the field; most strings are.
bool plainAscii(std::string_view text, bool is_name) {
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F || (is_name && c == '<')) return false;
    }
    return true;
}

// R-CAN-1 Reading on every string of the payload (any string may be printed), names included. The
// path to the string is kept as keys and indexes; its JSON Pointer is written only for a refusal.
class PrintedStrings {
public:
    explicit PrintedStrings(domain::Outcome& outcome) : outcome_(outcome) {}

    void check(const rapidjson::Value& value, bool is_name) {
        if (value.IsObject()) {
            for (const auto& m : value.GetObject()) {
                const std::string_view key(m.name.GetString(), m.name.GetStringLength());
                path_.push_back({key, 0, false});
                check(m.value, isNameKey(key));
                path_.pop_back();
            }
        } else if (value.IsArray()) {
            std::size_t i = 0;
            for (const auto& item : value.GetArray()) {
                path_.push_back({{}, i++, true});
                check(item, is_name);
                path_.pop_back();
            }
        } else if (value.IsString()) {
            const std::string_view text(value.GetString(), value.GetStringLength());
            if (plainAscii(text, is_name)) return;
            domain::Outcome checked = domain::checkPrintedText(text, is_name, "");
            if (checked.violations.empty() && checked.warnings.empty()) return;
            outcome_.merge(domain::checkPrintedText(text, is_name, pointer()));
        }
    }

private:
    struct Step {
        std::string_view key;
        std::size_t index;
        bool is_index;
    };

    std::string pointer() const {
        std::string out;
        for (const auto& step : path_)
            out += "/" + (step.is_index ? std::to_string(step.index) : domain::jsonPointerToken(std::string(step.key)));
        return out;
    }

    domain::Outcome& outcome_;
    std::vector<Step> path_;
};

}  // namespace

RuleReport checkRules(const Job& job) {
    domain::Outcome outcome;
    if (const auto* payload = job.rawPayload()) PrintedStrings(outcome).check(*payload, false);
    outcome.merge(specOf(job.kind).rules(job.payload));
    return report(outcome);
}

}  // namespace ceres::jobs
