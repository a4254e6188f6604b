#pragma once
// The rows of a centre's juror export (R-DOC-4) with each habilitation's eligibility
// (R-HAB-7, R-HAB-8, R-HAB-9) on the export day.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "domain/habilitation.h"
#include "domain/requests.h"

namespace ceres::domain {

struct JurorExportHabilitation {
    std::size_t habilitation_index;         // in Juror::habilitations
    std::optional<std::size_t> title_index;  // in JurorExportPayload::titles; none: unknown title
    JurorEligibility eligibility;            // on as_of
};

struct JurorExportRow {
    std::size_t juror_index;
    std::vector<JurorExportHabilitation> habilitations;
    bool has_contact = false;  // a phone, an email or an address (R-DOC-4)
};

// The row of payload.jurors[juror_index], so that a long export can be made one juror at a time.
JurorExportRow jurorExportRow(const JurorExportPayload& payload, std::size_t juror_index);

// One row per juror, in payload order.
std::vector<JurorExportRow> jurorExportRows(const JurorExportPayload& payload);

// For the titles sheet, e.g. "en prolongation jusqu'au 30/06/2026" (centre type of the export).
std::string titleValidityText(const JurorExportPayload& payload, std::size_t title_index);

}  // namespace ceres::domain
