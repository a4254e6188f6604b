#pragma once
// Files that live only while a job writes them (spooled print batches and manifests, the file
// store's half-written blobs) and what is left of them when their process is killed.
//
// Each such file holds a shared advisory lock (flock) from the moment it is created until the
// last descriptor on it closes. The kernel drops the lock when the process dies, however it
// dies, so a file of such a directory, with such a name, that nobody holds is a leftover, never
// work in progress, whichever process of the machine wrote it. flock is only this reliable on a
// local file system: var_dir belongs to one machine (machines share PostgreSQL, not files).
#include <cstdint>
#include <filesystem>
#include <string>

namespace ceres::files {

// A new file of `directory` (created if needed) named `prefix` + 6 random characters, mode 0644,
// opened for writing and held through `fd`, which the caller closes.
struct HeldFile {
    int fd = -1;
    std::filesystem::path path;
};
HeldFile createHeldFile(const std::filesystem::path& directory, const std::string& prefix);

// A read-only descriptor holding the finished file at `path`, for as long as it stays open.
int holdFile(const std::filesystem::path& path);

struct Swept {
    std::size_t files = 0;
    std::uintmax_t bytes = 0;
};

// Removes the regular files of `directory` named `prefix`… that no process holds. Only files
// made by createHeldFile with that prefix are looked at. A missing directory has nothing to
// remove. Throws std::runtime_error when the directory cannot be read.
Swept sweepLeftovers(const std::filesystem::path& directory, const std::string& prefix);

}  // namespace ceres::files
