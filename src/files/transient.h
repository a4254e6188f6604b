#pragma once
// Failures of the machine rather than of the job: the database does not answer, a disk is full,
// an I/O error. The same job may well succeed later, so the queue retries it with backoff;
// any other failure of a job that passed validation is a deterministic internal error, which
// would fail again the same way, and ends the job at once.
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

namespace ceres::files {

class TransientError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// `what` followed by the text of `error_number` (errno).
inline TransientError systemError(const std::string& what, int error_number) {
    return TransientError(what + ": " + std::strerror(error_number));
}

// Whether `error` is worth trying the job again for: a TransientError, an error of the
// operating system (std::system_error, std::filesystem::filesystem_error: no space, I/O,
// too many open files) or memory exhausted.
inline bool isTransient(const std::exception& error) {
    if (dynamic_cast<const TransientError*>(&error)) return true;
    if (dynamic_cast<const std::bad_alloc*>(&error)) return true;
    if (const auto* system = dynamic_cast<const std::system_error*>(&error)) {
        return system->code().category() == std::generic_category() ||
               system->code().category() == std::system_category();
    }
    return false;
}

}  // namespace ceres::files
