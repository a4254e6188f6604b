// The juror export read back with openpyxl: what a centre sees when it opens the file.
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "read_back.h"
#include "xlsx/error.h"
#include "xlsx/juror_export.h"

namespace ceres::xlsx {
namespace {

using test::dateAt;
using test::day;
using test::isEmptyAt;
using test::readBackXlsx;
using test::rowCount;
using test::sheetNamed;
using test::textAt;

enum Column { kLastName, kFirstNames, kEmail, kPhonePro, kPhonePersonal, kAddress, kPostalCode,
              kCommune, kTitleCode, kTitleLibelle, kState, kStart, kEnd, kConvocable, kReason };

const std::string kLongAddress(200, 'x');
const std::string kTp01318 = "Employé administratif et d'accueil";
const std::string kTp00247 = "Plaquiste-plâtrier";

JurorRow contacts(std::string last_name, std::string first_names, std::string email,
                  std::string phone_pro, std::string phone_personal, std::string address_line,
                  std::string postal_code, std::string commune) {
    JurorRow row;
    row.last_name = std::move(last_name);
    row.first_names = std::move(first_names);
    row.email = std::move(email);
    row.phone_pro = std::move(phone_pro);
    row.phone_personal = std::move(phone_personal);
    row.address_line = std::move(address_line);
    row.postal_code = std::move(postal_code);
    row.commune = std::move(commune);
    return row;
}

JurorRow withHabilitation(JurorRow row, std::string code, std::string libelle, std::string state,
                          std::optional<domain::Date> start, std::optional<domain::Date> end,
                          bool convocable, std::string reason) {
    row.title_code = std::move(code);
    row.title_libelle = std::move(libelle);
    row.state = std::move(state);
    row.start = start;
    row.end = end;
    row.convocable = convocable;
    row.reason = std::move(reason);
    return row;
}

// The contract example juror-export.json, as the jobs layer hands it over (one row per juror
// and habilitation), plus a juror without habilitation and one with nothing but a name.
std::vector<JurorRow> sampleRows() {
    const JurorRow durand = contacts("Durand", "Paul", "paul.durand@example.fr",
                                     "+33 5 56 00 11 22", "+33 6 12 34 56 78",
                                     "8 rue Sainte-Catherine", "33000", "Bordeaux");
    const JurorRow nguyen = contacts("Nguyen", "Thi Lan", "tl.nguyen@example.fr",
                                     "05 57 98 76 54", "", "2 allée de Tourny", "33000",
                                     "Bordeaux");
    const JurorRow ozturk = contacts("Öztürk", "Ayşe", "ayse.ozturk@example.fr", "",
                                     "+33 7 80 90 10 20", "15 rue du Palais Gallien", "33000",
                                     "Bordeaux");
    const JurorRow da_silva = contacts("Da Silva", "João", "joao.dasilva@example.fr",
                                       "+33 5 56 44 55 66", "+33 6 01 02 03 04", kLongAddress,
                                       "01000", "Bourg-en-Bresse");
    return {
        withHabilitation(durand, "TP-01318", kTp01318, "ACTIVE", day(2024, 1, 15),
                         day(2028, 10, 31), true, "en cours"),
        withHabilitation(nguyen, "TP-01318", kTp01318, "ACTIVE", day(2025, 3, 1),
                         day(2027, 12, 31), true, "en cours"),
        withHabilitation(ozturk, "TP-00247", kTp00247, "ACTIVE", day(2021, 1, 1),
                         day(2025, 6, 30), true, "aligné, prolongé 24 mois (R-HAB-7)"),
        withHabilitation(ozturk, "TP-01318", kTp01318, "ACTIVE", day(2022, 1, 1),
                         day(2023, 1, 1), false,
                         "non convocable : expirée depuis plus de 6 mois (R-HAB-8)"),
        withHabilitation(da_silva, "TP-00247", kTp00247, "EXPIREE", day(2019, 1, 1),
                         day(2025, 11, 30), true, "expirée depuis moins de 6 mois (R-HAB-8)"),
        contacts("Martin", "Léa", "lea.martin@example.fr", "+33 5 56 99 88 77", "",
                 "1 place Gambetta", "33000", "Bordeaux"),
        withHabilitation(contacts("Sans", "Contact", "", "", "", "", "", ""), "TP-01318",
                         kTp01318, "ACTIVE", std::nullopt, std::nullopt, false,
                         "non convocable : dates inconnues"),
    };
}

JurorExport sampleExport() {
    JurorExport input;
    input.centre_siret = "78184280200048";
    input.centre_name = "Fédération compagnonnique du bâtiment";
    input.as_of = day(2026, 4, 2);
    input.titles = {{"TP-01318", kTp01318, day(2028, 10, 31), ""},
                    {"TP-00247", kTp00247, day(2025, 6, 30),
                     "en prolongation jusqu'au 30/06/2027"}};
    return input;
}

// Hands `rows` over one at a time, as the jobs layer does from a payload.
JurorRowSource rowsOf(const std::vector<JurorRow>& rows) {
    return [&rows, next = std::size_t{0}](JurorRow& row) mutable {
        if (next == rows.size())
            return false;
        row = rows[next++];
        return true;
    };
}

class JurorExportTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        rows_ = new std::vector<JurorRow>(sampleRows());
        workbook_ = readBackXlsx(writeJurorExport(sampleExport(), rowsOf(*rows_)));
        jurors_ = sheetNamed(workbook_, "Jurés");
    }
    static void TearDownTestSuite() { delete rows_; }

    static std::vector<JurorRow>* rows_;
    static Poco::JSON::Object::Ptr workbook_;
    static Poco::JSON::Object::Ptr jurors_;
};

std::vector<JurorRow>* JurorExportTest::rows_ = nullptr;
Poco::JSON::Object::Ptr JurorExportTest::workbook_;
Poco::JSON::Object::Ptr JurorExportTest::jurors_;

TEST_F(JurorExportTest, R_DOC_4_everyJurorAppearsWithAllContactFields) {
    std::size_t row = 1;
    for (const JurorRow& juror : *rows_) {
        SCOPED_TRACE(juror.last_name + " row " + std::to_string(row));
        EXPECT_EQ(textAt(jurors_, row, kLastName), juror.last_name);
        EXPECT_EQ(textAt(jurors_, row, kFirstNames), juror.first_names);
        EXPECT_EQ(textAt(jurors_, row, kEmail), juror.email);
        EXPECT_EQ(textAt(jurors_, row, kPhonePro), juror.phone_pro);
        EXPECT_EQ(textAt(jurors_, row, kPhonePersonal), juror.phone_personal);
        EXPECT_EQ(textAt(jurors_, row, kAddress), juror.address_line);
        EXPECT_EQ(textAt(jurors_, row, kPostalCode), juror.postal_code);
        EXPECT_EQ(textAt(jurors_, row, kCommune), juror.commune);
        ++row;
    }
    EXPECT_EQ(rowCount(jurors_), row);
}

TEST_F(JurorExportTest, R_HAB_8_eachHabilitationShowsStateDatesAndEligibility) {
    EXPECT_EQ(textAt(jurors_, 0, kConvocable), "Convocable au 02/04/2026");
    EXPECT_EQ(textAt(jurors_, 3, kTitleCode), "TP-00247");
    EXPECT_EQ(textAt(jurors_, 3, kTitleLibelle), "Plaquiste-plâtrier");
    EXPECT_EQ(textAt(jurors_, 3, kState), "ACTIVE");
    EXPECT_EQ(dateAt(jurors_, 3, kStart), "2021-01-01");
    EXPECT_EQ(dateAt(jurors_, 3, kEnd), "2025-06-30");
    EXPECT_EQ(textAt(jurors_, 3, kConvocable), "Oui");
    EXPECT_EQ(textAt(jurors_, 3, kReason), "aligné, prolongé 24 mois (R-HAB-7)");
    EXPECT_EQ(textAt(jurors_, 4, kConvocable), "Non");
    EXPECT_EQ(textAt(jurors_, 5, kState), "EXPIREE");
    EXPECT_EQ(textAt(jurors_, 5, kReason), "expirée depuis moins de 6 mois (R-HAB-8)");
}

TEST_F(JurorExportTest, phonesAndPostalCodesStayTextWithLeadingPlusAndZeros) {
    EXPECT_EQ(textAt(jurors_, 1, kPhonePro), "+33 5 56 00 11 22");
    EXPECT_EQ(textAt(jurors_, 2, kPhonePro), "05 57 98 76 54");
    EXPECT_EQ(textAt(jurors_, 5, kPostalCode), "01000");
}

TEST_F(JurorExportTest, missingValuesAreEmptyCells) {
    EXPECT_TRUE(isEmptyAt(jurors_, 2, kPhonePersonal));
    EXPECT_TRUE(isEmptyAt(jurors_, 3, kPhonePro));
    for (int col : {kTitleCode, kTitleLibelle, kState, kStart, kEnd, kConvocable, kReason})
        EXPECT_TRUE(isEmptyAt(jurors_, 6, col)) << "juror without habilitation, column " << col;
    for (int col :
         {kEmail, kPhonePro, kPhonePersonal, kAddress, kPostalCode, kCommune, kStart, kEnd})
        EXPECT_TRUE(isEmptyAt(jurors_, 7, col)) << "juror without contacts, column " << col;
}

TEST_F(JurorExportTest, headerIsBoldFrozenAndFiltered) {
    const auto bold = jurors_->getArray("bold");
    ASSERT_EQ(bold->size(), 16u);
    EXPECT_EQ(bold->getElement<std::string>(0), "A1");
    EXPECT_EQ(bold->getElement<std::string>(15), "P1");
    EXPECT_EQ(jurors_->getValue<std::string>("freeze"), "A2");
    EXPECT_EQ(jurors_->getValue<std::string>("autofilter"), "A1:P8");
}

// A centre prints the export: every sheet on A4 landscape, one page wide, the header on every
// page, numbered pages; the headers say what a centre calls things.
TEST_F(JurorExportTest, everySheetPrintsWithItsHeaderOnEveryPage) {
    for (const std::string name : {"Jurés", "Titres"}) {
        const auto print = sheetNamed(workbook_, name)->getObject("print");
        EXPECT_EQ(print->getValue<std::string>("orientation"), "landscape") << name;
        EXPECT_EQ(print->getValue<int>("paper"), 9) << name;
        EXPECT_TRUE(print->getValue<bool>("fit_to_page")) << name;
        EXPECT_EQ(print->getValue<int>("pages_wide"), 1) << name;
        EXPECT_EQ(print->getValue<int>("pages_tall"), 0) << name;
        EXPECT_EQ(print->getValue<std::string>("title_rows"), "$1:$1") << name;
        EXPECT_EQ(print->getValue<std::string>("footer"), "page &P / &N") << name;
    }
    EXPECT_EQ(textAt(jurors_, 0, kEmail), "Courriel");
    EXPECT_EQ(textAt(jurors_, 0, 10), "État de l’habilitation");
    EXPECT_EQ(textAt(jurors_, 0, 14), "Motif");
    EXPECT_EQ(textAt(jurors_, 0, 15), "Règle");
}

TEST_F(JurorExportTest, columnWidthsFitTheContentWithinACap) {
    const auto widths = jurors_->getObject("widths");
    EXPECT_GE(widths->getValue<double>("J"), 34.0);  // the libellé has 34 characters
    EXPECT_GE(widths->getValue<double>("L"), 10.0);
    EXPECT_LE(widths->getValue<double>("F"), 61.0);
    EXPECT_LT(widths->getValue<double>("A"), widths->getValue<double>("F"));
}

TEST_F(JurorExportTest, titlesSheetListsEndOfLifeAndProlongation) {
    const auto titles = sheetNamed(workbook_, "Titres");
    ASSERT_EQ(rowCount(titles), 3u);
    EXPECT_EQ(textAt(titles, 2, 0), "TP-00247");
    EXPECT_EQ(textAt(titles, 2, 1), "Plaquiste-plâtrier");
    EXPECT_EQ(dateAt(titles, 2, 2), "2025-06-30");
    EXPECT_EQ(textAt(titles, 2, 3), "en prolongation jusqu'au 30/06/2027");
    EXPECT_TRUE(isEmptyAt(titles, 1, 3));
    EXPECT_EQ(titles->getValue<std::string>("freeze"), "A2");
}

TEST_F(JurorExportTest, packageIsAValidZipOfWellFormedXml) {
    EXPECT_EQ(workbook_->getArray("xml_errors")->size(), 0u);
    EXPECT_GE(workbook_->getArray("parts")->size(), 9u);
}

// Every part is deflated at zlib's fastest level (xlsx/internal/zip_level.h), not at the level
// libxlsxwriter would choose: this fails if its calls to minizip no longer go through ours.
TEST_F(JurorExportTest, partsAreDeflatedAtTheFastestLevel) {
    const auto deflate = workbook_->getObject("deflate");
    ASSERT_EQ(deflate->size(), workbook_->getArray("parts")->size());
    for (const auto& [part, option] : *deflate)
        EXPECT_EQ(option.toString(), "superfast") << part;
}

TEST(JurorExport, sameInputGivesSameBytesAcrossSeconds) {
    const std::vector<JurorRow> rows = sampleRows();
    const std::string first = writeJurorExport(sampleExport(), rowsOf(rows));
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const std::string second = writeJurorExport(sampleExport(), rowsOf(rows));
    EXPECT_EQ(first, second);
    EXPECT_EQ(first.substr(0, 2), "PK");
}

// Rows made one at a time, as the jobs layer makes them from a large payload; the personal phone
// is missing on every third row and one commune, near the end, is longer than the others.
JurorRowSource generatedRows(int count) {
    return [count, i = 0](JurorRow& row) mutable {
        if (i == count)
            return false;
        const std::string n = std::to_string(i);
        row.last_name = "Nom" + n;
        row.first_names = "Prénom " + n;
        row.email = "jure" + n + "@example.fr";
        row.phone_pro = "+33 5 56 00 " + std::to_string(10 + i % 90) + " 22";
        if (i % 3 != 0)
            row.phone_personal = "06 12 34 56 " + std::to_string(10 + i % 90);
        row.address_line = n + " rue Sainte-Catherine";
        row.postal_code = "01000";
        row.commune = i == count - 2 ? "Saint-Martin-de-la-Longue-Commune-du-Bout-de-l'Export"
                                     : "Bourg-en-Bresse";
        row = withHabilitation(std::move(row), "TP-01318", kTp01318, "ACTIVE",
                               day(2024, 1, 1 + i % 28), day(2028, 10, 31), i % 5 != 0,
                               i % 5 != 0 ? "en cours" : "non convocable : expirée");
        ++i;
        return true;
    };
}

// 5,000 rows: many rows go through libxlsxwriter's constant-memory temporary file.
TEST(JurorExport, largeExportReadsBackRowForRow) {
    const auto workbook = readBackXlsx(writeJurorExport(sampleExport(), generatedRows(5000)));
    const auto jurors = sheetNamed(workbook, "Jurés");
    ASSERT_EQ(rowCount(jurors), 5001u);

    EXPECT_EQ(textAt(jurors, 1, kLastName), "Nom0");
    EXPECT_EQ(textAt(jurors, 1, kPhonePro), "+33 5 56 00 10 22");
    EXPECT_TRUE(isEmptyAt(jurors, 1, kPhonePersonal));
    EXPECT_EQ(textAt(jurors, 1, kPostalCode), "01000");
    EXPECT_EQ(dateAt(jurors, 1, kStart), "2024-01-01");
    EXPECT_EQ(textAt(jurors, 1, kConvocable), "Non");

    EXPECT_TRUE(isEmptyAt(jurors, 4999, kPhonePersonal)) << "a missing value after a present one";
    EXPECT_EQ(textAt(jurors, 5000, kLastName), "Nom4999");
    EXPECT_EQ(textAt(jurors, 5000, kFirstNames), "Prénom 4999");
    EXPECT_EQ(textAt(jurors, 5000, kPhonePro), "+33 5 56 00 59 22");
    EXPECT_EQ(textAt(jurors, 5000, kPhonePersonal), "06 12 34 56 59");
    EXPECT_EQ(textAt(jurors, 5000, kAddress), "4999 rue Sainte-Catherine");
    EXPECT_EQ(dateAt(jurors, 5000, kStart), "2024-01-16");
    EXPECT_EQ(dateAt(jurors, 5000, kEnd), "2028-10-31");
    EXPECT_EQ(textAt(jurors, 5000, kConvocable), "Oui");
    EXPECT_EQ(textAt(jurors, 5000, kReason), "en cours");

    EXPECT_EQ(jurors->getArray("bold")->size(), 16u);
    EXPECT_EQ(jurors->getValue<std::string>("freeze"), "A2");
    EXPECT_EQ(jurors->getValue<std::string>("autofilter"), "A1:P5001");
    EXPECT_GE(jurors->getObject("widths")->getValue<double>("H"), 53.0)
        << "the width fits a value written near the end";
}

TEST(JurorExport, emptyExportStillHasHeaders) {
    JurorExport input;
    input.as_of = day(2026, 4, 2);
    const std::vector<JurorRow> no_rows;
    const auto workbook = readBackXlsx(writeJurorExport(input, rowsOf(no_rows)));
    EXPECT_EQ(rowCount(sheetNamed(workbook, "Jurés")), 1u);
    EXPECT_EQ(rowCount(sheetNamed(workbook, "Titres")), 1u);
}

TEST(JurorExport, valueBeyondExcelsCellLimitFailsNamingTheCell) {
    std::vector<JurorRow> rows = sampleRows();
    rows[0].address_line = std::string(40000, 'x');
    try {
        writeJurorExport(sampleExport(), rowsOf(rows));
        FAIL() << "a 40,000-character cell was accepted";
    } catch (const XlsxError& error) {
        EXPECT_NE(std::string(error.what()).find("sheet Jurés, cell F2"), std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace ceres::xlsx
