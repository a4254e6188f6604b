#include "files/held_files.h"
#include "files/transient.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ceres::files {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void throwErrno(const std::string& action, const fs::path& path) {
    throw systemError("cannot " + action + " " + path.string(), errno);
}

int lockShared(int fd) {
    int status;
    do status = ::flock(fd, LOCK_SH);
    while (status != 0 && errno == EINTR);
    return status;
}

}  // namespace

HeldFile createHeldFile(const fs::path& directory, const std::string& prefix) {
    fs::create_directories(directory);
    for (;;) {
        std::string name = (directory / (prefix + "XXXXXX")).string();
        const int fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (fd < 0) throwErrno("create", name);
        // Closes and removes the new file on every way out but the successful return.
        struct Creation {
            int fd;
            const std::string& name;
            bool kept = false;
            ~Creation() {
                if (kept) return;
                const int error = errno;
                ::close(fd);
                ::unlink(name.c_str());
                errno = error;
            }
        } creation{fd, name};
        struct stat status {};
        if (lockShared(fd) != 0 || ::fstat(fd, &status) != 0) throwErrno("lock", name);
        // A sweep that ran between the creation and the lock found the file unheld and removed
        // it: start again with another name (the old one may be someone else's by now).
        if (status.st_nlink == 0) {
            creation.kept = true;
            ::close(fd);
            continue;
        }
        // Stores may hard-link the finished file into place: it gets the mode of their files.
        if (::fchmod(fd, 0644) != 0) throwErrno("set the mode of", name);
        HeldFile held{fd, name};
        creation.kept = true;
        return held;
    }
}

int holdFile(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throwErrno("open", path);
    if (lockShared(fd) != 0) {
        const int error = errno;
        ::close(fd);
        errno = error;
        throwErrno("lock", path);
    }
    return fd;
}

Swept sweepLeftovers(const fs::path& directory, const std::string& prefix) {
    Swept swept;
    std::error_code error;
    fs::directory_iterator entries(directory, error);
    if (error == std::errc::no_such_file_or_directory) return swept;
    if (error) throw std::runtime_error("cannot read " + directory.string() + ": " + error.message());
    for (const fs::directory_entry& entry : entries) {
        if (entry.path().filename().string().rfind(prefix, 0) != 0 || !entry.is_regular_file(error)) continue;
        const int fd = ::open(entry.path().c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) continue;  // gone meanwhile, or not ours to open
        struct stat status {};
        // Held by nobody: the exclusive lock is ours until the file is gone, so no writer can
        // take it back in between.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &status) == 0 && status.st_nlink > 0 &&
            ::unlink(entry.path().c_str()) == 0) {
            ++swept.files;
            swept.bytes += static_cast<std::uintmax_t>(status.st_size);
        }
        ::close(fd);
    }
    return swept;
}

}  // namespace ceres::files
