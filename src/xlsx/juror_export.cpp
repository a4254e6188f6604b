#include "xlsx/juror_export.h"

#include <array>

#include "xlsx/internal/sheet_writer.h"
#include "xlsx/internal/workbook_file.h"

namespace ceres::xlsx {
namespace {

using internal::ColumnWidths;
using internal::SheetWriter;

enum JurorColumn : lxw_col_t {
    kLastName, kFirstNames, kEmail, kPhonePro, kPhonePersonal, kAddress, kPostalCode, kCommune,
    kTitleCode, kTitleLibelle, kState, kStart, kEnd, kConvocable, kReason, kJurorColumns
};

enum TitleColumn : lxw_col_t { kCode, kLibelle, kEndOfLife, kProlongation, kTitleColumns };

constexpr std::size_t kDateCharacters = 10;  // dd/mm/yyyy

const std::string kYes = "Oui";
const std::string kNo = "Non";

// The text cells of one row by column, null where the cell stays empty; dates are apart.
using RowText = std::array<const std::string*, kJurorColumns>;

const std::string* present(const std::optional<std::string>& value) {
    return value ? &*value : nullptr;
}

RowText rowText(const Juror& juror, const JurorHabilitation* habilitation) {
    RowText text{};
    text[kLastName] = &juror.last_name;
    text[kFirstNames] = &juror.first_names;
    text[kEmail] = present(juror.email);
    text[kPhonePro] = present(juror.phone_pro);
    text[kPhonePersonal] = present(juror.phone_personal);
    text[kAddress] = present(juror.address_line);
    text[kPostalCode] = present(juror.postal_code);
    text[kCommune] = present(juror.commune);
    if (habilitation) {
        text[kTitleCode] = &habilitation->title_code;
        text[kTitleLibelle] = &habilitation->title_libelle;
        text[kState] = &habilitation->state;
        text[kConvocable] = habilitation->convocable ? &kYes : &kNo;
        text[kReason] = &habilitation->reason;
    }
    return text;
}

// One row per habilitation; a juror without any still gets a row, so no juror goes missing.
template <class Visit>
void forEachRow(const JurorExport& input, Visit visit) {
    for (const Juror& juror : input.jurors) {
        if (juror.habilitations.empty())
            visit(juror, nullptr);
        for (const JurorHabilitation& habilitation : juror.habilitations)
            visit(juror, &habilitation);
    }
}

std::vector<std::string> jurorHeaders(const Date& as_of) {
    return {"Nom", "Prénoms", "Email", "Téléphone professionnel", "Téléphone personnel",
            "Adresse", "Code postal", "Commune", "Code TP", "Libellé TP",
            "État de l'habilitation", "Début", "Fin",
            "Convocable au " + internal::formatDate(as_of), "Motif"};
}

ColumnWidths fitJurorColumns(const JurorExport& input, const std::vector<std::string>& headers) {
    ColumnWidths widths(kJurorColumns);
    for (std::size_t column = 0; column < headers.size(); ++column)
        widths.fit(column, headers[column]);
    widths.fitCharacters(kStart, kDateCharacters);
    widths.fitCharacters(kEnd, kDateCharacters);
    forEachRow(input, [&](const Juror& juror, const JurorHabilitation* habilitation) {
        const RowText text = rowText(juror, habilitation);
        for (std::size_t column = 0; column < text.size(); ++column)
            if (text[column])
                widths.fit(column, *text[column]);
    });
    return widths;
}

lxw_row_t countJurorRows(const JurorExport& input) {
    lxw_row_t rows = 0;
    forEachRow(input, [&](const Juror&, const JurorHabilitation*) { ++rows; });
    return rows;
}

void writeJurorSheet(internal::WorkbookFile& book, const JurorExport& input) {
    SheetWriter out(book.addSheet("Jurés"), "juror export, sheet Jurés");
    const std::vector<std::string> headers = jurorHeaders(input.as_of);
    fitJurorColumns(input, headers).apply(out);
    out.tableHeader(0, headers, book.bold(), countJurorRows(input));

    lxw_row_t row = 1;
    forEachRow(input, [&](const Juror& juror, const JurorHabilitation* habilitation) {
        const RowText text = rowText(juror, habilitation);
        for (lxw_col_t col = 0; col < kJurorColumns; ++col)
            if (text[col])
                out.text(row, col, *text[col]);
        if (habilitation) {
            out.date(row, kStart, habilitation->start, book.date());
            out.date(row, kEnd, habilitation->end, book.date());
        }
        ++row;
    });
}

void writeTitleSheet(internal::WorkbookFile& book, const JurorExport& input) {
    SheetWriter out(book.addSheet("Titres"), "juror export, sheet Titres");
    const std::vector<std::string> headers = {"Code TP", "Libellé", "Fin de validité",
                                              "Prolongation"};
    ColumnWidths widths(kTitleColumns);
    for (std::size_t column = 0; column < headers.size(); ++column)
        widths.fit(column, headers[column]);
    widths.fitCharacters(kEndOfLife, kDateCharacters);
    for (const TitleSummary& title : input.titles) {
        widths.fit(kCode, title.code);
        widths.fit(kLibelle, title.libelle);
        widths.fit(kProlongation, title.prolongation);
    }
    widths.apply(out);
    out.tableHeader(0, headers, book.bold(), static_cast<lxw_row_t>(input.titles.size()));

    lxw_row_t row = 1;
    for (const TitleSummary& title : input.titles) {
        out.text(row, kCode, title.code);
        out.text(row, kLibelle, title.libelle);
        out.date(row, kEndOfLife, title.end_of_life, book.date());
        out.text(row, kProlongation, title.prolongation);
        ++row;
    }
}

}  // namespace

std::string writeJurorExport(const JurorExport& input) {
    internal::WorkbookFile book({"juror export",
                                 "Jurés habilités — " + input.centre_name + " (" +
                                     input.centre_siret + ")",
                                 input.as_of, /*constant_memory=*/true});
    writeJurorSheet(book, input);
    writeTitleSheet(book, input);
    return book.finish();
}

}  // namespace ceres::xlsx
