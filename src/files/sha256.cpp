#include "files/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace ceres::files {

std::string hexLower(const unsigned char* bytes, std::size_t size) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(2 * size);
    for (std::size_t i = 0; i < size; ++i) {
        hex.push_back(kDigits[bytes[i] >> 4]);
        hex.push_back(kDigits[bytes[i] & 0xF]);
    }
    return hex;
}

Sha256Digest sha256(std::string_view bytes) {
    Sha256Digest digest{};
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) != 1 || size != digest.size())
        throw std::runtime_error("SHA-256 failed");
    return digest;
}

std::string sha256Hex(std::string_view bytes) {
    const Sha256Digest digest = sha256(bytes);
    return hexLower(digest.data(), digest.size());
}

struct Sha256::Context {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md{EVP_MD_CTX_new(), EVP_MD_CTX_free};
};

Sha256::Sha256() : context_(std::make_unique<Context>()) {
    if (!context_->md || EVP_DigestInit_ex(context_->md.get(), EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("cannot start a SHA-256");
}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
    if (!context_) throw std::logic_error("SHA-256 already finished");
    if (EVP_DigestUpdate(context_->md.get(), bytes.data(), bytes.size()) != 1) throw std::runtime_error("SHA-256 failed");
}

Sha256Digest Sha256::finish() {
    if (!context_) throw std::logic_error("SHA-256 already finished");
    Sha256Digest digest{};
    unsigned int size = 0;
    const bool ok = EVP_DigestFinal_ex(context_->md.get(), digest.data(), &size) == 1 && size == digest.size();
    context_.reset();
    if (!ok) throw std::runtime_error("SHA-256 failed");
    return digest;
}

std::string Sha256::finishHex() {
    const Sha256Digest digest = finish();
    return hexLower(digest.data(), digest.size());
}

}  // namespace ceres::files
