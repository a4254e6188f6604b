#pragma once
// Signs parchemin codes with the issuing key (README.md, "Code format").
#include <filesystem>
#include <string>
#include <string_view>

#include "seal/ecdsa_p256.h"
#include "seal/key_error.h"
#include "seal/parchemin_fields.h"

namespace ceres::seal {

class Sealer {
public:
    // `key_id`: the 4 characters (A-Z, 0-9) that name the key in the code header and in the
    // verifiers' key sets. Throws KeyError for a bad key id or anything but a P-256 private key.
    static Sealer fromPem(std::string_view private_key_pem, std::string key_id);
    static Sealer fromFile(const std::filesystem::path& private_key_pem_file, std::string key_id);

    // The code content (raw bytes, with GS and US) for the parchemin's DataMatrix. The same fields
    // always give the same bytes. Throws std::invalid_argument naming a field that cannot be
    // sealed, e.g. a CERES number whose check digit is wrong or a name holding a control character.
    std::string seal(const ParcheminFields& fields) const;

    // The Base32 signature of `message` on its own (a withdrawal list): the caller makes sure the
    // message can never read as a parchemin code, which starts with the code header.
    std::string signDetached(std::string_view message) const;

    const std::string& keyId() const { return key_id_; }
    // The matching public key, for a verifier's key set.
    std::string publicKeyPem() const { return signer_.publicKeyPem(); }

private:
    Sealer(P256Signer signer, std::string key_id);
    P256Signer signer_;
    std::string key_id_;
};

}  // namespace ceres::seal
