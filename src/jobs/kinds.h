#pragma once
// Per job kind: the rule checks run after the schema check, and the renderer.
#include <string>
#include <vector>

#include "jobs/document.h"
#include "jobs/job.h"
#include "jobs/pipeline.h"
#include "jobs/problem.h"

namespace ceres::render { class Engine; }

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
    std::vector<ParcheminRecord> parchemins;  // reserved for the documents, issued when they are stored
    std::vector<std::string> warnings;        // e.g. a stored parchemin a print batch could not print
};

// What renderers share: the loaded templates and fonts, and the pipeline's context.
struct Toolkit {
    const render::Engine& engine;
    const Context& context;
    const ProgressFn& progress;
};

KindResult renderKind(const Job& job, const Toolkit& toolkit);

// One renderer per kind (documents_*.cpp).
KindResult renderSessionResults(const Job& job, const Toolkit& toolkit);
KindResult renderConvocations(const Job& job, const Toolkit& toolkit);
KindResult renderDteRequest(const Job& job, const Toolkit& toolkit);
KindResult renderParcheminsReprint(const Job& job, const Toolkit& toolkit);
KindResult renderPrintBatch(const Job& job, const Toolkit& toolkit);
KindResult renderJurorExport(const Job& job, const Toolkit& toolkit);
KindResult renderDashboard(const Job& job, const Toolkit& toolkit);

// Who may see the documents of a job: its UD, region and centre, as far as the payload says.
Perimeter perimeterOf(const Job& job);

}  // namespace ceres::jobs
