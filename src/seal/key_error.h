#pragma once
#include <stdexcept>

namespace ceres::seal {

// Key material that cannot be used: unreadable file, not PEM, not a P-256 key, bad key id.
// A configuration problem, reported with the file or key id at fault.
class KeyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace ceres::seal
