#pragma once
// ECDSA over P-256 with SHA-256, signatures as raw r||s (64 bytes).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ceres::seal {

// PEM text of a key file. Throws KeyError naming the file when it cannot be read.
std::string readPemFile(const std::filesystem::path& path);

// Signs with nonces derived from the key and the message (RFC 6979), so that the same message
// always gets the same signature: a re-rendered parchemin is byte-identical. Thread-safe.
class P256Signer {
public:
    // Throws KeyError unless `private_key_pem` is an unencrypted P-256 private key.
    explicit P256Signer(std::string_view private_key_pem);
    ~P256Signer();
    P256Signer(P256Signer&&) noexcept;
    P256Signer& operator=(P256Signer&&) noexcept;

    std::string sign(std::string_view message) const;
    std::string publicKeyPem() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

class P256PublicKey {
public:
    // Throws KeyError unless `public_key_pem` is a P-256 public key (SubjectPublicKeyInfo PEM).
    explicit P256PublicKey(std::string_view public_key_pem);
    ~P256PublicKey();
    P256PublicKey(P256PublicKey&&) noexcept;
    P256PublicKey& operator=(P256PublicKey&&) noexcept;

    bool verify(std::string_view message, std::string_view signature) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ceres::seal
