// Spooled files (a print batch streamed to disk) taken over by the blob store: stored whole
// under their SHA-256, never visible half written, never read into memory whole.
#include "store/blob_store.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "files/held_files.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/test_database.h"

namespace ceres::store {
namespace {

namespace fs = std::filesystem;
using namespace Poco::Data::Keywords;
using testing::BackendKind;
using testing::BackendTest;

std::string pseudoRandomBytes(std::size_t size, unsigned seed) {
    std::mt19937 generator(seed);
    std::string bytes(size, '\0');
    for (char& byte : bytes) byte = static_cast<char>(generator());
    return bytes;
}

void writeFile(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

class BlobStoreTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        database = Database::open(config());
        blobs = makeBlobStore(*database);
    }

    // How many bytes of the blob a reader sees now; -1 while it is not there at all.
    std::int64_t visibleSize(const std::string& sha256) {
        if (GetParam() == BackendKind::PostgreSQL) {
            std::vector<std::int64_t> sizes;
            database->connect().session() << "SELECT CAST(octet_length(bytes) AS BIGINT) FROM document_blobs "
                                             "WHERE sha256 = $1",
                useRef(sha256), into(sizes), now;
            return sizes.empty() ? -1 : sizes.front();
        }
        std::error_code missing;
        const auto size = fs::file_size(varDir() / "docs" / sha256.substr(0, 2) / sha256.substr(2), missing);
        return missing ? -1 : static_cast<std::int64_t>(size);
    }

    std::unique_ptr<Database> database;
    std::unique_ptr<BlobStore> blobs;
};

TEST_P(BlobStoreTest, ASpooledFileIsStoredWholeUnderItsSha256AndLeftToItsOwner) {
    const std::string content = pseudoRandomBytes(9 << 20, 7);  // several copy and upload slices
    const std::string sha256 = sha256Hex(content);
    const fs::path spool = varDir() / "spool" / "ceres-spool-test";
    writeFile(spool, content);
    blobs->putFile(sha256, spool);
    EXPECT_EQ(blobs->read(sha256, 0, content.size()), content);
    EXPECT_EQ(blobs->read(sha256, content.size() - 10, 10), content.substr(content.size() - 10));
    blobs->putFile(sha256, spool);  // already there: nothing changes
    EXPECT_EQ(visibleSize(sha256), static_cast<std::int64_t>(content.size()));
    ASSERT_TRUE(fs::exists(spool));
    EXPECT_EQ(fs::file_size(spool), content.size());
    if (GetParam() == BackendKind::SQLite) {
        for (const auto& entry : fs::recursive_directory_iterator(varDir() / "docs"))
            EXPECT_EQ(entry.path().filename().string().rfind(".tmp-", 0), std::string::npos) << entry.path();
    }
}

// The file backend links a spool of its own file system into place; from elsewhere it copies it
// aside first. Either way a reader finds the whole blob or nothing.
TEST_P(BlobStoreTest, NoReaderEverSeesAHalfStoredSpooledFile) {
    const fs::path elsewhere = "/dev/shm";
    struct stat here {}, there {};
    if (GetParam() == BackendKind::SQLite &&
        (::stat(varDir().c_str(), &here) != 0 || ::stat(elsewhere.c_str(), &there) != 0 || here.st_dev == there.st_dev)) {
        GTEST_SKIP() << "reason: no second file system (/dev/shm) to spool from, so no copy to watch";
    }
    const std::string content = pseudoRandomBytes(GetParam() == BackendKind::SQLite ? 64 << 20 : 16 << 20, 11);
    const std::string sha256 = sha256Hex(content);
    const fs::path spool = GetParam() == BackendKind::SQLite ? elsewhere / randomId("ceres-spool-test-")
                                                              : varDir() / "spool" / "ceres-spool-test";
    writeFile(spool, content);
    std::atomic<bool> stored{false};
    std::atomic<int> partial_views{0}, whole_views{0};
    std::thread reader([&] {
        while (!stored) {
            const auto size = visibleSize(sha256);
            if (size == static_cast<std::int64_t>(content.size())) ++whole_views;
            else if (size >= 0) ++partial_views;
        }
    });
    blobs->putFile(sha256, spool);
    stored = true;
    reader.join();
    fs::remove(spool);
    EXPECT_EQ(partial_views, 0);
    EXPECT_EQ(visibleSize(sha256), static_cast<std::int64_t>(content.size()));
    EXPECT_EQ(blobs->read(sha256, 0, content.size()), content);
}

TEST_P(BlobStoreTest, AFailedTakeOverLeavesNothingBehind) {
    const std::string sha256 = sha256Hex("never stored");
    EXPECT_THROW(blobs->putFile(sha256, varDir() / "spool" / "missing"), std::runtime_error);
    EXPECT_EQ(visibleSize(sha256), -1);
    if (GetParam() == BackendKind::PostgreSQL) {
        std::int64_t objects = 0;
        database->connect().session() << "SELECT COUNT(*) FROM pg_largeobject_metadata", into(objects), now;
        EXPECT_EQ(objects, 0);
    }
}

// A process killed while it wrote a blob leaves a file in var_dir/docs/.tmp; the next store to
// open removes it, and leaves alone a blob that a live process is still writing.
TEST_P(BlobStoreTest, OpeningAStoreRemovesTheBlobsAKilledWriterLeft) {
    if (GetParam() == BackendKind::PostgreSQL)
        GTEST_SKIP() << "reason: PostgreSQL keeps blobs in the database, with no file to leave behind";
    const fs::path temporary = varDir() / "docs" / ".tmp";
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const files::HeldFile half_written = files::createHeldFile(temporary, "blob-");
        if (::write(half_written.fd, "half", 4) != 4) ::_exit(1);
        ::raise(SIGKILL);
        ::_exit(1);  // not reached
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status));
    const files::HeldFile in_progress = files::createHeldFile(temporary, "blob-");
    ASSERT_EQ(std::distance(fs::directory_iterator(temporary), fs::directory_iterator()), 2);

    const std::string content = "stored before and after";
    blobs->put(sha256Hex(content), content);
    blobs = makeBlobStore(*database);
    const std::vector<fs::path> left(fs::directory_iterator(temporary), fs::directory_iterator{});
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left.front(), in_progress.path);
    EXPECT_EQ(blobs->read(sha256Hex(content), 0, content.size()), content);
    ::close(in_progress.fd);
}

CERES_ON_BOTH_BACKENDS(BlobStoreTest);

}  // namespace
}  // namespace ceres::store
