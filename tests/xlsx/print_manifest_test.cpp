// The dispatch manifest read back as the postal service would: XLSX with openpyxl, CSV with the
// csv module.
#include <string>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "read_back.h"
#include "xlsx/print_manifest.h"

namespace ceres::xlsx {
namespace {

using test::isEmptyAt;
using test::readBackCsv;
using test::readBackXlsx;
using test::rowCount;
using test::sheetNamed;
using test::textAt;

const std::string kAwkwardName = "D'Artagnan, dit \"le Gascon\"";

PrintManifest sampleManifest() {
    PrintManifest input;
    input.ud_code = "33";
    input.issued_from = {2026, 5, 1};
    input.issued_to = {2026, 5, 31};
    input.entries = {
        {1, "TP33-2026-000001-K", "Durand", "Paul", "8 rue Sainte-Catherine", "33000", "Bordeaux",
         1, 2},
        {2, "TP33-2026-000002-P", kAwkwardName, "Charles; Ogier", "1 place du Marché", "33100",
         "Bordeaux", 3, 4},
        {3, "TP33-2026-000003-X", "Öztürk", "Ayşe", std::nullopt, "33300", "Bordeaux", 5, 6},
    };
    return input;
}

double numberAt(const Poco::JSON::Object::Ptr& sheet, std::size_t row, std::size_t col) {
    return sheet->getArray("rows")->getArray(row)->getElement<double>(col);
}

TEST(PrintManifestXlsx, listsEveryEntryWithItsPages) {
    const auto workbook = readBackXlsx(writePrintManifestXlsx(sampleManifest()));
    const auto sheet = sheetNamed(workbook, "Manifeste");
    ASSERT_EQ(rowCount(sheet), 4u);
    EXPECT_EQ(textAt(sheet, 0, 0), "Séquence");
    EXPECT_EQ(textAt(sheet, 0, 8), "Dernière page");
    EXPECT_EQ(numberAt(sheet, 2, 0), 2.0);
    EXPECT_EQ(textAt(sheet, 2, 1), "TP33-2026-000002-P");
    EXPECT_EQ(textAt(sheet, 2, 2), kAwkwardName);
    EXPECT_EQ(textAt(sheet, 2, 5), "33100");
    EXPECT_EQ(numberAt(sheet, 2, 7), 3.0);
    EXPECT_EQ(numberAt(sheet, 2, 8), 4.0);
    EXPECT_TRUE(isEmptyAt(sheet, 3, 4));
    EXPECT_EQ(sheet->getValue<std::string>("freeze"), "A2");
    EXPECT_EQ(sheet->getValue<std::string>("autofilter"), "A1:I4");
    EXPECT_EQ(sheet->getArray("bold")->size(), 9u);
    EXPECT_EQ(workbook->getArray("xml_errors")->size(), 0u);
}

TEST(PrintManifestXlsx, sameInputGivesSameBytes) {
    EXPECT_EQ(writePrintManifestXlsx(sampleManifest()), writePrintManifestXlsx(sampleManifest()));
}

TEST(PrintManifestCsv, isUtf8WithBomSemicolonsCrlfAndQuotedFields) {
    const std::string csv = writePrintManifestCsv(sampleManifest());
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("\"2\";\"TP33-2026-000002-P\";\"D'Artagnan, dit \"\"le Gascon\"\"\";"
                       "\"Charles; Ogier\";\"1 place du Marché\";\"33100\";\"Bordeaux\";"
                       "\"3\";\"4\"\r\n"),
              std::string::npos)
        << csv;
    EXPECT_NE(csv.find(";\"Ayşe\";\"\";\"33300\";"), std::string::npos) << csv;
}

TEST(PrintManifestCsv, commasQuotesAndSemicolonsSurviveAStandardReader) {
    const auto csv = readBackCsv(writePrintManifestCsv(sampleManifest()));
    ASSERT_EQ(rowCount(csv), 4u);
    for (std::size_t row = 0; row < 4; ++row)
        EXPECT_EQ(csv->getArray("rows")->getArray(row)->size(), 9u) << "row " << row;
    EXPECT_EQ(textAt(csv, 0, 0), "Séquence");
    EXPECT_EQ(textAt(csv, 2, 2), kAwkwardName);
    EXPECT_EQ(textAt(csv, 2, 3), "Charles; Ogier");
    EXPECT_EQ(textAt(csv, 3, 4), "");
    EXPECT_EQ(textAt(csv, 3, 8), "6");
}

}  // namespace
}  // namespace ceres::xlsx
