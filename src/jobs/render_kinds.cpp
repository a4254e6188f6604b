#include "jobs/kinds.h"

namespace ceres::jobs {

KindResult renderKind(const Job& job, const Toolkit& toolkit) {
    if (job.kind == "session_results") return renderSessionResults(job, toolkit);
    if (job.kind == "convocations") return renderConvocations(job, toolkit);
    if (job.kind == "dte_request") return renderDteRequest(job, toolkit);
    if (job.kind == "parchemins_reprint") return renderParcheminsReprint(job, toolkit);
    if (job.kind == "print_batch") return renderPrintBatch(job, toolkit);
    if (job.kind == "juror_export") return renderJurorExport(job, toolkit);
    if (job.kind == "dashboard") return renderDashboard(job, toolkit);
    throw std::logic_error("no renderer for kind '" + job.kind + "'");
}

}  // namespace ceres::jobs
