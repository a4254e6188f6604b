#pragma once
// Dashboard workbook (job `dashboard`, R-DOC-5): monthly counts per indicator with native charts.
#include <string>
#include <vector>

#include "domain/date.h"

namespace ceres::xlsx {

struct Indicator {
    std::string name;                  // e.g. "Contrôles"
    std::vector<long> counts;          // one per Dashboard::months entry, same order
};

struct Dashboard {
    std::string profile;               // e.g. UD
    std::string perimeter;             // as named for a reader, e.g. "Gironde (33)"
    domain::Date as_of;                // also the workbook's creation date
    std::vector<domain::Date> months;  // the first day of each month, oldest first: date cells shown "déc. 2025"
    std::vector<Indicator> indicators; // columns, in display order
};

// The XLSX bytes: sheet "Indicateurs" with a title cell, one row per month, a total row, a
// clustered column chart of every indicator and one column chart per indicator.
// Throws std::invalid_argument when an indicator's counts do not match the months, XlsxError
// when writing fails.
std::string writeDashboard(const Dashboard& input);

}  // namespace ceres::xlsx
