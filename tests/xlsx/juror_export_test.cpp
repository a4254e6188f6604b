// The juror export read back with openpyxl: what a centre sees when it opens the file.
#include <chrono>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "read_back.h"
#include "xlsx/error.h"
#include "xlsx/juror_export.h"

namespace ceres::xlsx {
namespace {

using test::dateAt;
using test::isEmptyAt;
using test::readBackXlsx;
using test::rowCount;
using test::sheetNamed;
using test::textAt;

enum Column { kLastName, kFirstNames, kEmail, kPhonePro, kPhonePersonal, kAddress, kPostalCode,
              kCommune, kTitleCode, kTitleLibelle, kState, kStart, kEnd, kConvocable, kReason };

const std::string kLongAddress(200, 'x');

JurorHabilitation habilitation(std::string code, std::string libelle, Date start, Date end,
                               bool convocable, std::string reason) {
    return {std::move(code), std::move(libelle), "ACTIVE", start, end, convocable,
            std::move(reason)};
}

// The contract example juror-export.json, as the jobs layer hands it over, plus a juror
// without habilitation and one with nothing but a name.
JurorExport sampleExport() {
    const std::string tp01318 = "Employé administratif et d'accueil";
    const std::string tp00247 = "Plaquiste-plâtrier";
    JurorExport input;
    input.centre_siret = "78184280200048";
    input.centre_name = "Fédération compagnonnique du bâtiment";
    input.as_of = {2026, 4, 2};
    input.jurors = {
        {"Durand", "Paul", "paul.durand@example.fr", "+33 5 56 00 11 22", "+33 6 12 34 56 78",
         "8 rue Sainte-Catherine", "33000", "Bordeaux",
         {habilitation("TP-01318", tp01318, {2024, 1, 15}, {2028, 10, 31}, true, "en cours")}},
        {"Nguyen", "Thi Lan", "tl.nguyen@example.fr", "05 57 98 76 54", std::nullopt,
         "2 allée de Tourny", "33000", "Bordeaux",
         {habilitation("TP-01318", tp01318, {2025, 3, 1}, {2027, 12, 31}, true, "en cours")}},
        {"Öztürk", "Ayşe", "ayse.ozturk@example.fr", std::nullopt, "+33 7 80 90 10 20",
         "15 rue du Palais Gallien", "33000", "Bordeaux",
         {habilitation("TP-00247", tp00247, {2021, 1, 1}, {2025, 6, 30}, true,
                       "aligné, prolongé 24 mois (R-HAB-7)"),
          habilitation("TP-01318", tp01318, {2022, 1, 1}, {2023, 1, 1}, false,
                       "non convocable : expirée depuis plus de 6 mois (R-HAB-8)")}},
        {"Da Silva", "João", "joao.dasilva@example.fr", "+33 5 56 44 55 66", "+33 6 01 02 03 04",
         kLongAddress, "01000", "Bourg-en-Bresse",
         {{"TP-00247", tp00247, "EXPIREE", Date{2019, 1, 1}, Date{2025, 11, 30}, true,
           "expirée depuis moins de 6 mois (R-HAB-8)"}}},
        {"Martin", "Léa", "lea.martin@example.fr", "+33 5 56 99 88 77", std::nullopt,
         "1 place Gambetta", "33000", "Bordeaux", {}},
        {"Sans", "Contact", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
         std::nullopt, {{"TP-01318", tp01318, "ACTIVE", std::nullopt, std::nullopt, false,
                         "non convocable : dates inconnues"}}},
    };
    input.titles = {{"TP-01318", tp01318, Date{2028, 10, 31}, ""},
                    {"TP-00247", tp00247, Date{2025, 6, 30},
                     "en prolongation jusqu'au 30/06/2027"}};
    return input;
}

class JurorExportTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        input_ = new JurorExport(sampleExport());
        workbook_ = readBackXlsx(writeJurorExport(*input_));
        jurors_ = sheetNamed(workbook_, "Jurés");
    }
    static void TearDownTestSuite() { delete input_; }

    static JurorExport* input_;
    static Poco::JSON::Object::Ptr workbook_;
    static Poco::JSON::Object::Ptr jurors_;
};

JurorExport* JurorExportTest::input_ = nullptr;
Poco::JSON::Object::Ptr JurorExportTest::workbook_;
Poco::JSON::Object::Ptr JurorExportTest::jurors_;

std::string orEmpty(const std::optional<std::string>& value) { return value.value_or(""); }

TEST_F(JurorExportTest, R_DOC_4_everyJurorAppearsWithAllContactFields) {
    std::size_t row = 1;
    for (const Juror& juror : input_->jurors) {
        const std::size_t rows = std::max<std::size_t>(1, juror.habilitations.size());
        for (std::size_t i = 0; i < rows; ++i, ++row) {
            SCOPED_TRACE(juror.last_name + " row " + std::to_string(row));
            EXPECT_EQ(textAt(jurors_, row, kLastName), juror.last_name);
            EXPECT_EQ(textAt(jurors_, row, kFirstNames), juror.first_names);
            EXPECT_EQ(textAt(jurors_, row, kEmail), orEmpty(juror.email));
            EXPECT_EQ(textAt(jurors_, row, kPhonePro), orEmpty(juror.phone_pro));
            EXPECT_EQ(textAt(jurors_, row, kPhonePersonal), orEmpty(juror.phone_personal));
            EXPECT_EQ(textAt(jurors_, row, kAddress), orEmpty(juror.address_line));
            EXPECT_EQ(textAt(jurors_, row, kPostalCode), orEmpty(juror.postal_code));
            EXPECT_EQ(textAt(jurors_, row, kCommune), orEmpty(juror.commune));
        }
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
    ASSERT_EQ(bold->size(), 15u);
    EXPECT_EQ(bold->getElement<std::string>(0), "A1");
    EXPECT_EQ(bold->getElement<std::string>(14), "O1");
    EXPECT_EQ(jurors_->getValue<std::string>("freeze"), "A2");
    EXPECT_EQ(jurors_->getValue<std::string>("autofilter"), "A1:O8");
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

TEST(JurorExport, sameInputGivesSameBytesAcrossSeconds) {
    const std::string first = writeJurorExport(sampleExport());
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const std::string second = writeJurorExport(sampleExport());
    EXPECT_EQ(first, second);
    EXPECT_EQ(first.substr(0, 2), "PK");
}

TEST(JurorExport, emptyExportStillHasHeaders) {
    JurorExport input;
    input.as_of = {2026, 4, 2};
    const auto workbook = readBackXlsx(writeJurorExport(input));
    EXPECT_EQ(rowCount(sheetNamed(workbook, "Jurés")), 1u);
    EXPECT_EQ(rowCount(sheetNamed(workbook, "Titres")), 1u);
}

TEST(JurorExport, valueBeyondExcelsCellLimitFailsNamingTheCell) {
    JurorExport input = sampleExport();
    input.jurors[0].address_line = std::string(40000, 'x');
    try {
        writeJurorExport(input);
        FAIL() << "a 40,000-character cell was accepted";
    } catch (const XlsxError& error) {
        EXPECT_NE(std::string(error.what()).find("sheet Jurés, cell F2"), std::string::npos)
            << error.what();
    }
}

}  // namespace
}  // namespace ceres::xlsx
