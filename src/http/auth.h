#pragma once
// Bearer tokens (JWT): HS256 with the development key, RS256 and ES256 with configured public
// keys. Only those algorithms are accepted; `alg: none` never is.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/caller.h"

namespace ceres::http {

using Clock = std::function<std::chrono::system_clock::time_point()>;

struct AuthOptions {
    std::string development_key;               // HS256; empty disables HS256 entirely
    std::vector<std::string> public_keys_pem;  // RSA (RS256) or P-256 (ES256) public keys, PEM text
    Clock clock = [] { return std::chrono::system_clock::now(); };  // for `exp` and `nbf`
};

// The profiles of CONTRACT.md.
bool isKnownProfile(std::string_view profile);

class Authenticator {
public:
    // Throws std::invalid_argument for a key that is neither an RSA nor an EC public key.
    explicit Authenticator(AuthOptions options);
    ~Authenticator();
    Authenticator(const Authenticator&) = delete;
    Authenticator& operator=(const Authenticator&) = delete;

    // The caller of a valid, unexpired token in RFC 7515 compact form (three unpadded, canonical
    // base64url parts) with `sub`, a known `profile` and a `perimeter` that fits it
    // (perimeterFits); nothing for anything else.
    std::optional<Caller> verify(std::string_view token) const;
    // The same, from an `Authorization` header value ("Bearer <JWT>").
    std::optional<Caller> authenticate(std::string_view authorization) const;

private:
    struct Keys;
    AuthOptions options_;
    std::unique_ptr<Keys> keys_;
};

// A development token (HS256) for `ceres-docs token`. Throws std::invalid_argument for an empty
// key, an empty subject, an unknown profile or a perimeter that does not fit the profile.
std::string issueDevelopmentToken(const std::string& key, const std::string& sub, const std::string& profile,
                                  const std::string& perimeter, long ttl_seconds,
                                  std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace ceres::http
