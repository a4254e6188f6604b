#pragma once
// Juror habilitations: the actions agents take on them (R-HAB-1 to R-HAB-4), CCS habilitations
// (R-HAB-5), seniority (R-HAB-6), convocability (R-HAB-7, R-HAB-9), the search on a title in
// prolongation (R-HAB-8) and the jury size (R-HAB-10).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

enum class HabilitationAction { Validate, Delete, Reactivate, BackToDraft, Suspend };

// The state an allowed action leads to.
HabilitationState stateAfter(HabilitationAction action);

// R-HAB-1 (allowed transitions, UD and DIRECCTE only), R-HAB-2 (nothing on an expired
// habilitation whose title is beyond prolongation), R-HAB-3 (no deletion while the juror sits on
// a session) and R-HAB-4 (reactivate, suspend, delete succeed with a warning).
// `juror_sessions` are the statuses of the sessions the juror is registered to.
Outcome checkHabilitationAction(Profile profile, HabilitationAction action,
                                const Habilitation& habilitation, const Title& title, Date today,
                                const std::vector<SessionStatus>& juror_sessions);

// R-HAB-3 and R-HAB-4 for inactivating a juror.
Outcome checkJurorInactivation(const Juror& juror, const std::vector<SessionStatus>& juror_sessions);

// R-HAB-5: a CCS habilitation needs an active habilitation on a CCP of the title (or the TP) on
// its start day.
Outcome checkCcsHabilitation(const Title& title, const std::string& ccs_code, const Juror& juror,
                             Date habilitation_start);
// R-HAB-5: a juror put on a CCS session must be habilitated on that CCS.
Outcome checkCcsSessionJuror(const Session& session, const Title& title, const Juror& juror);

// R-HAB-6: refused when the last known day in the job is more than 5 years before the start.
inline constexpr int kSeniorityYears = 5;
Outcome checkSeniority(const Juror& juror, Date habilitation_start);

enum class Eligibility {
    Running,          // ACTIVE and the day within its stored period
    ExtendedAligned,  // aligned on the title's end-of-life and within the 24 months (R-HAB-7)
    ExpiredRecently,  // expired less than 6 months ago: listed (R-HAB-8), not convocable
    NotConvocable,
};

struct JurorEligibility {
    Eligibility eligibility = Eligibility::NotConvocable;
    bool convocable = false;
    std::string reason;  // French, shown in the juror export
};

// R-HAB-8: "expired less than 6 months ago" means end < day < end + 6 months.
inline constexpr int kRecentExpiryMonths = 6;

// R-HAB-7, R-HAB-8, R-HAB-9: one habilitation seen on `day` against the title it belongs to.
JurorEligibility habilitationEligibility(const Habilitation& habilitation, const Title& title,
                                         Date day);
// The best of the juror's habilitations whose code `title` covers (TP, CCP or CCS of it).
JurorEligibility jurorEligibility(const Juror& juror, const Title& title, Date day);

struct JurorMatch {
    std::size_t juror_index;
    JurorEligibility eligibility;
};

// R-HAB-8: whether an habilitation with this eligibility on `day` makes its juror appear when
// searching habilitated jurors on `title`: convocable, or, while the title is in prolongation,
// expired less than 6 months ago (listed but not convocable).
bool listedInSearch(const JurorEligibility& eligibility, const Title& title, Date day);

// R-HAB-8: the jurors listed when searching habilitated jurors on `title`: running, aligned
// (extended), and, while the title is in prolongation, expired less than 6 months ago; in
// `jurors` order.
std::vector<JurorMatch> searchHabilitatedJurors(const std::vector<Juror>& jurors,
                                                const Title& title, Date today);

// R-HAB-9: convocable on every day of [first_day, last_day] on a code that covers the session.
bool sitsLegitimately(const Juror& juror, const Session& session, const Title& title,
                      Date first_day, Date last_day);

// R-HAB-9 for one member; the subject is the juror id.
Outcome checkJurorSits(const Juror& juror, const Session& session, const Title& title,
                       Date first_day, Date last_day);

// R-HAB-10: at least two habilitated members; the subject is the session id.
inline constexpr std::size_t kMinimumJurySize = 2;
Outcome checkJurySize(const Session& session, std::size_t habilitated_members);

}  // namespace ceres::domain
