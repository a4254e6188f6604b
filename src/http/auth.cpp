#include "http/auth.h"

#include "domain/codes.h"

#include <Poco/Crypto/ECKey.h>
#include <Poco/Crypto/EVPPKey.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/Exception.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/String.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <array>
#include <stdexcept>

#include "http/access.h"

namespace ceres::http {
namespace {

constexpr std::string_view kBearer = "Bearer ";

using Signers = std::vector<std::unique_ptr<Poco::JWT::Signer>>;

// Read with OpenSSL directly: Poco's PEM loader leaks its key object when the text is not a key.
Poco::Crypto::EVPPKey publicKeyFromPem(const std::string& pem) {
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                        &BIO_free);
    const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
    if (!key) {
        ERR_clear_error();
        throw std::invalid_argument("JWT public key: not a PEM public key");
    }
    return Poco::Crypto::EVPPKey(key.get());  // duplicates the key
}

std::optional<double> numericClaim(const Poco::JSON::Object& payload, const std::string& name) {
    if (!payload.has(name)) return std::nullopt;
    const auto value = payload.get(name);
    if (!value.isNumeric()) return std::nullopt;
    return value.convert<double>();
}

std::string stringClaim(const Poco::JSON::Object& payload, const std::string& name) {
    if (!payload.has(name)) return {};
    const auto value = payload.get(name);
    return value.isString() ? value.extract<std::string>() : std::string{};
}

double secondsSinceEpoch(std::chrono::system_clock::time_point time) {
    return std::chrono::duration<double>(time.time_since_epoch()).count();
}

// `exp` is required: a token that never expires is not accepted. `nbf`, when present, is enforced.
bool isCurrent(const Poco::JSON::Object& payload, double now) {
    const auto expires = numericClaim(payload, "exp");
    if (!expires || now >= *expires) return false;
    if (payload.has("nbf")) {
        const auto not_before = numericClaim(payload, "nbf");
        if (!not_before || now < *not_before) return false;
    }
    return true;
}

std::optional<Caller> callerOf(const Poco::JSON::Object& payload) {
    const std::string user = stringClaim(payload, "sub"), profile = stringClaim(payload, "profile"),
                      perimeter = stringClaim(payload, "perimeter");
    const auto known = domain::parseProfile(profile);
    if (user.empty() || !known || !perimeterFits(profile, perimeter)) return std::nullopt;
    return Caller{user, *known, perimeter};
}

int base64UrlValue(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

// Unpadded base64url whose unused trailing bits are zero: the one encoding of its bytes.
bool isCanonicalBase64Url(std::string_view part) {
    if (part.empty() || part.size() % 4 == 1) return false;
    for (const char c : part) {
        if (base64UrlValue(c) < 0) return false;
    }
    const int last = base64UrlValue(part.back());
    if (part.size() % 4 == 2) return (last & 0x0F) == 0;
    if (part.size() % 4 == 3) return (last & 0x03) == 0;
    return true;
}

// RFC 7515, 7.1: header.payload.signature, each part base64url without padding.
bool isCompactJws(std::string_view token) {
    const auto first = token.find('.');
    if (first == std::string_view::npos) return false;
    const auto second = token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return false;
    return isCanonicalBase64Url(token.substr(0, first)) &&
           isCanonicalBase64Url(token.substr(first + 1, second - first - 1)) &&
           isCanonicalBase64Url(token.substr(second + 1));
}

}  // namespace

struct Authenticator::Keys {
    Signers hs256;
    Signers rs256;
    Signers es256;

    // One algorithm per key: a key of one type is never tried under another algorithm.
    void addPublicKey(const std::string& pem) {
        const Poco::Crypto::EVPPKey key = publicKeyFromPem(pem);
        auto signer = std::make_unique<Poco::JWT::Signer>();
        switch (key.type()) {
        case EVP_PKEY_RSA:
            signer->setRSAKey(Poco::SharedPtr<Poco::Crypto::RSAKey>(new Poco::Crypto::RSAKey(key)));
            signer->setAlgorithms({Poco::JWT::Signer::ALGO_RS256});
            rs256.push_back(std::move(signer));
            return;
        case EVP_PKEY_EC:
            signer->setECKey(Poco::SharedPtr<Poco::Crypto::ECKey>(new Poco::Crypto::ECKey(key)));
            signer->setAlgorithms({Poco::JWT::Signer::ALGO_ES256});
            es256.push_back(std::move(signer));
            return;
        default:
            throw std::invalid_argument("JWT public key: neither an RSA nor an EC key");
        }
    }

    const Signers* forAlgorithm(const std::string& algorithm) const {
        if (algorithm == Poco::JWT::Signer::ALGO_HS256) return &hs256;
        if (algorithm == Poco::JWT::Signer::ALGO_RS256) return &rs256;
        if (algorithm == Poco::JWT::Signer::ALGO_ES256) return &es256;
        return nullptr;
    }
};

bool isKnownProfile(std::string_view profile) { return domain::parseProfile(profile).has_value(); }

Authenticator::Authenticator(AuthOptions options) : options_(std::move(options)), keys_(std::make_unique<Keys>()) {
    if (!options_.development_key.empty()) {
        keys_->hs256.push_back(std::make_unique<Poco::JWT::Signer>(options_.development_key));
    }
    for (const auto& pem : options_.public_keys_pem) {
        try {
            keys_->addPublicKey(pem);
        } catch (const Poco::Exception& e) {
            throw std::invalid_argument("JWT public key: " + e.displayText());
        }
    }
}

Authenticator::~Authenticator() = default;

std::optional<Caller> Authenticator::verify(std::string_view token) const {
    if (!isCompactJws(token)) return std::nullopt;
    const std::string jwt(token);
    try {
        const Poco::JWT::Token unverified(jwt);
        const Signers* signers = keys_->forAlgorithm(unverified.getAlgorithm());
        if (!signers) return std::nullopt;
        for (const auto& signer : *signers) {
            Poco::JWT::Token verified;
            if (!signer->tryVerify(jwt, verified)) continue;
            if (!isCurrent(verified.payload(), secondsSinceEpoch(options_.clock()))) return std::nullopt;
            return callerOf(verified.payload());
        }
    } catch (const std::exception&) {
        // A token that does not even parse is simply not a valid token.
    }
    return std::nullopt;
}

std::optional<Caller> Authenticator::authenticate(std::string_view authorization) const {
    if (authorization.size() <= kBearer.size()) return std::nullopt;
    const auto scheme = authorization.substr(0, kBearer.size() - 1);
    if (Poco::icompare(std::string(scheme), "Bearer") != 0 || authorization[kBearer.size() - 1] != ' ') {
        return std::nullopt;
    }
    auto token = authorization.substr(kBearer.size());
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    return verify(token);
}

std::string issueDevelopmentToken(const std::string& key, const std::string& sub, const std::string& profile,
                                  const std::string& perimeter, long ttl_seconds,
                                  std::chrono::system_clock::time_point now) {
    if (key.empty()) throw std::invalid_argument("no development key is configured");
    if (sub.empty()) throw std::invalid_argument("the token needs a subject");
    if (!isKnownProfile(profile)) throw std::invalid_argument("unknown profile: " + profile);
    if (!perimeterFits(profile, perimeter)) {
        throw std::invalid_argument("perimeter '" + perimeter + "' does not fit profile " + profile +
                                    " (SERVICE and DISPATCH: FR; UD: a department; DIRECCTE: a region; "
                                    "CENTRE: a SIRET; ACC: FR, a region or a department)");
    }
    const auto issued_at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    Poco::JWT::Token token;
    token.setType("JWT");
    token.payload().set("sub", sub);
    token.payload().set("profile", profile);
    token.payload().set("perimeter", perimeter);
    token.payload().set("iat", static_cast<Poco::Int64>(issued_at));
    token.payload().set("exp", static_cast<Poco::Int64>(issued_at + ttl_seconds));
    Poco::JWT::Signer signer(key);
    return signer.sign(token, Poco::JWT::Signer::ALGO_HS256);
}

}  // namespace ceres::http
