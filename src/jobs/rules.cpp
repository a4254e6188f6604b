#include <algorithm>
#include <set>
#include <utility>

#include "domain/job_checks.h"
#include "domain/printed_text.h"
#include "jobs/kinds.h"
#include "jobs/payload.h"
#include "jobs/schema_validator.h"

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

bool isNameKey(const std::string& key) {
    const std::string suffix = "name";
    return key.size() >= suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// R-CAN-1 Reading on every string of the payload (any string may be printed), names included.
void checkPrintedStrings(const rapidjson::Value& value, const std::string& pointer, bool is_name,
                         domain::Outcome& outcome) {
    if (value.IsObject()) {
        for (const auto& m : value.GetObject()) {
            const std::string key(m.name.GetString(), m.name.GetStringLength());
            checkPrintedStrings(m.value, pointer + "/" + domain::jsonPointerToken(key), isNameKey(key), outcome);
        }
    } else if (value.IsArray()) {
        std::size_t i = 0;
        for (const auto& item : value.GetArray()) checkPrintedStrings(item, pointer + "/" + std::to_string(i++), is_name, outcome);
    } else if (value.IsString()) {
        outcome.merge(domain::checkPrintedText(std::string_view(value.GetString(), value.GetStringLength()), is_name, pointer));
    }
}

domain::Outcome kindRules(const Job& job) {
    const auto& p = job.payload;
    if (job.kind == "session_results") return domain::checkSessionResults(sessionResultsPayload(p));
    if (job.kind == "convocations") return domain::checkConvocations(convocationsPayload(p));
    if (job.kind == "dte_request") return domain::checkDteRequest(dteRequestPayload(p));
    if (job.kind == "parchemins_reprint") return domain::checkParcheminsReprint(parcheminsReprintPayload(p));
    if (job.kind == "juror_export") return domain::checkJurorExport(jurorExportPayload(p));
    if (job.kind == "dashboard") return domain::checkDashboard(dashboardPayload(p));
    return domain::checkPrintBatch(printBatchPayload(p));
}

}  // namespace

RuleReport checkRules(const Job& job) {
    const auto& kinds = SchemaValidator::kinds();
    if (std::find(kinds.begin(), kinds.end(), job.kind) == kinds.end()) return {{{"/kind", "", "no rules known for kind '" + job.kind + "'"}}, {}};
    domain::Outcome outcome;
    if (job.payload) checkPrintedStrings(*job.payload, "", false, outcome);
    outcome.merge(kindRules(job));
    return report(outcome);
}

}  // namespace ceres::jobs
