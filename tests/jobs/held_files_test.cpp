// Spool files a job writes and what a killed process leaves of them: a sweep removes the leftovers and
// never a file that a live process, this one or another, still writes or holds.
#include "files/held_files.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "jobs/pdf_document.h"

namespace ceres::jobs {
namespace {

using files::createHeldFile;
using files::HeldFile;
using files::Swept;

// What serve and worker sweep at start (app/runtime.cpp).
Swept sweepLeftovers(const std::filesystem::path& directory) {
    return files::sweepLeftovers(directory, std::string(kSpoolPrefix));
}

namespace fs = std::filesystem;

std::vector<fs::path> filesIn(const fs::path& directory) {
    std::vector<fs::path> files;
    if (fs::exists(directory))
        for (const auto& entry : fs::directory_iterator(directory)) files.push_back(entry.path());
    return files;
}

class LeftoversTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("ceres-leftovers-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    // A process that starts spooling `bytes` bytes and is killed (SIGKILL) before it finishes,
    // so that no destructor runs: its spool file stays behind.
    void spoolAndGetKilled(std::size_t bytes) {
        const pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            SpoolWriter spool(dir_);
            spool.write(std::string(bytes, 'x'));
            ::raise(SIGKILL);
            ::_exit(1);  // not reached
        }
        int status = 0;
        ASSERT_EQ(::waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    }

    fs::path dir_;
};

TEST_F(LeftoversTest, AKilledWritersSpoolFileIsRemovedWithItsSize) {
    spoolAndGetKilled(5000);
    ASSERT_EQ(filesIn(dir_).size(), 1u);
    const Swept swept = sweepLeftovers(dir_);
    EXPECT_EQ(swept.files, 1u);
    EXPECT_EQ(swept.bytes, 5000u);
    EXPECT_TRUE(filesIn(dir_).empty());
}

TEST_F(LeftoversTest, ASpoolBeingWrittenOrFinishedAndNotYetStoredIsKept) {
    spoolAndGetKilled(10);
    SpoolWriter writing(dir_);
    writing.write("%PDF-1.7 being written");
    SpoolWriter other(dir_);
    other.write("%PDF-1.7 finished");
    const auto finished = other.finish();
    ASSERT_EQ(filesIn(dir_).size(), 3u);

    EXPECT_EQ(sweepLeftovers(dir_).files, 1u);
    const auto kept = filesIn(dir_);
    EXPECT_EQ(kept.size(), 2u);
    EXPECT_TRUE(fs::exists(finished->path()));
    std::ifstream in(finished->path(), std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "%PDF-1.7 finished");
}

// Another process's sweep (a second worker sharing var_dir) must not take a file this one holds.
TEST_F(LeftoversTest, AnotherProcessesSweepLeavesTheFilesThisOneHolds) {
    SpoolWriter writing(dir_);
    writing.write("x");
    const HeldFile held = createHeldFile(dir_, std::string(kSpoolPrefix));
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) ::_exit(static_cast<int>(sweepLeftovers(dir_).files));
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_EQ(filesIn(dir_).size(), 2u);
    ::close(held.fd);
    EXPECT_EQ(sweepLeftovers(dir_).files, 1u);  // no longer held: the created file only
    EXPECT_EQ(filesIn(dir_).size(), 1u);
}

TEST_F(LeftoversTest, NothingIsLeftOnceASpoolIsDoneWith) {
    {
        SpoolWriter abandoned(dir_);
        abandoned.write("never finished");
    }
    {
        SpoolWriter spool(dir_);
        spool.write("stored elsewhere");
        const auto finished = spool.finish();
        EXPECT_EQ(finished->size(), 16u);
    }
    EXPECT_TRUE(filesIn(dir_).empty());
}

TEST_F(LeftoversTest, AMissingDirectoryHasNothingToSweep) {
    const Swept swept = sweepLeftovers(dir_ / "never-created");
    EXPECT_EQ(swept.files, 0u);
    EXPECT_EQ(swept.bytes, 0u);
}

// Only the names a sweep is asked about: files of another kind, or another version's spool files
// that carry no hold, are not its to remove.
TEST_F(LeftoversTest, ASweepRemovesOnlyFilesWithItsPrefix) {
    spoolAndGetKilled(10);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "ceres-spool-Ab12Cd") << "written by a version that took no hold";
    std::ofstream(dir_ / "notes.txt") << "not a spool file";
    EXPECT_EQ(sweepLeftovers(dir_).files, 1u);
    EXPECT_EQ(filesIn(dir_).size(), 2u);
    EXPECT_TRUE(fs::exists(dir_ / "ceres-spool-Ab12Cd"));
    EXPECT_TRUE(fs::exists(dir_ / "notes.txt"));
}

TEST_F(LeftoversTest, HeldFilesAreCreatedWithTheStoresMode) {
    const HeldFile held = createHeldFile(dir_, "blob-");
    EXPECT_EQ(held.path.parent_path(), dir_);
    EXPECT_EQ(held.path.filename().string().rfind("blob-", 0), 0u);
    EXPECT_EQ(fs::status(held.path).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    ::close(held.fd);
}

}  // namespace
}  // namespace ceres::jobs
