#include "seal/verifier.h"

#include "domain/parchemin_number.h"
#include "seal/base32.h"
#include "seal/code_format.h"

namespace ceres::seal {
namespace {

Verification refused(VerifyStatus status, std::string reason, std::string key_id = {}) {
    Verification result;
    result.status = status;
    result.reason = std::move(reason);
    result.key_id = std::move(key_id);
    return result;
}

}  // namespace

const char* toString(VerifyStatus status) {
    switch (status) {
        case VerifyStatus::Valid: return "valid";
        case VerifyStatus::Malformed: return "malformed";
        case VerifyStatus::BadCheckCharacter: return "bad_check_character";
        case VerifyStatus::UnknownKey: return "unknown_key";
        case VerifyStatus::BadSignature: return "bad_signature";
    }
    return "malformed";
}

void Verifier::addKey(std::string key_id, std::string_view public_key_pem) {
    if (!validKeyId(key_id)) throw KeyError("key id '" + key_id + "' is not 4 characters A-Z, 0-9");
    if (keys_.count(key_id) != 0) throw KeyError("key id " + key_id + " is already in the key set");
    keys_.emplace(std::move(key_id), P256PublicKey(public_key_pem));
}

void Verifier::addKeyFile(std::string key_id, const std::filesystem::path& public_key_pem_file) {
    const std::string pem = readPemFile(public_key_pem_file);
    try {
        addKey(std::move(key_id), pem);
    } catch (const KeyError& e) {
        throw KeyError(public_key_pem_file.string() + ": " + e.what());
    }
}

Verification Verifier::verify(std::string_view code) const {
    const std::string raw = unescapeSeparators(code);
    CodeParts parts;
    try {
        parts = parseCode(raw);
    } catch (const MalformedCode& e) {
        return refused(VerifyStatus::Malformed, std::string("not a parchemin code: ") + e.what());
    }
    const std::optional<std::string> signature = base32Decode(parts.signature_text);
    if (!signature || signature->size() != 64) {
        return refused(VerifyStatus::Malformed, "not a parchemin code: the signature is not 103 Base32 characters",
                       parts.key_id);
    }
    if (!domain::hasValidCheckCharacter(parts.fields.unique_number)) {
        return refused(VerifyStatus::BadCheckCharacter,
                       "number " + parts.fields.unique_number + " is not a CERES number with its right check digit", parts.key_id);
    }
    const auto key = keys_.find(parts.key_id);
    if (parts.authority_id != kAuthorityId || key == keys_.end()) {
        return refused(VerifyStatus::UnknownKey,
                       "signed with key " + parts.authority_id + "/" + parts.key_id + ", which is not a known key",
                       parts.key_id);
    }
    if (!key->second.verify(parts.signed_part, *signature)) {
        return refused(VerifyStatus::BadSignature,
                       "the signature does not hold: the code was altered or not issued with this key", parts.key_id);
    }
    Verification result;
    result.status = VerifyStatus::Valid;
    result.key_id = parts.key_id;
    result.fields = std::move(parts.fields);
    return result;
}

VerifyStatus Verifier::verifyDetached(std::string_view key_id, std::string_view message,
                                      std::string_view signature_base32) const {
    const std::optional<std::string> signature = base32Decode(signature_base32);
    if (!signature || signature->size() != 64) return VerifyStatus::Malformed;
    const auto key = keys_.find(key_id);
    if (key == keys_.end()) return VerifyStatus::UnknownKey;
    return key->second.verify(message, *signature) ? VerifyStatus::Valid : VerifyStatus::BadSignature;
}

}  // namespace ceres::seal
