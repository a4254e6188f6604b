#include "jobs/kinds.h"

#include <algorithm>
#include <stdexcept>

#include "domain/job_checks.h"

namespace ceres::jobs {
namespace {

// The row of kind K: its payload type is the variant's alternative K, its rules the domain's check
// of that type.
template <Kind K>
using PayloadOf = std::variant_alternative_t<static_cast<std::size_t>(K), Payload>;

template <Kind K, PayloadOf<K> (*Read)(const rapidjson::Value*), domain::Outcome (*Check)(const PayloadOf<K>&)>
constexpr KindSpec row(std::string_view name, KindResult (*render)(const Job&, const Toolkit&), bool centre_may_submit) {
    return KindSpec{K,
                    name,
                    [](const rapidjson::Value* payload) -> Payload {
                        return Payload(std::in_place_index<static_cast<std::size_t>(K)>, Read(payload));
                    },
                    [](const Payload& payload) { return Check(std::get<static_cast<std::size_t>(K)>(payload)); },
                    render,
                    centre_may_submit};
}

constexpr std::array<KindSpec, kKindCount> kKinds = {
    row<Kind::SessionResults, sessionResultsPayload, domain::checkSessionResults>("session_results", renderSessionResults, false),
    row<Kind::Convocations, convocationsPayload, domain::checkConvocations>("convocations", renderConvocations, true),
    row<Kind::DteRequest, dteRequestPayload, domain::checkDteRequest>("dte_request", renderDteRequest, true),
    row<Kind::ParcheminsReprint, parcheminsReprintPayload, domain::checkParcheminsReprint>("parchemins_reprint", renderParcheminsReprint, false),
    row<Kind::PrintBatch, printBatchPayload, domain::checkPrintBatch>("print_batch", renderPrintBatch, false),
    row<Kind::JurorExport, jurorExportPayload, domain::checkJurorExport>("juror_export", renderJurorExport, true),
    row<Kind::Dashboard, dashboardPayload, domain::checkDashboard>("dashboard", renderDashboard, false),
};

// Row i is the kind i: the table and the enum cannot drift apart.
constexpr bool inOrder() {
    for (std::size_t i = 0; i < kKinds.size(); ++i)
        if (static_cast<std::size_t>(kKinds[i].kind) != i) return false;
    return true;
}
static_assert(inOrder(), "the table of kinds follows the order of Kind and Payload");

}  // namespace

const std::array<KindSpec, kKindCount>& kindTable() { return kKinds; }

const KindSpec& specOf(Kind kind) { return kKinds[static_cast<std::size_t>(kind)]; }

std::string_view nameOf(Kind kind) { return specOf(kind).name; }

std::optional<Kind> kindNamed(std::string_view name) {
    for (const auto& spec : kKinds)
        if (spec.name == name) return spec.kind;
    return std::nullopt;
}

const std::vector<std::string>& kindNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto& spec : kKinds) out.emplace_back(spec.name);
        return out;
    }();
    return names;
}

KindResult renderKind(const Job& job, const Toolkit& toolkit) { return specOf(job.kind).render(job, toolkit); }

}  // namespace ceres::jobs
