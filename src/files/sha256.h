#pragma once
// The one SHA-256 of the project (OpenSSL's, which uses the processor's SHA extensions): whole
// texts, or bytes fed as they come (spool files, a PDF's signed byte ranges).
#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace ceres::files {

using Sha256Digest = std::array<unsigned char, 32>;

// Lowercase hex of `size` bytes (digests, random ids).
std::string hexLower(const unsigned char* bytes, std::size_t size);
// Lowercase hex SHA-256 of `bytes`.
std::string sha256Hex(std::string_view bytes);
// The SHA-256 of `bytes`.
Sha256Digest sha256(std::string_view bytes);

// A SHA-256 computed over bytes given in pieces.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void update(std::string_view bytes);
    // The digest of everything given; the object is spent.
    Sha256Digest finish();
    std::string finishHex();

private:
    struct Context;
    std::unique_ptr<Context> context_;
};

}  // namespace ceres::files
