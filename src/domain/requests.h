#pragma once
// The payloads of the job kinds, as domain values. The jobs layer fills them from the JSON
// (after the schema check) and calls the matching check of job_checks.h. Field names follow the
// payload's, so a violation's JSON Pointer reads straight off them.
#include <string>
#include <vector>

#include "domain/dashboard.h"
#include "domain/model.h"
#include "domain/session.h"

namespace ceres::domain {

// What session_results, convocations, dte_request and parchemins_reprint share.
struct SessionPayload {
    Title title;
    Ud ud;
    Centre centre;
    Site site;
    Session session;
    std::vector<Juror> jury;                  // "jury" (absent: empty)
    std::vector<Candidate> candidates;        // "candidates" (absent: empty)
    std::vector<Period> relaxation_periods;   // optional "relaxation_periods" [{from, to}]
};

// session_results: "today" is session.validated_on.
struct SessionResultsPayload : SessionPayload {};

// convocations: "today" is generated_on.
struct ConvocationsPayload : SessionPayload {
    Date generated_on;
    std::vector<std::string> bring;
};

// dte_request: "today" is request.requested_on.
struct DteRequestPayload : SessionPayload {
    DteRequestData request;
};

struct Reprint {
    Date date;
    std::string reason;
};

// parchemins_reprint: "today" is reprint.date.
struct ParcheminsReprintPayload : SessionPayload {
    Reprint reprint;
};

// juror_export: "today" is as_of. Titles carry code, libelle and end_of_life only.
struct JurorExportPayload {
    Centre centre;
    Date as_of;
    std::vector<Title> titles;
    std::vector<Juror> jurors;
};

// print_batch.
struct PrintBatchPayload {
    std::string ud;
    Date issued_from;
    Date issued_to;
    std::string sort = "postal_code";
};

}  // namespace ceres::domain
