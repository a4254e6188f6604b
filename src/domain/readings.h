#pragma once
// Every place where RULES.md leaves a choice ("Reading") or where the seeds are silent and the
// code had to choose. Each choice lives here once, so changing it is a one-line edit.
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"
#include "domain/model.h"

namespace ceres::domain::reading {

// R-HAB-7: aligned habilitations stay convocable 24 months past the title's end-of-life, whatever
// the centre type, since a juror serves every centre. The same span is the juror-side
// "prolongation" of R-HAB-1, R-HAB-2 and R-HAB-8.
inline constexpr int kJurorExtensionMonths = 24;

// R-HAB-7: the extension applies to an ACTIVE habilitation and to one the system marked EXPIREE
// when its stored period ended; a draft, suspended or deleted habilitation is never convocable.
bool extensionApplies(HabilitationState state);

// R-HAB-9: the codes a juror must be habilitated on to sit on a session: the TP for a TITRE
// session, the TP or one of its CCPs for a CCP session, the session's CCS for a CCS session.
bool habilitationCoversSession(const std::string& habilitation_code, const Session& session,
                               const Title& title);

// R-HAB-5: a habilitation on the whole TP covers every CCP of the TP.
bool habilitationCoversCcpOf(const std::string& habilitation_code, const Title& title);

// R-HAB-3: a session blocks the deletion of a habilitation unless it was cancelled; it blocks the
// inactivation of a juror while it awaits validation, i.e. is neither validated nor cancelled.
bool blocksHabilitationDeletion(SessionStatus status);
bool awaitsValidation(SessionStatus status);

// R-TIT-3, R-HAB-8: a habilitation on the TP or on one of its CCPs or CCSs is "on the title"
// (the unit code carries the TP number: CP-01318-1 is a unit of TP-01318).
bool belongsToTitle(const std::string& code, const Title& title);

// R-SES-2: "at least N months before the start" means day + N months <= start, month arithmetic
// clamping to month end as in R-TIT-2. Returns the last such day: 31 January for a start on
// 28 February and N = 1, since 31 Jan + 1 month = 28 Feb.
Date lastDayMonthsBefore(Date start, int months);

// R-SES-2: convocations at least 1 month before a TITRE session, 15 days before a CCP or CCS one.
// Returns the last day on which convocations may be produced.
Date lastConvocationDay(SessionType type, Date start);

// R-SES-2: a convocation for a VAE candidate registered inside the R-CAN-3 window
// (vaeLateRegistrationOpen on the registration day) is exempt from the convocation lead time;
// the exemption goes into the trace like a relaxation.
bool exemptFromConvocationLeadTime(const Candidate& candidate, Date session_start);

// R-SES-2 and R-SES-5: a relaxation period lifts a check when the day of the action (generation,
// request) falls inside it, bounds included.
bool relaxationLifts(const std::vector<Period>& relaxation_periods, Date action_day);

// R-SES-5: the envelopes are expected no later than the session's first day.
bool envelopesArriveInTime(Date envelope_reception, Date session_start);

// R-SES-6: the actual end of a session: `actual_end` when entered; for a session already
// VALIDEE without one, the UD validated the planned `end`.
std::optional<Date> actualEndOf(const Session& session);

// R-SES-7: a result may name a CCP of the title, or the session's CCS (`ccs_code`).
bool resultUnitAllowed(const std::string& unit_code, const Session& session, const Title& title);

// R-SES-7: the results a present candidate lacks. A TITRE session grades every CCP of the title;
// a CCS session grades its CCS; a CCP session grades the CCPs the candidate took, so it needs at
// least one result on a CCP of the title (all of them are named when none is there).
std::vector<std::string> missingResults(const Candidate& candidate, const Session& session,
                                        const Title& title);

// R-CAN-3: after convocations were edited, a VAE candidate can still be registered when today is
// within [start - 30 days, start - 1 day].
inline constexpr int kVaeRegistrationDays = 30;
bool vaeLateRegistrationOpen(Date session_start, Date today);

// Birth dates (no rule in RULES.md; exam regulations): born on or after 1900-01-01 and at least
// 14 years old on the session's first day.
inline constexpr int kMinimumCandidateAgeYears = 14;
Date earliestBirthDate();

// R-CAN-4: "per year" = the 365 days ending at the new session's start date, bounds included;
// cancelled sessions do not count. TITRE sessions always count and CCP sessions count when they
// have a final interview ("sessions Titre ou CCP avec entretien final"; seed 001 frees only "CCP
// sans entretien final" and CCS sessions).
inline constexpr int kYearlyLimitDays = 365;
inline constexpr int kYearlySessionLimit = 3;
bool countsTowardsYearlyLimit(SessionType type, bool final_interview);

// R-DOC-5: the 12 calendar months ending with the month of `as_of`, that month counted up to
// `as_of` inclusive: [first day of (month of as_of) - 11 months, as_of]. A dashboard as of
// 2026-11-05 counts December 2025 to 5 November 2026.
inline constexpr int kDashboardMonths = 12;
Period dashboardWindow(Date as_of);

// R-DOC-5: the payload is already scoped by the backend; an event carrying no perimeter key
// (ud, region, siret) is inside the caller's perimeter, one carrying a different key is outside.
// ACC's perimeter is a department code like the UD's, or FR for all of France.
inline constexpr const char* kWholeCountry = "FR";

// R-ETB-1: the recovery centre (centre de reprise) has the special SIRET of zeros, which CERES
// writes with 13 zeros (seed 004); 13 and 14 zeros are both that centre, named on documents
// kRecoveryCentreName.
inline constexpr const char* kRecoveryCentreSiret = "0000000000000";
inline constexpr const char* kRecoveryCentreSiret14 = "00000000000000";
inline constexpr const char* kRecoveryCentreName = "Centre de reprise";

// R-DOC-2: a parchemin goes only to a candidate whose decision is ADMIS; any other decision is
// refused under R-DOC-2 (the rule of the parchemin's identity).
inline constexpr const char* kParcheminDecisionRule = "R-DOC-2";

}  // namespace ceres::domain::reading
