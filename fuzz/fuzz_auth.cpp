// JWT -> Authenticator::verify and authenticate. Contract: a caller or nothing, never an
// exception; an accepted token is in RFC 7515 compact form (three unpadded base64url parts).
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "http/auth.h"
#include "support.h"

namespace {
// The seeds were issued at this instant for a day (fuzz/make_seeds.cpp).
const auto kNow = std::chrono::system_clock::from_time_t(1'780'000'000);

bool compactForm(std::string_view token) {
    int dots = 0;
    for (const char c : token) {
        if (c == '.') ++dots;
        else if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    }
    return dots == 2 && token.front() != '.' && token.back() != '.' && token.find("..") == std::string_view::npos;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ceres::http::Authenticator auth([] {
        ceres::http::AuthOptions o;
        o.development_key = "fuzz-development-key";
        o.clock = [] { return kNow; };
        return o;
    }());
    const std::string_view token(reinterpret_cast<const char*>(data), size);
    const auto caller = auth.verify(token);
    if (caller && !compactForm(token)) ceres::fuzz::broken("accepted a token not in compact form");
    // The header allows spaces around the token (RFC 9110: 1*SP after the scheme, OWS at the end).
    std::string_view trimmed = token;
    while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
    while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
    const auto header = auth.authenticate("Bearer " + std::string(token));
    if (header.has_value() != auth.verify(trimmed).has_value()) ceres::fuzz::broken("verify and authenticate disagree");
    auth.authenticate(token);
    return 0;
}
