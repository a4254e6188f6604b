#include "xlsx/juror_export.h"

#include <array>
#include <utility>

#include "xlsx/internal/sheet_writer.h"
#include "xlsx/internal/workbook_file.h"

namespace ceres::xlsx {
namespace {

using internal::ColumnWidths;
using internal::SheetWriter;

enum JurorColumn : lxw_col_t {
    kLastName, kFirstNames, kEmail, kPhonePro, kPhonePersonal, kAddress, kPostalCode, kCommune,
    kTitleCode, kTitleLibelle, kState, kStart, kEnd, kConvocable, kReason, kRule, kJurorColumns
};

enum TitleColumn : lxw_col_t { kCode, kLibelle, kEndOfLife, kProlongation, kTitleColumns };

constexpr std::size_t kDateCharacters = 10;  // dd/mm/yyyy

const std::string kYes = "Oui";
const std::string kNo = "Non";

// The text cells of a row and their columns; the dates and the yes/no column are apart.
constexpr std::array<std::pair<JurorColumn, std::string JurorRow::*>, 13> kTextCells = {{
    {kLastName, &JurorRow::last_name},
    {kFirstNames, &JurorRow::first_names},
    {kEmail, &JurorRow::email},
    {kPhonePro, &JurorRow::phone_pro},
    {kPhonePersonal, &JurorRow::phone_personal},
    {kAddress, &JurorRow::address_line},
    {kPostalCode, &JurorRow::postal_code},
    {kCommune, &JurorRow::commune},
    {kTitleCode, &JurorRow::title_code},
    {kTitleLibelle, &JurorRow::title_libelle},
    {kState, &JurorRow::state},
    {kReason, &JurorRow::reason},
    {kRule, &JurorRow::rule},
}};

// Empties `row` for the next one without giving back its strings' memory.
void clear(JurorRow& row) {
    for (const auto& [column, text] : kTextCells)
        (row.*text).clear();
    row.start.reset();
    row.end.reset();
    row.convocable.reset();
}

std::vector<std::string> jurorHeaders(const domain::Date& as_of) {
    return {"Nom", "Prénoms", "Courriel", "Téléphone professionnel", "Téléphone personnel",
            "Adresse", "Code postal", "Commune", "Code TP", "Libellé TP",
            "État de l’habilitation", "Début", "Fin",
            "Convocable au " + internal::formatDate(as_of), "Motif", "Règle"};
}

ColumnWidths headerWidths(const std::vector<std::string>& headers) {
    ColumnWidths widths(headers.size());
    for (std::size_t column = 0; column < headers.size(); ++column)
        widths.fit(column, headers[column]);
    return widths;
}

class JurorSheet {
public:
    JurorSheet(internal::WorkbookFile& book, const std::vector<std::string>& headers)
        : book_(book),
          out_(book.addSheet("Jurés"), "juror export, sheet Jurés"),
          widths_(headerWidths(headers)) {
        widths_.fitCharacters(kStart, kDateCharacters);
        widths_.fitCharacters(kEnd, kDateCharacters);
        out_.header(0, headers, book_.bold());
    }

    void write(const JurorRow& row) {
        ++last_row_;
        for (const auto& [column, text] : kTextCells)
            cell(column, row.*text);
        if (row.convocable)
            cell(kConvocable, *row.convocable ? kYes : kNo);
        out_.date(last_row_, kStart, row.start, book_.date());
        out_.date(last_row_, kEnd, row.end, book_.date());
    }

    // Widths and autofilter cover every row written.
    void finish() {
        widths_.apply(out_);
        out_.autofilter(0, kJurorColumns, last_row_);
    }

private:
    void cell(JurorColumn column, const std::string& text) {
        if (text.empty())
            return;
        out_.text(last_row_, column, text);
        widths_.fit(column, text);
    }

    internal::WorkbookFile& book_;
    SheetWriter out_;
    ColumnWidths widths_;
    lxw_row_t last_row_ = 0;
};

void writeJurorSheet(internal::WorkbookFile& book, const domain::Date& as_of,
                     const JurorRowSource& next_row) {
    JurorSheet sheet(book, jurorHeaders(as_of));
    JurorRow row;
    while (next_row(row)) {
        sheet.write(row);
        clear(row);
    }
    sheet.finish();
}

void writeTitleSheet(internal::WorkbookFile& book, const JurorExport& input) {
    SheetWriter out(book.addSheet("Titres"), "juror export, sheet Titres");
    const std::vector<std::string> headers = {"Code TP", "Libellé", "Fin de validité",
                                              "Prolongation"};
    ColumnWidths widths = headerWidths(headers);
    widths.fitCharacters(kEndOfLife, kDateCharacters);
    out.header(0, headers, book.bold());

    lxw_row_t row = 0;
    for (const TitleSummary& title : input.titles) {
        ++row;
        out.text(row, kCode, title.code);
        out.text(row, kLibelle, title.libelle);
        out.date(row, kEndOfLife, title.end_of_life, book.date());
        out.text(row, kProlongation, title.prolongation);
        widths.fit(kCode, title.code);
        widths.fit(kLibelle, title.libelle);
        widths.fit(kProlongation, title.prolongation);
    }
    widths.apply(out);
    out.autofilter(0, kTitleColumns, row);
}

}  // namespace

std::string writeJurorExport(const JurorExport& input, const JurorRowSource& rows) {
    internal::WorkbookFile book({"juror export",
                                 "Jurés habilités — " + input.centre_name + " (" +
                                     input.centre_siret + ")",
                                 input.as_of, /*constant_memory=*/true});
    writeJurorSheet(book, input.as_of, rows);
    writeTitleSheet(book, input);
    return book.finish();
}

}  // namespace ceres::xlsx
