#pragma once
// Identifiers and content hashes.
#include <string>
#include <string_view>

namespace ceres::store {

// prefix + 32 random lowercase hex digits, e.g. "job_3f2a…".
std::string randomId(std::string_view prefix);
// Lowercase hex SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

}  // namespace ceres::store
