#pragma once
// Per job kind: the rule checks run after the schema check, and the renderer.
#include <string>
#include <vector>

#include "jobs/document.h"
#include "jobs/job.h"
#include "jobs/pipeline.h"
#include "jobs/problem.h"

namespace ceres::jobs {

struct RuleReport {
    std::vector<Problem> refusals;      // each names its rule id and the field's JSON Pointer
    std::vector<std::string> warnings;  // lifted checks (R-SES-2 trace) and other notes
};

// Domain rules of RULES.md that apply to the job's kind, with the job's own dates as "today".
RuleReport checkRules(const Job& job);

struct KindResult {
    std::vector<Document> documents;
    std::vector<Problem> refusals;  // refusals that need the store (e.g. a reprint with no known number)
};

KindResult renderKind(const Job& job, const Context& context, const ProgressFn& progress);

// Who may see the documents of a job: its UD, region and centre, as far as the payload says.
Perimeter perimeterOf(const Job& job);

}  // namespace ceres::jobs
