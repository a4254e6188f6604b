#include "seal/sealer.h"

#include "seal/base32.h"
#include "seal/code_format.h"

namespace ceres::seal {

Sealer Sealer::fromPem(std::string_view private_key_pem, std::string key_id) {
    if (!validKeyId(key_id)) throw KeyError("key id '" + key_id + "' is not 4 characters A-Z, 0-9");
    return Sealer(P256Signer(private_key_pem), std::move(key_id));
}

Sealer Sealer::fromFile(const std::filesystem::path& private_key_pem_file, std::string key_id) {
    const std::string pem = readPemFile(private_key_pem_file);
    try {
        return fromPem(pem, std::move(key_id));
    } catch (const KeyError& e) {
        throw KeyError(private_key_pem_file.string() + ": " + e.what());
    }
}

Sealer::Sealer(P256Signer signer, std::string key_id)
    : signer_(std::move(signer)), key_id_(std::move(key_id)) {}

std::string Sealer::seal(const ParcheminFields& fields) const {
    std::string code = composeSignedPart(fields, key_id_);
    const std::string signature = base32Encode(signer_.sign(code));
    code.push_back(kUnitSeparator);
    code += signature;
    return code;
}

std::string Sealer::signDetached(std::string_view message) const { return base32Encode(signer_.sign(message)); }

}  // namespace ceres::seal
