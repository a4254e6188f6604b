#pragma once
// Sessions: defaults (R-SES-1), lead times and relaxation periods (R-SES-2), convocations
// (R-SES-3), date changes (R-SES-4), DTE requests (R-SES-5) and result versions (R-SES-6).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

// R-SES-1: a new session starts on its creation day at 08:00; the convocation defaults to the
// first session day at 08:00 (a centre may choose another time).
struct SessionDefaults {
    Date start;
    TimeOfDay start_time;
    Convocation convocation;
};
TimeOfDay defaultStartTime();
SessionDefaults newSessionDefaults(Date creation_day);
// The convocation the session carries, or the R-SES-1 default.
Convocation effectiveConvocation(const Session& session);

// R-SES-2: the DTE request at least 3 months before the start (that day included).
inline constexpr int kDteLeadMonths = 3;
Date lastDteRequestDay(Date start);

// R-SES-2: refused when late, unless a relaxation period covers `requested_on`, in which case the
// lifted check comes back as a warning (the session's trace).
Outcome checkDteLeadTime(const Session& session, Date requested_on,
                         const std::vector<Period>& relaxation_periods);
// R-SES-2: convocations 1 month before a TITRE session, 15 days before a CCP or CCS session.
// Late convocations are allowed when every candidate is a VAE candidate registered late
// (reading::exemptFromConvocationLeadTime): one warning per candidate, the trace of the exemption.
Outcome checkConvocationLeadTime(const Session& session, Date generated_on,
                                 const std::vector<Period>& relaxation_periods,
                                 const std::vector<Candidate>& candidates);

// R-SES-3: no convocations for a session without a registered candidate.
Outcome checkConvocationsHaveCandidates(const Session& session, std::size_t registered_candidates);

// R-SES-4: the centre moves the start only while EN_PREPARATION; the UD moves dates while the
// session is EN_PREPARATION, DTE_DEMANDEE or CONVOCATIONS_ENVOYEES and today < start.
Outcome checkDateChange(Profile profile, const Session& session, Date today);

struct DteRequestData {
    Date requested_on;
    int candidate_count = 0;  // required
    Date envelope_reception_date;
    std::optional<std::string> comment;
};

// R-SES-5: 0 candidates only inside a relaxation period covering requested_on (then a warning).
Outcome checkDteCandidateCount(const Session& session, const DteRequestData& request,
                               const std::vector<Period>& relaxation_periods);
// R-SES-5: envelopes expected by the first session day (reading::envelopesArriveInTime).
Outcome checkEnvelopeReception(const Session& session, const DteRequestData& request);
// R-SES-7: a session ends, planned and actually, no earlier than it starts. Unlike the other
// checks here, the subjects are JSON Pointers into a session payload: /session/end or
// /session/actual_end.
Outcome checkSessionPeriod(const Session& session);
// R-SES-5: the two checks above and the order of the dates.
Outcome checkDteRequestData(const Session& session, const DteRequestData& request,
                            const std::vector<Period>& relaxation_periods);

// R-SES-6: results can be entered once the actual end date is entered.
Outcome checkResultsEntry(const Session& session);

// R-SES-6: the PV version after results are saved: the first entry is version 1; unchanged
// results keep the version; changed results of a VALIDEE session need it unlocked (débloquée) and
// make a new version that supersedes the previous one.
struct ResultsVersion {
    Outcome outcome;
    int version = 1;
};
ResultsVersion resultsVersionAfterSave(const Session& session, bool results_changed);

}  // namespace ceres::domain
