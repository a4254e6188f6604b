#pragma once
// Juror export for a centre (job `juror_export`, R-DOC-4, R-HAB-8): one row per juror and
// habilitation with contacts and the eligibility the caller computed, plus a sheet of titles.
#include <optional>
#include <string>
#include <vector>

#include "xlsx/date.h"

namespace ceres::xlsx {

struct JurorHabilitation {
    std::string title_code;
    std::string title_libelle;
    std::string state;                 // as stored, e.g. ACTIVE, EXPIREE
    std::optional<Date> start;
    std::optional<Date> end;
    bool convocable = false;           // on JurorExport::as_of
    std::string reason;                // why, e.g. "aligné, prolongé 24 mois (R-HAB-7)"
};

struct Juror {
    std::string last_name;
    std::string first_names;
    std::optional<std::string> email;
    std::optional<std::string> phone_pro;
    std::optional<std::string> phone_personal;
    std::optional<std::string> address_line;
    std::optional<std::string> postal_code;
    std::optional<std::string> commune;
    std::vector<JurorHabilitation> habilitations;  // none: one row with the contacts only
};

struct TitleSummary {
    std::string code;
    std::string libelle;
    std::optional<Date> end_of_life;
    std::string prolongation;          // e.g. "en prolongation jusqu'au 30/06/2027"
};

struct JurorExport {
    std::string centre_siret;
    std::string centre_name;
    Date as_of;                        // also the workbook's creation date
    std::vector<Juror> jurors;         // rows follow this order
    std::vector<TitleSummary> titles;
};

// The XLSX bytes: sheet "Jurés" (frozen bold header, autofilter, dd/mm/yyyy date cells, phones
// and postal codes as text, empty cells for missing values) and sheet "Titres".
// Written in constant-memory mode. Throws XlsxError.
std::string writeJurorExport(const JurorExport& input);

}  // namespace ceres::xlsx
