#include "domain/job_checks.h"
#include "jobs/kinds.h"
#include "jobs/payload.h"

namespace ceres::jobs {
namespace {

// A violation's subject is a JSON Pointer relative to the payload.
std::string pointerOf(const std::string& subject) {
    if (subject.empty()) return "/payload";
    return subject.front() == '/' ? "/payload" + subject : "/payload/" + subject;
}

RuleReport report(const domain::Outcome& outcome) {
    RuleReport r;
    for (const auto& v : outcome.violations) r.refusals.push_back({pointerOf(v.subject), v.rule, v.message});
    for (const auto& w : outcome.warnings)
        r.warnings.push_back((w.rule.empty() ? "" : w.rule + ": ") + w.message +
                             (w.subject.empty() ? "" : " (" + pointerOf(w.subject) + ")"));
    return r;
}

}  // namespace

RuleReport checkRules(const Job& job) {
    const auto& p = job.payload;
    if (job.kind == "session_results") return report(domain::checkSessionResults(sessionResultsPayload(p)));
    if (job.kind == "convocations") return report(domain::checkConvocations(convocationsPayload(p)));
    if (job.kind == "dte_request") return report(domain::checkDteRequest(dteRequestPayload(p)));
    if (job.kind == "parchemins_reprint") return report(domain::checkParcheminsReprint(parcheminsReprintPayload(p)));
    if (job.kind == "juror_export") return report(domain::checkJurorExport(jurorExportPayload(p)));
    if (job.kind == "dashboard") return report(domain::checkDashboard(dashboardPayload(p)));
    if (job.kind == "print_batch") return report(domain::checkPrintBatch(printBatchPayload(p)));
    return {{{"/kind", "", "no rules known for kind '" + job.kind + "'"}}, {}};
}

}  // namespace ceres::jobs
