#pragma once
// The deflate level of the parts of a workbook. libxlsxwriter 1.1.4 (Debian 12) deflates every
// part at zlib's default level 6 and has no setting for it; on a 100,000-row export zlib is then
// half the time. This module defines minizip's zipOpenNewFileInZip4_64 in the program itself,
// which the dynamic linker binds libxlsxwriter's calls to, and passes them on to minizip with
// the level of the innermost DeflateLevel alive on the calling thread. With none alive, calls
// pass through unchanged, so nothing else in the process is affected.
namespace ceres::xlsx::internal {

class DeflateLevel {
public:
    explicit DeflateLevel(int level);  // 1 (fastest) to 9 (smallest)
    ~DeflateLevel();
    DeflateLevel(const DeflateLevel&) = delete;
    DeflateLevel& operator=(const DeflateLevel&) = delete;

private:
    int previous_;
};

}  // namespace ceres::xlsx::internal
