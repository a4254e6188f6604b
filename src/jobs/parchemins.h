#pragma once
// Parchemins (R-DOC-2, R-DOC-3, R-TIT-4): numbered once by the registry, sealed with a signed
// 2D code, rendered again identically for reprints and print batches.
#include <string>
#include <vector>

#include "domain/requests.h"
#include "jobs/kinds.h"
#include "jobs/payload.h"

namespace ceres::jobs {

// One parchemin per ADMIS candidate of a validated session. The registry reserves their numbers
// when this is made, one by one in the candidates' order; their records (numbers reserved, not yet
// issued) are added to `records`. Then each is rendered by render(i), once, from any thread:
// parchemins render in parallel, each from its own data.
class SessionParchemins {
public:
    SessionParchemins(const domain::SessionResultsPayload& payload, const PrintedFields& printed,
                      const Toolkit& toolkit, std::vector<ParcheminRecord>& records);
    ~SessionParchemins();
    SessionParchemins(const SessionParchemins&) = delete;
    SessionParchemins& operator=(const SessionParchemins&) = delete;

    std::size_t size() const;
    Document render(std::size_t index) const;

private:
    struct Reserved;
    const domain::SessionResultsPayload& payload_;
    const Toolkit& toolkit_;
    std::vector<Reserved> reserved_;
};

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
