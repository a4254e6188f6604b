#pragma once
// Checks parchemin codes offline against a set of public keys. Keys stay in the set after a
// rotation, so every parchemin ever issued remains verifiable.
#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "seal/ecdsa_p256.h"
#include "seal/key_error.h"
#include "seal/parchemin_fields.h"

namespace ceres::seal {

enum class VerifyStatus {
    Valid,
    Malformed,          // not a parchemin code (layout, field syntax, Base32 of the signature)
    BadCheckCharacter,  // a CERES number whose check digit (or format) is wrong: a typo or a forgery
    UnknownKey,         // signed under an authority or key id not in the key set
    BadSignature,       // the signature does not hold: some character was changed
};

// "valid", "malformed", "bad_check_character", "unknown_key", "bad_signature".
const char* toString(VerifyStatus status);

struct Verification {
    VerifyStatus status = VerifyStatus::Malformed;
    std::string reason;      // why it is not valid, fit to show to anyone; empty when valid
    std::string key_id;      // once the header could be read
    ParcheminFields fields;  // only when valid: never show claims the signature does not back

    bool valid() const { return status == VerifyStatus::Valid; }
};

class Verifier {
public:
    // Throws KeyError for a bad or repeated key id, or anything but a P-256 public key.
    void addKey(std::string key_id, std::string_view public_key_pem);
    void addKeyFile(std::string key_id, const std::filesystem::path& public_key_pem_file);
    bool hasKey(std::string_view key_id) const { return keys_.find(key_id) != keys_.end(); }

    // `code` as decoded from the barcode, or with `<GS>`/`<US>` written for the separators.
    Verification verify(std::string_view code) const;

    // A signature made by Sealer::signDetached: Valid, UnknownKey, Malformed (not 103 Base32
    // characters) or BadSignature.
    VerifyStatus verifyDetached(std::string_view key_id, std::string_view message,
                                std::string_view signature_base32) const;

private:
    std::map<std::string, P256PublicKey, std::less<>> keys_;
};

}  // namespace ceres::seal
