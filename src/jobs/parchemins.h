#pragma once
// Parchemins (R-DOC-2, R-DOC-3, R-TIT-4): numbered once by the registry, sealed with a signed
// 2D code, rendered again identically for reprints and print batches.
#include <vector>

#include "domain/requests.h"
#include "jobs/kinds.h"

namespace ceres::jobs {

// One parchemin per ADMIS candidate of a validated session; numbers come from the registry.
std::vector<Document> issueParchemins(const domain::SessionResultsPayload& payload, const Toolkit& toolkit);

}  // namespace ceres::jobs
