#pragma once
// Dispatch manifest of a print batch (job `print_batch`): which pages of the merged PDF go to
// which holder, in the order they are printed.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"

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
    domain::Date issued_from;
    domain::Date issued_to;            // also the workbook's creation date
    std::vector<ManifestEntry> entries;
};

// Receives the next bytes of a CSV manifest, in order.
using ManifestCsvSink = std::function<void(std::string_view bytes)>;

// Both manifests of a print batch, written holder by holder so that their memory does not grow
// with the batch: the XLSX rows go to a constant-memory workbook (a temporary file until
// finish), the CSV bytes to `csv` in slices of whole lines, as they are made. The bytes are the
// same as writePrintManifestXlsx and writePrintManifestCsv give for the same entries.
class PrintManifestWriter {
public:
    // The header comes first: a manifest without entries is the header alone. Throws XlsxError.
    PrintManifestWriter(const std::string& ud_code, const domain::Date& issued_from,
                        const domain::Date& issued_to, ManifestCsvSink csv);
    ~PrintManifestWriter();
    PrintManifestWriter(const PrintManifestWriter&) = delete;
    PrintManifestWriter& operator=(const PrintManifestWriter&) = delete;

    // The next holder, in print order.
    void add(const ManifestEntry& entry);

    // Hands `csv` the last of the CSV and returns the XLSX bytes; call once, after the last add.
    // Throws XlsxError; whatever `csv` throws comes through add and finish.
    std::string finish();

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

// The XLSX bytes: sheet "Manifeste", frozen bold header, autofilter, widths fitted to every
// value. Throws XlsxError.
std::string writePrintManifestXlsx(const PrintManifest& input);

// The CSV bytes: RFC 4180 with ';' as separator (what Excel expects in a French locale), UTF-8
// with a byte-order mark (so Excel does not read it as Windows-1252), CRLF line ends, a header
// line, and every field in double quotes with inner quotes doubled. Missing values are empty
// fields. Values are written unaltered for the dispatch software that reads them (no formula
// escaping); people open the XLSX, where every value is a plain cell.
std::string writePrintManifestCsv(const PrintManifest& input);

}  // namespace ceres::xlsx
