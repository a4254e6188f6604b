#include "xlsx/print_manifest.h"

#include <array>
#include <stdexcept>
#include <utility>

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

// The CSV goes to its sink in slices of about this size: a sink that writes to a file would
// otherwise make a system call per holder.
constexpr std::size_t kCsvSliceBytes = 64 * 1024;

std::string_view orEmpty(const std::optional<std::string>& value) {
    return value ? std::string_view(*value) : std::string_view();
}

// Every field of an entry as text, by column, empty where missing: what the CSV writes and what
// the XLSX widths are fitted to. Refers to the entry's strings, so lives no longer than it.
class EntryTexts {
public:
    explicit EntryTexts(const ManifestEntry& entry)
        : sequence_(std::to_string(entry.sequence)),
          first_page_(std::to_string(entry.first_page)),
          last_page_(std::to_string(entry.last_page)),
          fields_{sequence_, entry.unique_number, entry.last_name, entry.first_names,
                  orEmpty(entry.address_line), orEmpty(entry.postal_code), orEmpty(entry.commune),
                  first_page_, last_page_} {}
    EntryTexts(const EntryTexts&) = delete;
    EntryTexts& operator=(const EntryTexts&) = delete;

    const std::array<std::string_view, kColumns>& fields() const { return fields_; }

private:
    std::string sequence_;
    std::string first_page_;
    std::string last_page_;
    std::array<std::string_view, kColumns> fields_;  // after the strings it refers to
};

void appendCsvField(std::string& csv, std::string_view field) {
    csv += '"';
    for (char c : field) {
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

// The CSV manifest: byte-order mark and header line first, then a line per entry, handed to
// the sink in slices of whole lines.
class ManifestCsv {
public:
    explicit ManifestCsv(ManifestCsvSink sink) : sink_(std::move(sink)) {
        buffer_.reserve(kCsvSliceBytes + 1024);
        buffer_ = "\xEF\xBB\xBF";
        appendCsvLine(buffer_, kHeaders);
    }

    void add(const EntryTexts& entry) {
        appendCsvLine(buffer_, entry.fields());
        if (buffer_.size() >= kCsvSliceBytes)
            flush();
    }

    void finish() { flush(); }

private:
    void flush() {
        if (buffer_.empty())
            return;
        sink_(buffer_);
        buffer_.clear();
    }

    ManifestCsvSink sink_;
    std::string buffer_;
};

std::string titleOf(const std::string& ud_code, const domain::Date& issued_from,
                    const domain::Date& issued_to) {
    return "Manifeste d'envoi — UD " + ud_code + " — du " + internal::formatDate(issued_from) +
           " au " + internal::formatDate(issued_to);
}

// The XLSX manifest, in constant-memory mode: each row goes to the workbook's temporary file as
// the next one starts. Widths are fitted while the rows are written and applied, with the
// autofilter, at the end (libxlsxwriter writes both when the workbook is closed).
class ManifestSheet {
public:
    ManifestSheet(const std::string& ud_code, const domain::Date& issued_from,
                  const domain::Date& issued_to)
        : book_({"print manifest", titleOf(ud_code, issued_from, issued_to), issued_to,
                 /*constant_memory=*/true}),
          out_(book_.addSheet("Manifeste"), "print manifest, sheet Manifeste"),
          widths_(kColumns) {
        for (std::size_t column = 0; column < kColumns; ++column)
            widths_.fit(column, kHeaders[column]);
        out_.header(0, {kHeaders.begin(), kHeaders.end()}, book_.bold());
    }

    void add(const ManifestEntry& entry, const EntryTexts& texts) {
        for (std::size_t column = 0; column < kColumns; ++column)
            widths_.fit(column, texts.fields()[column]);
        ++last_row_;
        out_.number(last_row_, kSequence, entry.sequence);
        out_.text(last_row_, kUniqueNumber, entry.unique_number);
        out_.text(last_row_, kLastName, entry.last_name);
        out_.text(last_row_, kFirstNames, entry.first_names);
        out_.text(last_row_, kAddress, entry.address_line);
        out_.text(last_row_, kPostalCode, entry.postal_code);
        out_.text(last_row_, kCommune, entry.commune);
        out_.number(last_row_, kFirstPage, entry.first_page);
        out_.number(last_row_, kLastPage, entry.last_page);
    }

    std::string finish() {
        widths_.apply(out_);
        out_.autofilter(0, kColumns, last_row_);
        return book_.finish();
    }

private:
    internal::WorkbookFile book_;
    SheetWriter out_;
    ColumnWidths widths_;
    lxw_row_t last_row_ = 0;
};

}  // namespace

struct PrintManifestWriter::Parts {
    Parts(const std::string& ud_code, const domain::Date& issued_from,
          const domain::Date& issued_to, ManifestCsvSink csv_sink)
        : sheet(ud_code, issued_from, issued_to), csv(std::move(csv_sink)) {}

    ManifestSheet sheet;
    ManifestCsv csv;
};

PrintManifestWriter::PrintManifestWriter(const std::string& ud_code,
                                         const domain::Date& issued_from,
                                         const domain::Date& issued_to, ManifestCsvSink csv)
    : parts_(std::make_unique<Parts>(ud_code, issued_from, issued_to, std::move(csv))) {}

PrintManifestWriter::~PrintManifestWriter() = default;

void PrintManifestWriter::add(const ManifestEntry& entry) {
    if (!parts_)
        throw std::logic_error("print manifest already finished");
    const EntryTexts texts(entry);
    parts_->sheet.add(entry, texts);
    parts_->csv.add(texts);
}

std::string PrintManifestWriter::finish() {
    if (!parts_)
        throw std::logic_error("print manifest already finished");
    const std::unique_ptr<Parts> parts = std::move(parts_);
    parts->csv.finish();
    return parts->sheet.finish();
}

std::string writePrintManifestXlsx(const PrintManifest& input) {
    ManifestSheet sheet(input.ud_code, input.issued_from, input.issued_to);
    for (const ManifestEntry& entry : input.entries)
        sheet.add(entry, EntryTexts(entry));
    return sheet.finish();
}

std::string writePrintManifestCsv(const PrintManifest& input) {
    std::string csv;
    ManifestCsv lines([&csv](std::string_view bytes) { csv += bytes; });
    for (const ManifestEntry& entry : input.entries)
        lines.add(EntryTexts(entry));
    lines.finish();
    return csv;
}

}  // namespace ceres::xlsx
