#pragma once
// Who may do what (CONTRACT.md): endpoints a profile may never use answer 403, resources outside
// the caller's perimeter answer 404 so that their existence is not revealed.
#include <string>

#include "http/caller.h"

namespace ceres::http {

// UD: department code, DIRECCTE: region, CENTRE: SIRET, SERVICE and DISPATCH: everything,
// ACC: everything with perimeter FR, else its department.
bool withinPerimeter(const Caller& caller, const Perimeter& perimeter);

// A document the caller may read: within its perimeter and, for a CENTRE, one of the documents
// of the kinds it may submit (convocations, DTE request, juror export) or its dashboard, never
// the PVs or parchemins of its sessions. Anything else is answered as not found.
bool mayReadDocument(const Caller& caller, const std::string& kind, const Perimeter& perimeter);

// Kinds a CENTRE may submit for its own SIRET; SERVICE may submit any kind.
bool maySubmitJobs(const Caller& caller);
bool maySubmitKind(const Caller& caller, const std::string& kind);

// SERVICE reads every job; a CENTRE only the ones it submitted (checked separately).
bool mayReadJobs(const Caller& caller);
bool mayReadJob(const Caller& caller, const std::string& submitter);

bool mayUsePrintBatches(const Caller& caller);

}  // namespace ceres::http
