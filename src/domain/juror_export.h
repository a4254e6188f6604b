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
    bool listed_in_search = false;           // R-HAB-8: the juror appears in the search on as_of
};

// R-HAB-8 Reading: the export's two facts in plain words. Whether the juror appears in the search
// of habilitated jurors on the title ("Apparaît dans la recherche des jurés habilités" or
// "N'apparaît pas …"), and whether the juror may sit on a session on as_of (R-HAB-9:
// "Peut siéger le 02/04/2026" or "Ne peut pas siéger le 02/04/2026").
std::string searchFact(const JurorExportHabilitation& habilitation);
std::string sittingFact(const JurorExportHabilitation& habilitation, Date as_of);

struct JurorExportRow {
    std::size_t juror_index;
    std::vector<JurorExportHabilitation> habilitations;
    bool has_contact = false;  // a phone, an email or an address (R-DOC-4)
};

// The row of payload.jurors[juror_index], so that a long export can be made one juror at a time.
JurorExportRow jurorExportRow(const JurorExportPayload& payload, std::size_t juror_index);

// One row per juror, in payload order.
std::vector<JurorExportRow> jurorExportRows(const JurorExportPayload& payload);

// What a row says without the eligibility: whether the juror can be contacted (phone, e-mail or
// address), and the index in payload.titles of the title a habilitation is on, if the export has it.
bool hasContact(const Juror& juror);
std::optional<std::size_t> titleIndexOf(const std::vector<Title>& titles, const std::string& code);

// For the titles sheet, e.g. "en prolongation jusqu'au 30/06/2026" (centre type of the export).
std::string titleValidityText(const JurorExportPayload& payload, std::size_t title_index);

}  // namespace ceres::domain
