// The deflate level override of xlsx/internal/zip_level.h: libxlsxwriter's calls to minizip are
// bound to ours, and any other caller, or another thread, keeps the level it asks for.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <string>

#include <gtest/gtest.h>
#include <minizip/zip.h>

#include "xlsx/internal/zip_level.h"

namespace ceres::xlsx {
namespace {

// Writes a one-entry ZIP with minizip at `level` and returns the deflate option bits (1 and 2)
// of the entry's general-purpose flag, read from its local header: 6 for level 1, 2 for 8-9.
int deflateOptionBits(const std::filesystem::path& path, int level) {
    zipFile zip = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
    if (zip == nullptr)
        throw std::runtime_error("cannot create " + path.string());
    const std::string text(4096, 'a');
    zip_fileinfo info{};
    const bool written =
        zipOpenNewFileInZip4_64(zip, "part.xml", &info, nullptr, 0, nullptr, 0, nullptr,
                                Z_DEFLATED, level, 0, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, nullptr,
                                0, 0, 0, 0) == ZIP_OK &&
        zipWriteInFileInZip(zip, text.data(), static_cast<unsigned>(text.size())) == ZIP_OK &&
        zipCloseFileInZip(zip) == ZIP_OK;
    zipClose(zip, nullptr);
    if (!written)
        throw std::runtime_error("cannot write " + path.string());
    std::ifstream in(path, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    if (bytes.size() < 8 || bytes.compare(0, 4, "PK\x03\x04") != 0)
        throw std::runtime_error(path.string() + " does not start with a local header");
    return static_cast<std::uint8_t>(bytes[6]) & 6;
}

class DeflateLevelTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("ceres-deflate-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
};

TEST_F(DeflateLevelTest, withoutAnOverrideCallersKeepTheirLevel) {
    EXPECT_EQ(deflateOptionBits(dir_ / "max.zip", 9), 2);
    EXPECT_EQ(deflateOptionBits(dir_ / "fastest.zip", 1), 6);
}

TEST_F(DeflateLevelTest, anOverrideAppliesOnItsThreadUntilItEnds) {
    {
        const internal::DeflateLevel fastest(1);
        EXPECT_EQ(deflateOptionBits(dir_ / "inside.zip", 9), 6);
        // Another thread, e.g. another worker writing its own workbook, is not affected.
        auto other = std::async(std::launch::async,
                                [this] { return deflateOptionBits(dir_ / "other.zip", 9); });
        EXPECT_EQ(other.get(), 2);
    }
    EXPECT_EQ(deflateOptionBits(dir_ / "after.zip", 9), 2);
}

TEST_F(DeflateLevelTest, overridesNestAndRestoreTheOuterLevel) {
    const internal::DeflateLevel outer(1);
    {
        const internal::DeflateLevel inner(9);
        EXPECT_EQ(deflateOptionBits(dir_ / "inner.zip", 1), 2);
    }
    EXPECT_EQ(deflateOptionBits(dir_ / "outer.zip", 9), 6);
}

}  // namespace
}  // namespace ceres::xlsx
