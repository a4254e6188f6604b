#include "store/document_store.h"

#include <filesystem>
#include <fstream>
#include <memory>

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/download_audit.h"
#include "store/ids.h"
#include "store/test_database.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;
using testing::BackendKind;
using testing::BackendTest;

jobs::Document pdf(const std::string& kind, const std::string& file_name, const std::string& bytes,
                   const std::string& candidate_id = "", int version = 1) {
    jobs::Document document;
    document.kind = kind;
    document.file_name = file_name;
    document.mime = jobs::kPdfMime;
    document.pages = 1;
    document.bytes = bytes;
    document.session_id = "S-2026-0042";
    document.candidate_id = candidate_id;
    document.version = version;
    return document;
}

class DocumentStoreTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        database = Database::open(config());
        documents = std::make_unique<DocumentStore>(*database);
    }

    std::int64_t storedBlobs() {
        if (GetParam() == BackendKind::PostgreSQL) {
            std::int64_t count = 0;
            database->connect().session() << "SELECT COUNT(*) FROM document_blobs", into(count), now;
            return count;
        }
        std::int64_t count = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(varDir() / "docs")) {
            if (entry.is_regular_file()) ++count;
        }
        return count;
    }

    const DocumentScope scope{"job_1", {"75", "11", "12345678900011"}};
    std::unique_ptr<Database> database;
    std::unique_ptr<DocumentStore> documents;
};

TEST_P(DocumentStoreTest, IdenticalBytesAreStoredOnce) {
    const auto saved = documents->save(scope, {pdf("pv_individuel", "a.pdf", "%PDF-same", "C1"),
                                               pdf("pv_individuel", "b.pdf", "%PDF-same", "C2")});
    ASSERT_EQ(saved.size(), 2u);
    EXPECT_NE(saved[0].id, saved[1].id);
    EXPECT_EQ(saved[0].sha256, saved[1].sha256);
    EXPECT_EQ(storedBlobs(), 1);
}

TEST_P(DocumentStoreTest, SavingAJobAgainKeepsTheSameDocuments) {
    const std::vector<jobs::Document> rendered = {pdf("pv_general", "pv.pdf", "%PDF-general"),
                                                  pdf("pv_individuel", "c1.pdf", "%PDF-c1", "C1")};
    const auto first = documents->save(scope, rendered);
    const auto second = documents->save(scope, rendered);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].id, second[i].id);
    EXPECT_EQ(documents->ofJob("job_1").size(), 2u);
    EXPECT_EQ(storedBlobs(), 2);
    EXPECT_EQ(first[0].id, DocumentStore::documentId("job_1", "pv.pdf"));
}

TEST_P(DocumentStoreTest, MetadataIsKept) {
    auto parchemin = pdf("parchemin", "parchemin_C1.pdf", "%PDF-parchemin", "C1", 2);
    parchemin.unique_number = "TP-000042-K";
    parchemin.supersedes = 1;
    parchemin.pages = 3;
    documents->save(scope, {parchemin});
    const auto info = documents->find(DocumentStore::documentId("job_1", "parchemin_C1.pdf"));
    ASSERT_TRUE(info);
    EXPECT_EQ(info->job_id, "job_1");
    EXPECT_EQ(info->kind, "parchemin");
    EXPECT_EQ(info->mime, jobs::kPdfMime);
    EXPECT_EQ(info->session_id, "S-2026-0042");
    EXPECT_EQ(info->candidate_id, "C1");
    EXPECT_EQ(info->version, 2);
    EXPECT_EQ(info->supersedes, 1);
    EXPECT_EQ(info->pages, 3);
    EXPECT_EQ(info->size, 14u);
    EXPECT_EQ(info->unique_number, "TP-000042-K");
    EXPECT_EQ(info->perimeter.ud_code, "75");
    EXPECT_EQ(info->perimeter.region, "11");
    EXPECT_EQ(info->perimeter.siret, "12345678900011");
    EXPECT_EQ(info->created_at, clock_.now());
}

TEST_P(DocumentStoreTest, ReadsWholeDocumentsAndRanges) {
    const std::string bytes("0123456789\0\xff", 12);
    const auto id = documents->save(scope, {pdf("pv_general", "pv.pdf", bytes)}).front().id;
    EXPECT_EQ(documents->get(id)->bytes, bytes);
    EXPECT_EQ(documents->get(id, ByteRange{2, 3})->bytes, "234");
    EXPECT_EQ(documents->get(id, ByteRange{8, 100})->bytes, std::string("89\0\xff", 4));
    EXPECT_EQ(documents->get(id, ByteRange{50, 10})->bytes, "");
    EXPECT_EQ(documents->get(id, ByteRange{2, 3})->info.size, 12u);
}

TEST_P(DocumentStoreTest, ASpooledDocumentIsSavedFromItsFileWithItsHashAndSize) {
    std::string content = "%PDF-1.7 merged print batch\n";
    while (content.size() < (3 << 20)) content += content;
    const auto spool_path = varDir() / "spool" / "ceres-spool-test";
    std::filesystem::create_directories(spool_path.parent_path());
    std::ofstream(spool_path, std::ios::binary) << content;
    auto batch = pdf("print_batch", "lot.pdf", "");
    batch.spool = std::make_shared<const jobs::SpoolFile>(spool_path, content.size(), sha256Hex(content));
    const auto saved = documents->save(scope, {batch});
    ASSERT_EQ(saved.size(), 1u);
    EXPECT_EQ(saved[0].sha256, sha256Hex(content));
    EXPECT_EQ(saved[0].size, content.size());
    EXPECT_EQ(documents->get(saved[0].id)->bytes, content);
    EXPECT_EQ(documents->get(saved[0].id, ByteRange{content.size() - 5, 5})->bytes, content.substr(content.size() - 5));
    batch.spool.reset();  // the last reference: the spool file goes, the stored document stays
    EXPECT_FALSE(std::filesystem::exists(spool_path));
    EXPECT_EQ(documents->get(saved[0].id)->bytes, content);
}

TEST_P(DocumentStoreTest, UnknownDocumentIsNotFound) {
    EXPECT_FALSE(documents->find("doc_nope"));
    EXPECT_FALSE(documents->get("doc_nope"));
}

TEST_P(DocumentStoreTest, LatestOfSessionKeepsTheHighestVersionOfEachDocument) {
    documents->save(scope, {pdf("pv_general", "pv_v1.pdf", "g1", "", 1), pdf("pv_individuel", "c1_v1.pdf", "i1", "C1", 1),
                            pdf("pv_individuel", "c2_v1.pdf", "i2", "C2", 1)});
    documents->save({"job_2", {"75", "11", "12345678900011"}},
                    {pdf("pv_general", "pv_v2.pdf", "g2", "", 2), pdf("pv_individuel", "c1_v2.pdf", "i1b", "C1", 2)});
    std::vector<std::string> latest;
    for (const auto& info : documents->latestOfSession("S-2026-0042")) latest.push_back(info.file_name);
    EXPECT_EQ(latest, (std::vector<std::string>{"pv_v2.pdf", "c1_v2.pdf", "c2_v1.pdf"}));
    EXPECT_TRUE(documents->latestOfSession("S-other").empty());
}

TEST_P(DocumentStoreTest, DownloadsAreAudited) {
    DownloadAudit audit(*database);
    audit.record({"doc_1", "agent.dupont", "UD", "75", {}});
    clock_.advance(std::chrono::seconds(5));
    audit.record({"doc_1", "centre.x", "CENTRE", "12345678900011", {}});
    const auto downloads = audit.ofDocument("doc_1");
    ASSERT_EQ(downloads.size(), 2u);
    EXPECT_EQ(downloads[0].user, "agent.dupont");
    EXPECT_EQ(downloads[0].profile, "UD");
    EXPECT_EQ(downloads[0].perimeter, "75");
    EXPECT_EQ(downloads[1].at - downloads[0].at, std::chrono::seconds(5));
    EXPECT_TRUE(audit.ofDocument("doc_2").empty());
}

CERES_ON_BOTH_BACKENDS(DocumentStoreTest);

// With SQLite the bytes are files under var_dir/docs.
TEST(DocumentFiles, AreNamedByTheirHashAndNoTemporaryFileRemains) {
    testing::TestDatabase scratch(BackendKind::SQLite);
    auto database = Database::open(scratch.config([] { return TimePoint(); }));
    DocumentStore documents(*database);
    const auto saved = documents.save({"job_1", {"75", "11", ""}}, {pdf("pv_general", "pv.pdf", "%PDF-1.7 general")});
    const auto& sha = saved.front().sha256;
    const auto file = scratch.varDir() / "docs" / sha.substr(0, 2) / sha.substr(2);
    EXPECT_TRUE(std::filesystem::is_regular_file(file));
    EXPECT_EQ(std::filesystem::file_size(file), 16u);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(scratch.varDir() / "docs")) {
        EXPECT_EQ(entry.path().filename().string().rfind(".tmp-", 0), std::string::npos) << entry.path();
    }
}

}  // namespace
}  // namespace ceres::store
