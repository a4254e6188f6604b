#pragma once
// Results coherent with the title (R-SES-7): which units a candidate's results may and must name,
// and what ADMIS and ABSENT require. The order of a session's dates is
// checkSessionPeriod (session.h).
#include <string>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

// R-SES-7 for one candidate: results name only the units reading::resultUnitAllowed accepts, a
// present candidate (decision other than ABSENT) has the results reading::resultsComplete asks
// for, ADMIS needs every result ACQUIS, ABSENT needs every result ABSENT. Each violation names
// the candidate and the unit code; its subject is `at` (the candidate's JSON Pointer, e.g.
// /candidates/2) followed by /results/<code>, /results or /decision.
Outcome checkResultsCoherent(const Title& title, const Session& session, const Candidate& candidate,
                             const std::string& at);

}  // namespace ceres::domain
