#pragma once
// Candidates: duplicates (R-CAN-2), registration windows (R-CAN-3), yearly limit (R-CAN-4).
// First names (R-CAN-1) are in first_name.h.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

// A plausible birth date: from reading::earliestBirthDate(), and the holder at least
// reading::kMinimumCandidateAgeYears old on `session_start`. A plain validation error (no rule id).
Outcome checkBirthDate(const Candidate& candidate, Date session_start);

// R-CAN-2: last name, first names and birth date after folding; equal keys are one person.
std::string identityKey(const Candidate& candidate);
bool areDuplicates(const Candidate& a, const Candidate& b);
// Pairs (earlier index, later index) of duplicate records, in order of the later index.
std::vector<std::pair<std::size_t, std::size_t>> findDuplicates(const std::vector<Candidate>& candidates);

// R-CAN-3: registration is open until convocations are edited; after that only a VAE candidate
// within the 30 days before the start (see reading::vaeLateRegistrationOpen).
Outcome checkRegistration(const Session& session, const Candidate& candidate, Date today,
                          bool convocations_edited);
// R-CAN-3: unregistration is open until the start date, inclusive.
Outcome checkUnregistration(const Session& session, const Candidate& candidate, Date today);

// R-CAN-4: at most 3 counted sessions in the year ending at the new session's start; a 4th is
// refused (centre registration and UD validation alike).
Outcome checkYearlySessionLimit(const std::string& candidate_id,
                                const std::vector<SessionAttendance>& candidate_sessions,
                                const SessionAttendance& new_session);

}  // namespace ceres::domain
