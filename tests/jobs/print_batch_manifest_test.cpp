// The dispatch manifests of a print batch as the postal service downloads them, on both store
// backends: the CSV is streamed into a spool file while the batch renders, the store takes it
// over from that file, and it says, holder by holder, what the XLSX and the merged PDF say.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "../store/test_database.h"
#include "../xlsx/read_back.h"
#include "files.h"
#include "domain/parchemin_number.h"
#include "jobs/parchemins.h"
#include "jobs/job.h"
#include "jobs/payload.h"
#include "jobs/pipeline.h"
#include "seal/sealer.h"
#include "store/ids.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace ceres;
using store::testing::BackendTest;
using jobs::test::readFile;
using jobs::test::sample;
using xlsx::test::readBackCsv;
using xlsx::test::readBackXlsx;
using xlsx::test::rowCount;
using xlsx::test::sheetNamed;
using xlsx::test::textAt;

namespace {

const std::string kBomAndHeader =
    "\xEF\xBB\xBF\"Séquence\";\"Numéro unique\";\"Nom\";\"Prénoms\";\"Adresse\";\"Code postal\";"
    "\"Commune\";\"Première page\";\"Dernière page\"\r\n";


const jobs::Document& ofKind(const jobs::Outcome& outcome, const std::string& kind) {
    for (const auto& document : outcome.documents)
        if (document.kind == kind) return document;
    throw std::runtime_error("no document of kind " + kind);
}

std::vector<std::string> kindsOf(const jobs::Outcome& outcome) {
    std::vector<std::string> kinds;
    for (const auto& document : outcome.documents) kinds.push_back(document.kind);
    return kinds;
}

// An XLSX cell as the CSV writes it: numbers without a decimal part.
std::string xlsxText(const Poco::JSON::Object::Ptr& sheet, std::size_t row, std::size_t col) {
    const auto cell = sheet->getArray("rows")->getArray(row)->get(col);
    if (cell.isEmpty()) return "";
    if (cell.isString()) return cell.extract<std::string>();
    return std::to_string(static_cast<long long>(cell.convert<double>()));
}

class PrintBatchManifestTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        store_ = std::make_unique<store::Store>(config(), [](std::uint64_t sequence) {
            auto number = domain::formatParcheminNumber(static_cast<std::int64_t>(sequence));
            if (!number) throw std::runtime_error("sequence exhausted");
            return *number;
        });
        const fs::path keys = fs::path(CERES_SOURCE_DIR) / "samples" / "keys";
        sealer_ = std::make_unique<seal::Sealer>(seal::Sealer::fromFile(keys / "dev-seal-private.pem", "DEV1"));
        jobs::Context context;
        context.resources = CERES_SOURCE_DIR;
        context.registry = &store_->parchemins();
        context.sealer = sealer_.get();
        context.spool_dir = spoolDir();
        pipeline_ = std::make_unique<jobs::Pipeline>(context);
    }

    fs::path spoolDir() const { return varDir() / "spool"; }

    // `holders` parchemins of the sample session, issued in the print batch's range, with
    // accented names, quotes and semicolons, and one holder in three without a second line.
    void issue(int holders) {
        const auto job = jobs::typedJob(
            std::get<std::shared_ptr<const rapidjson::Document>>(jobs::parseJsonObject(sample("session-results.json"))));
        const auto session = jobs::payloadAs<domain::SessionResultsPayload>(job);
        const std::vector<std::string> last_names = {"Lefèvre", "D'Artagnan, dit \"le Gascon\"", "Øster", "Núñez"};
        for (int i = 0; i < holders; ++i) {
            domain::Candidate c = session.candidates.front();
            c.id = "C-" + std::to_string(500000 + i);
            c.last_name = last_names[i % last_names.size()] + " " + std::to_string(i);
            c.first_name = i % 2 ? "Hélène; Maëlle" : "Loïc";
            c.address.line1 = std::to_string(1 + i % 180) + " rue Sainte-Catherine";
            c.address.postal_code = std::to_string(33000 + (i * 37) % 900);
            store_->parchemins().issue({c.id, session.title.code, session.session.id}, session.ud.code, "2026-05-29",
                                       c.address.postal_code, jobs::parcheminRecordData(session, c));
        }
    }

    jobs::Outcome render(std::vector<std::pair<int, int>>* progress = nullptr) {
        auto outcome = pipeline_->render(sample("print-batch.json"), [progress](int done, int total) {
            if (progress) progress->emplace_back(done, total);
        });
        EXPECT_EQ(outcome.verdict, jobs::Verdict::Done) << jobs::problemsToJson(outcome.problems);
        return outcome;
    }

    // What a download of the document gives once the store has it.
    std::string stored(const jobs::Document& document) {
        const auto saved = store_->documents().save({"job_print_batch", {"33", "75", ""}}, {document});
        EXPECT_EQ(saved.size(), 1u);
        const auto got = store_->documents().get(saved.at(0).id);
        EXPECT_TRUE(got);
        EXPECT_EQ(got->info.mime, document.mime);
        EXPECT_EQ(got->info.sha256, document.sha256);
        return got ? got->bytes : "";
    }

    std::unique_ptr<store::Store> store_;
    std::unique_ptr<seal::Sealer> sealer_;
    std::unique_ptr<jobs::Pipeline> pipeline_;
};

// Enough holders for the CSV to reach the spool file in several slices.
TEST_P(PrintBatchManifestTest, TheCsvManifestIsSpooledAndListsEveryHolderAsTheXlsxAndThePdfDo) {
    constexpr int kHolders = 700;
    issue(kHolders);
    std::vector<std::pair<int, int>> progress;
    auto outcome = render(&progress);
    EXPECT_EQ(kindsOf(outcome),
              (std::vector<std::string>{"print_batch", "print_manifest_xlsx", "print_manifest_csv"}));
    ASSERT_EQ(progress.size(), static_cast<std::size_t>(kHolders));
    EXPECT_EQ(progress.back(), std::make_pair(kHolders, kHolders));

    const jobs::Document& merged = ofKind(outcome, "print_batch");
    const jobs::Document& csv = ofKind(outcome, "print_manifest_csv");
    ASSERT_TRUE(csv.spool) << "the CSV manifest is streamed to a file, not held in memory";
    EXPECT_TRUE(csv.bytes.empty());
    EXPECT_EQ(csv.spool->path().parent_path(), spoolDir());
    EXPECT_EQ(csv.mime, jobs::kCsvMime);
    EXPECT_EQ(csv.session_id, merged.session_id);
    EXPECT_EQ(csv.file_name, merged.file_name.substr(0, merged.file_name.size() - 4) + "_manifeste.csv");
    const std::string bytes = readFile(csv.spool->path());
    EXPECT_GT(bytes.size(), 64u * 1024u);
    EXPECT_EQ(csv.spool->size(), bytes.size());
    EXPECT_EQ(csv.sha256, csv.spool->sha256());
    EXPECT_EQ(csv.sha256, store::sha256Hex(bytes));
    EXPECT_EQ(bytes.substr(0, kBomAndHeader.size()), kBomAndHeader);

    const auto table = readBackCsv(bytes);
    const auto sheet = sheetNamed(readBackXlsx(ofKind(outcome, "print_manifest_xlsx").bytes), "Manifeste");
    ASSERT_EQ(rowCount(table), kHolders + 1u);
    ASSERT_EQ(rowCount(sheet), kHolders + 1u);
    EXPECT_EQ(merged.pages, 2 * kHolders);
    std::string previous_postal_code;
    for (std::size_t row = 0; row <= kHolders; ++row) {
        for (std::size_t col = 0; col < 9; ++col)
            ASSERT_EQ(textAt(table, row, col), xlsxText(sheet, row, col)) << "row " << row << ", column " << col;
        if (row == 0) continue;
        EXPECT_EQ(textAt(table, row, 0), std::to_string(row));
        EXPECT_TRUE(domain::isValidParcheminNumber(textAt(table, row, 1))) << textAt(table, row, 1);
        EXPECT_GE(textAt(table, row, 5), previous_postal_code) << "row " << row;
        previous_postal_code = textAt(table, row, 5);
        EXPECT_EQ(textAt(table, row, 7), std::to_string(2 * row - 1));
        EXPECT_EQ(textAt(table, row, 8), std::to_string(2 * row));
    }

    EXPECT_TRUE(stored(csv) == bytes);
    const fs::path spooled = csv.spool->path();
    outcome.documents.clear();
    EXPECT_FALSE(fs::exists(spooled)) << "the spool file goes with the last document that refers to it";
}

TEST_P(PrintBatchManifestTest, AnEmptyBatchStillHasBothManifestsWithTheHeaderAlone) {
    const auto outcome = render();
    EXPECT_EQ(kindsOf(outcome), (std::vector<std::string>{"print_manifest_xlsx", "print_manifest_csv"}));
    const jobs::Document& csv = ofKind(outcome, "print_manifest_csv");
    ASSERT_TRUE(csv.spool);
    EXPECT_EQ(readFile(csv.spool->path()), kBomAndHeader);
    EXPECT_EQ(stored(csv), kBomAndHeader);
    const auto sheet = sheetNamed(readBackXlsx(ofKind(outcome, "print_manifest_xlsx").bytes), "Manifeste");
    ASSERT_EQ(rowCount(sheet), 1u);
    EXPECT_EQ(textAt(sheet, 0, 1), "Numéro unique");
}

TEST_P(PrintBatchManifestTest, TheSameBatchAskedAgainGivesTheSameManifestBytes) {
    issue(5);
    const auto first = render();
    const auto again = render();
    for (const char* kind : {"print_manifest_xlsx", "print_manifest_csv"}) {
        EXPECT_EQ(ofKind(first, kind).sha256, ofKind(again, kind).sha256) << kind;
        EXPECT_EQ(ofKind(first, kind).file_name, ofKind(again, kind).file_name) << kind;
    }
    EXPECT_TRUE(readFile(ofKind(first, "print_manifest_csv").spool->path()) ==
                readFile(ofKind(again, "print_manifest_csv").spool->path()));
}

CERES_ON_BOTH_BACKENDS(PrintBatchManifestTest);

}  // namespace
