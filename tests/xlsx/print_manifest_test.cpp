// The dispatch manifest read back as the postal service would: XLSX with openpyxl, CSV with the
// csv module.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "read_back.h"
#include "xlsx/print_manifest.h"

namespace ceres::xlsx {
namespace {

using test::day;
using test::isEmptyAt;
using test::readBackCsv;
using test::readBackXlsx;
using test::rowCount;
using test::sheetNamed;
using test::textAt;

const std::string kBomAndHeader =
    "\xEF\xBB\xBF\"Séquence\";\"Numéro unique\";\"Nom\";\"Prénoms\";\"Adresse\";"
    "\"Code postal\";\"Commune\";\"Première page\";\"Dernière page\"\r\n";

const std::string kAwkwardName = "D'Artagnan, dit \"le Gascon\"";

PrintManifest sampleManifest() {
    PrintManifest input;
    input.ud_code = "33";
    input.issued_from = day(2026, 5, 1);
    input.issued_to = day(2026, 5, 31);
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

// What a streamed manifest handed to its CSV sink, slice by slice, and the XLSX it returned.
struct Streamed {
    std::vector<std::string> slices;          // in the order they came
    std::size_t slices_before_finish = 0;
    std::string xlsx;

    std::string csv() const {
        std::string all;
        for (const std::string& slice : slices)
            all += slice;
        return all;
    }
};

Streamed stream(const PrintManifest& input) {
    Streamed out;
    PrintManifestWriter writer(input.ud_code, input.issued_from, input.issued_to,
                               [&out](std::string_view bytes) { out.slices.emplace_back(bytes); });
    for (const ManifestEntry& entry : input.entries)
        writer.add(entry);
    out.slices_before_finish = out.slices.size();
    out.xlsx = writer.finish();
    return out;
}

// A month of a big UD: thousands of holders, the longest address in the middle of the batch.
PrintManifest bigManifest(int holders) {
    PrintManifest input = sampleManifest();
    input.entries.clear();
    for (int i = 0; i < holders; ++i) {
        ManifestEntry entry{i + 1, "CERES-" + std::to_string(100000000 + i) + "-7",
                            i % 7 == 0 ? kAwkwardName : "Durand-Lefèvre " + std::to_string(i),
                            "Hélène; Maëlle", std::to_string(1 + i % 180) + " rue Sainte-Catherine",
                            "33" + std::to_string(100 + i % 800), "Bordeaux", 2 * i + 1, 2 * i + 2};
        if (i % 5 == 0)
            entry.address_line.reset();
        input.entries.push_back(std::move(entry));
    }
    input.entries[holders / 2].address_line = "Résidence « Les Érables », bâtiment C, escalier 4";
    return input;
}

TEST(PrintManifestWriter, givesTheBytesOfTheWholeManifestWriters) {
    for (const PrintManifest& input : {sampleManifest(), bigManifest(2000)}) {
        const Streamed streamed = stream(input);
        EXPECT_TRUE(streamed.csv() == writePrintManifestCsv(input)) << input.entries.size();
        EXPECT_TRUE(streamed.xlsx == writePrintManifestXlsx(input)) << input.entries.size();
    }
}

TEST(PrintManifestWriter, handsTheCsvOverInWholeLinesAsTheHoldersCome) {
    constexpr int kHolders = 3000;
    const PrintManifest input = bigManifest(kHolders);
    const Streamed streamed = stream(input);
    EXPECT_GE(streamed.slices_before_finish, 2u) << "the CSV waits for the end of the batch";
    for (const std::string& slice : streamed.slices)
        EXPECT_EQ(slice.substr(slice.size() - 2), "\r\n") << "a slice ends mid-line";

    const std::string bytes = streamed.csv();
    EXPECT_EQ(bytes.substr(0, kBomAndHeader.size()), kBomAndHeader);
    const auto csv = readBackCsv(bytes);
    ASSERT_EQ(rowCount(csv), kHolders + 1u);
    for (std::size_t row : {1u, 1501u, 2999u, 3000u}) {
        const ManifestEntry& entry = input.entries[row - 1];
        EXPECT_EQ(textAt(csv, row, 0), std::to_string(row));
        EXPECT_EQ(textAt(csv, row, 1), entry.unique_number);
        EXPECT_EQ(textAt(csv, row, 2), entry.last_name);
        EXPECT_EQ(textAt(csv, row, 3), "Hélène; Maëlle");
        EXPECT_EQ(textAt(csv, row, 4), entry.address_line.value_or(""));
        EXPECT_EQ(textAt(csv, row, 7), std::to_string(2 * row - 1));
        EXPECT_EQ(textAt(csv, row, 8), std::to_string(2 * row));
    }
}

TEST(PrintManifestWriter, fitsTheXlsxToEveryRowWrittenBeforeTheEnd) {
    constexpr int kHolders = 3000;
    const PrintManifest input = bigManifest(kHolders);
    const auto workbook = readBackXlsx(stream(input).xlsx);
    const auto sheet = sheetNamed(workbook, "Manifeste");
    ASSERT_EQ(rowCount(sheet), kHolders + 1u);
    EXPECT_EQ(sheet->getValue<std::string>("autofilter"), "A1:I3001");
    EXPECT_EQ(sheet->getValue<std::string>("freeze"), "A2");
    EXPECT_EQ(numberAt(sheet, 3000, 0), 3000.0);
    EXPECT_EQ(textAt(sheet, 3000, 1), input.entries.back().unique_number);
    EXPECT_EQ(numberAt(sheet, 3000, 8), 6000.0);
    EXPECT_TRUE(isEmptyAt(sheet, 1, 4));
    EXPECT_EQ(textAt(sheet, 1501, 4), "Résidence « Les Érables », bâtiment C, escalier 4");
    // Characters plus 2 for the autofilter button, which Excel stores with a fraction of padding:
    // the 49-character address in the middle of the batch, the 27 of kAwkwardName.
    const auto widths = sheet->getObject("widths");
    EXPECT_GE(widths->getValue<double>("E"), 51.0);
    EXPECT_LT(widths->getValue<double>("E"), 52.0);
    EXPECT_GE(widths->getValue<double>("C"), 29.0);
    EXPECT_LT(widths->getValue<double>("C"), 30.0);
    EXPECT_EQ(workbook->getArray("xml_errors")->size(), 0u);
}

TEST(PrintManifestWriter, withoutHoldersIsTheHeaderAlone) {
    PrintManifest input = sampleManifest();
    input.entries.clear();
    const Streamed streamed = stream(input);
    EXPECT_EQ(streamed.csv(), kBomAndHeader);
    EXPECT_EQ(rowCount(readBackCsv(streamed.csv())), 1u);
    const auto sheet = sheetNamed(readBackXlsx(streamed.xlsx), "Manifeste");
    ASSERT_EQ(rowCount(sheet), 1u);
    EXPECT_EQ(textAt(sheet, 0, 1), "Numéro unique");
    EXPECT_EQ(sheet->getValue<std::string>("autofilter"), "A1:I1");
}

TEST(PrintManifestWriter, isFinishedOnce) {
    PrintManifestWriter writer("33", day(2026, 5, 1), day(2026, 5, 31), [](std::string_view) {});
    writer.add(sampleManifest().entries.front());
    writer.finish();
    EXPECT_THROW(writer.finish(), std::logic_error);
    EXPECT_THROW(writer.add(sampleManifest().entries.front()), std::logic_error);
}

}  // namespace
}  // namespace ceres::xlsx
