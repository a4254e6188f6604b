#pragma once
// The one SHA-256 of the project (OpenSSL's, which uses the processor's SHA extensions).
#include <cstddef>
#include <string>
#include <string_view>

namespace ceres::files {

// Lowercase hex of `size` bytes (digests, random ids).
std::string hexLower(const unsigned char* bytes, std::size_t size);
// Lowercase hex SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);

}  // namespace ceres::files
