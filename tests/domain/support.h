#pragma once
// Shared helpers of the domain tests: literal dates and the reference example payloads
// (samples/*.json, the contract's reference payloads) written out as domain values.
#include <string>

#include "domain/dashboard.h"
#include "domain/model.h"
#include "domain/requests.h"

namespace ceres::domain::test {

// A date literal; a typo in a test fails loudly.
Date day(const std::string& iso);
TimeOfDay hm(const std::string& text);

// contract/examples: the title TP-01318, its UD, centre, site and jury.
Title exampleTitle();
Ud exampleUd();
Centre exampleCentre();
Site exampleSite();
Session exampleSession(SessionStatus status);
Juror durand();  // J-1042, habilitated until the title's end-of-life
Juror nguyen();  // J-2210, habilitated until 2027-12-31
Candidate candidate(const std::string& id, const std::string& last_name,
                    const std::string& first_name, const std::string& birth_date);
// The five candidates of session-results.json with their results and decisions.
std::vector<Candidate> gradedCandidates();

SessionResultsPayload sessionResultsExample();
ConvocationsPayload convocationsExample();
DteRequestPayload dteRequestExample();
ParcheminsReprintPayload parcheminsReprintExample();
JurorExportPayload jurorExportExample();
DashboardPayload dashboardExample();
PrintBatchPayload printBatchExample();

Habilitation habilitation(const std::string& on, HabilitationState state, const std::string& start,
                          const std::string& end);

}  // namespace ceres::domain::test
