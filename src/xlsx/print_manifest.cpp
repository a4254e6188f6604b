#include "xlsx/print_manifest.h"

#include <array>

#include "xlsx/internal/sheet_writer.h"
#include "xlsx/internal/workbook_file.h"

namespace ceres::xlsx {
namespace {

using internal::ColumnWidths;
using internal::SheetWriter;

enum ManifestColumn : lxw_col_t {
    kSequence, kUniqueNumber, kLastName, kFirstNames, kAddress, kPostalCode, kCommune,
    kFirstPage, kLastPage, kColumns
};

const std::array<std::string, kColumns> kHeaders = {
    "Séquence", "Numéro unique", "Nom", "Prénoms", "Adresse", "Code postal", "Commune",
    "Première page", "Dernière page"};

// Every field of an entry as text, by column, null where missing: what the CSV writes and what
// the XLSX widths are fitted to.
std::array<std::optional<std::string>, kColumns> fieldsOf(const ManifestEntry& entry) {
    return {std::to_string(entry.sequence), entry.unique_number, entry.last_name,
            entry.first_names, entry.address_line, entry.postal_code, entry.commune,
            std::to_string(entry.first_page), std::to_string(entry.last_page)};
}

void appendCsvField(std::string& csv, const std::optional<std::string>& field) {
    csv += '"';
    if (field)
        for (char c : *field) {
            if (c == '"')
                csv += '"';
            csv += c;
        }
    csv += '"';
}

template <class Fields>
void appendCsvLine(std::string& csv, const Fields& fields) {
    for (std::size_t column = 0; column < fields.size(); ++column) {
        if (column > 0)
            csv += ';';
        appendCsvField(csv, fields[column]);
    }
    csv += "\r\n";
}

std::string titleOf(const PrintManifest& input) {
    return "Manifeste d'envoi — UD " + input.ud_code + " — du " +
           internal::formatDate(input.issued_from) + " au " +
           internal::formatDate(input.issued_to);
}

}  // namespace

std::string writePrintManifestXlsx(const PrintManifest& input) {
    internal::WorkbookFile book({"print manifest", titleOf(input), input.issued_to,
                                 /*constant_memory=*/true});
    SheetWriter out(book.addSheet("Manifeste"), "print manifest, sheet Manifeste");

    ColumnWidths widths(kColumns);
    for (std::size_t column = 0; column < kColumns; ++column)
        widths.fit(column, kHeaders[column]);
    for (const ManifestEntry& entry : input.entries) {
        const auto fields = fieldsOf(entry);
        for (std::size_t column = 0; column < kColumns; ++column)
            if (fields[column])
                widths.fit(column, *fields[column]);
    }
    widths.apply(out);
    out.header(0, {kHeaders.begin(), kHeaders.end()}, book.bold());
    out.autofilter(0, kColumns, static_cast<lxw_row_t>(input.entries.size()));

    lxw_row_t row = 1;
    for (const ManifestEntry& entry : input.entries) {
        out.number(row, kSequence, entry.sequence);
        out.text(row, kUniqueNumber, entry.unique_number);
        out.text(row, kLastName, entry.last_name);
        out.text(row, kFirstNames, entry.first_names);
        out.text(row, kAddress, entry.address_line);
        out.text(row, kPostalCode, entry.postal_code);
        out.text(row, kCommune, entry.commune);
        out.number(row, kFirstPage, entry.first_page);
        out.number(row, kLastPage, entry.last_page);
        ++row;
    }
    return book.finish();
}

std::string writePrintManifestCsv(const PrintManifest& input) {
    std::string csv = "\xEF\xBB\xBF";
    appendCsvLine(csv, kHeaders);
    for (const ManifestEntry& entry : input.entries)
        appendCsvLine(csv, fieldsOf(entry));
    return csv;
}

}  // namespace ceres::xlsx
