#pragma once
// Who may do what (CONTRACT.md): endpoints a profile may never use answer 403, resources outside
// the caller's perimeter answer 404 so that their existence is not revealed.
#include <string>
#include <string_view>

#include "http/caller.h"

namespace ceres::http {

// Whether a token's perimeter is of the kind its profile calls for: SERVICE and DISPATCH `FR`,
// UD a department code, DIRECCTE a region code, CENTRE a SIRET, ACC `FR`, a region or a
// department. A token that does not fit is not a valid token.
bool perimeterFits(std::string_view profile, std::string_view perimeter);

// UD: department code, DIRECCTE: region, CENTRE: SIRET, SERVICE: everything, ACC: everything
// with perimeter FR, else the department or region it names. DISPATCH reads by kind only
// (mayReadDocument).
bool withinPerimeter(const Caller& caller, const Perimeter& perimeter);

// A document the caller may read: SERVICE every one; DISPATCH the print batches and their
// manifests only; ACC the dashboards of its perimeter only; a CENTRE, within its perimeter, the
// documents of the kinds it may submit (convocations, DTE request, juror export) or its
// dashboard, never the PVs or parchemins of its sessions; UD and DIRECCTE every document of
// their perimeter. Anything else is answered as not found.
bool mayReadDocument(const Caller& caller, const std::string& kind, const Perimeter& perimeter);

// Kinds a CENTRE may submit for its own SIRET; SERVICE may submit any kind.
bool maySubmitJobs(const Caller& caller);
bool maySubmitKind(const Caller& caller, const std::string& kind);

// The profiles that may use the jobs endpoint at all (SERVICE and CENTRE).
bool mayReadJobs(const Caller& caller);
// SERVICE reads every job; anyone else only a job it submitted: same `sub`, profile and
// perimeter as the submitter's token.
bool mayReadJob(const Caller& caller, const Caller& submitter);

bool mayUsePrintBatches(const Caller& caller);

}  // namespace ceres::http
