#pragma once
// The one table of job kinds: for each, its name, how its payload is read, the domain rules it
// answers to, its renderer, its perimeter and who may submit it. Adding a kind is adding a row.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/outcome.h"
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

struct KindResult {
    std::vector<Document> documents;
    std::vector<Problem> refusals;  // refusals that need the store (e.g. a reprint with no known number)
    std::vector<ParcheminRecord> parchemins;  // reserved for the documents, issued when they are stored
    std::vector<std::string> warnings;        // e.g. a stored parchemin a print batch could not print
    std::optional<PvResults> pv_results;      // a PV version's results, stored with the documents
};

// What renderers share: the loaded templates and fonts, and the pipeline's context.
struct Toolkit {
    const render::Engine& engine;
    const Context& context;
    const ProgressFn& progress;
};

struct KindSpec {
    Kind kind;
    std::string_view name;  // "kind" of the envelope, schemas/<name>.schema.json
    Payload (*read)(const rapidjson::Value* payload);          // schema-valid JSON -> domain values
    domain::Outcome (*rules)(const Payload& payload);          // RULES.md, the job's dates as "today"
    KindResult (*render)(const Job& job, const Toolkit& kit);  // documents_*.cpp, parchemins.cpp
    bool centre_may_submit;  // a CENTRE may submit it for its own SIRET (CONTRACT.md)
};

inline constexpr std::size_t kKindCount = std::variant_size_v<Payload>;
const std::array<KindSpec, kKindCount>& kindTable();
const KindSpec& specOf(Kind kind);
std::optional<Kind> kindNamed(std::string_view name);
std::string_view nameOf(Kind kind);
// The names, in the table's order.
const std::vector<std::string>& kindNames();

// Domain rules of RULES.md that apply to the job's kind, and the printed-text check of every
// string of its payload.
RuleReport checkRules(const Job& job);

KindResult renderKind(const Job& job, const Toolkit& toolkit);

// One renderer per kind (documents_*.cpp, parchemins.cpp).
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
