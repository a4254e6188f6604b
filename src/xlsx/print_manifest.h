#pragma once
// Dispatch manifest of a print batch (job `print_batch`): which pages of the merged PDF go to
// which holder, in the order they are printed.
#include <optional>
#include <string>
#include <vector>

#include "xlsx/date.h"

namespace ceres::xlsx {

struct ManifestEntry {
    int sequence = 0;
    std::string unique_number;
    std::string last_name;
    std::string first_names;
    std::optional<std::string> address_line;
    std::optional<std::string> postal_code;
    std::optional<std::string> commune;
    int first_page = 0;                // 1-based, in the merged PDF
    int last_page = 0;
};

struct PrintManifest {
    std::string ud_code;
    Date issued_from;
    Date issued_to;                    // also the workbook's creation date
    std::vector<ManifestEntry> entries;
};

// The XLSX bytes: sheet "Manifeste", frozen bold header, autofilter. Throws XlsxError.
std::string writePrintManifestXlsx(const PrintManifest& input);

// The CSV bytes: RFC 4180 with ';' as separator (what Excel expects in a French locale), UTF-8
// with a byte-order mark (so Excel does not read it as Windows-1252), CRLF line ends, a header
// line, and every field in double quotes with inner quotes doubled. Missing values are empty
// fields. Values are written unaltered for the dispatch software that reads them (no formula
// escaping); people open the XLSX, where every value is a plain cell.
std::string writePrintManifestCsv(const PrintManifest& input);

}  // namespace ceres::xlsx
