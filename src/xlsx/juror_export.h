#pragma once
// Juror export for a centre (job `juror_export`, R-DOC-4, R-HAB-8): one row per juror and
// habilitation with contacts and the eligibility the caller computed, plus a sheet of titles.
// The rows are streamed: the caller hands them over one at a time, so the memory an export needs
// does not grow with its length.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace ceres::xlsx {

// One row of sheet "Jurés": a juror's contacts and one of their habilitations, or the contacts
// alone for a juror without habilitation. An empty text or a missing value is an empty cell.
struct JurorRow {
    std::string last_name;
    std::string first_names;
    std::string email;
    std::string phone_pro;
    std::string phone_personal;
    std::string address_line;
    std::string postal_code;
    std::string commune;
    std::string title_code;
    std::string title_libelle;
    std::string state;                 // in words, e.g. Active, Expirée
    std::optional<domain::Date> start;
    std::optional<domain::Date> end;
    std::optional<bool> convocable;    // on JurorExport::as_of; none without habilitation
    std::string reason;                // why, in words, e.g. "alignée sur la fin de vie du titre"
    std::string rule;                  // the rule that decided, e.g. R-HAB-7; empty when none
};

// Fills `row` with the next row and returns true, or returns false when there is none left.
// `row` arrives empty; it is the same object at every call, so its strings keep their capacity.
using JurorRowSource = std::function<bool(JurorRow& row)>;

struct TitleSummary {
    std::string code;
    std::string libelle;
    std::optional<domain::Date> end_of_life;
    std::string prolongation;          // e.g. "en prolongation jusqu'au 30/06/2027"
};

struct JurorExport {
    std::string centre_siret;
    std::string centre_name;
    domain::Date as_of;                // also the workbook's creation date
    std::vector<TitleSummary> titles;
};

// The XLSX bytes: sheet "Jurés" with the rows of `rows` in the order they come (frozen bold
// header, autofilter, dd/mm/yyyy date cells, phones and postal codes as text, empty cells for
// missing values, widths fitted to every value) and sheet "Titres". Written in constant-memory
// mode: one row is held at a time. Throws XlsxError.
std::string writeJurorExport(const JurorExport& input, const JurorRowSource& rows);

}  // namespace ceres::xlsx
