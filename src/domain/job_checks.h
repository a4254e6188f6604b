#pragma once
// One rule check per job kind, run after the schema check. Each takes the job's own "today"
// (validated_on, generated_on, requested_on, reprint date, as_of) from the payload and returns
// every violation found, each with its RULES.md id and the JSON Pointer, relative to the payload,
// of the field at fault (e.g. /candidates/2/first_name, /jury/0, /request/candidate_count).
// Warnings carry the checks a relaxation period lifted (R-SES-2, R-SES-5 trace) and the data
// worth a look (R-DOC-4).
#include "domain/outcome.h"
#include "domain/requests.h"

namespace ceres::domain {

// PV général, PV individuels, parchemins of the ADMIS candidates; today = session.validated_on.
Outcome checkSessionResults(const SessionResultsPayload& payload);
// One convocation per candidate; today = generated_on.
Outcome checkConvocations(const ConvocationsPayload& payload);
// The DTE request form; today = request.requested_on.
Outcome checkDteRequest(const DteRequestPayload& payload);
// Duplicata of parchemins; today = reprint.date.
Outcome checkParcheminsReprint(const ParcheminsReprintPayload& payload);
// The centre's juror list; today = as_of.
Outcome checkJurorExport(const JurorExportPayload& payload);
// The profile's 12-month counts; today = as_of.
Outcome checkDashboard(const DashboardPayload& payload);
// Only the order of the range: a reversed range is a validation error with no rule id.
Outcome checkPrintBatch(const PrintBatchPayload& payload);

// R-CAN-1 folding of every candidate's first and last names, so documents print the normalised form.
void normalizeNames(SessionPayload& payload);

}  // namespace ceres::domain
