#pragma once
// The public verification routes (pages for people, JSON for programs, from the same backend
// call), rate-limited per client address, and the withdrawal of parchemins (R-DOC-7).
#include <cstddef>

#include "http/backend.h"
#include "http/rate_limit.h"
#include "http/router.h"

namespace ceres::http {

struct PublicOptions {
    RateLimitOptions rate_limit;
    TrustedProxies trusted_proxies;  // whose X-Forwarded-For names the client; none by default
    std::size_t max_picture_bytes = 8u * 1024u * 1024u;  // a larger upload gets 413
};

class VerificationEndpoints {
public:
    VerificationEndpoints(Backend& backend, PublicOptions options);
    void install(Router& router);

private:
    using Method = void (VerificationEndpoints::*)(Exchange&);
    // Rate-limited, and answered as a page when a browser asked for one.
    Handler limited(Method method);
    Handler bound(Method method);

    void home(Exchange& exchange);
    void byNumber(Exchange& exchange);
    void confirmHolder(Exchange& exchange);
    void byCode(Exchange& exchange);
    void withdraw(Exchange& exchange);
    void withdrawals(Exchange& exchange);

    void answerNumber(Exchange& exchange, const std::string& number, const std::optional<HolderClaim>& claim);
    void answerCode(Exchange& exchange, const VerifyResult& result);

    Backend& backend_;
    PublicOptions options_;
    RateLimiter limiter_;
};

}  // namespace ceres::http
