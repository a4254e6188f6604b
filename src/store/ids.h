#pragma once
// Identifiers and content hashes.
#include <string>
#include <string_view>

#include "files/sha256.h"

namespace ceres::store {

// prefix + 32 random lowercase hex digits, e.g. "job_3f2a…".
std::string randomId(std::string_view prefix);
using files::sha256Hex;

}  // namespace ceres::store
