#pragma once
// Parchemins (R-DOC-2, R-DOC-3, R-TIT-4): numbered once by the registry, sealed with a signed
// 2D code, rendered again identically for reprints and print batches.
#include <functional>
#include <string>
#include <vector>

#include "domain/requests.h"
#include "jobs/kinds.h"
#include "jobs/payload.h"

namespace ceres::jobs {

// One parchemin per ADMIS candidate of a validated session; numbers come from the registry.
// `issued` is called after each parchemin, for progress.
// Their records (numbers reserved, not yet issued) are added to `records`.
std::vector<Document> issueParchemins(const domain::SessionResultsPayload& payload, const PrintedFields& printed,
                                      const Toolkit& toolkit, std::vector<ParcheminRecord>& records,
                                      const std::function<void()>& issued = {});

// Validation's part of sealing: every parchemin the job would seal (session_results: each ADMIS
// candidate; parchemins_reprint: each candidate as the payload describes it) is composed as the
// 2D code would be, so that what the seal refuses is refused before the job is queued.
std::vector<Problem> sealingProblems(const Job& job);

// What the registry keeps when a parchemin is issued (ParcheminRecord::data_json): the diploma's
// data, its sealed fields and the holder's postal address, all that reprints and print batches
// need to render it again.
std::string parcheminRecordData(const domain::SessionPayload& payload, const domain::Candidate& candidate,
                                const PrintedFields& printed = {});

}  // namespace ceres::jobs
