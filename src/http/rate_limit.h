#pragma once
// A token bucket per client address for the public endpoints: a client may send `burst`
// requests at once, then `per_second` a second. What lets anyone walk the parchemin numbers at
// hundreds a second is refused with 429 and a Retry-After.
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <Poco/Net/IPAddress.h>

namespace ceres::http {

// The reverse proxies whose X-Forwarded-For the rate limit believes (none by default: the
// header is then ignored, since any client can write it). Behind a trusted proxy, the client is
// the rightmost address of X-Forwarded-For that is not itself a trusted proxy: the addresses to
// its left were written by the client and prove nothing.
class TrustedProxies {
public:
    TrustedProxies() = default;
    // "10.0.0.5, 192.168.0.0/16, ::1, fd00::/8": addresses and CIDR ranges, IPv4 or IPv6,
    // separated by commas. Throws std::invalid_argument naming an entry that is neither.
    static TrustedProxies parse(const std::string& list);

    bool empty() const { return ranges_.empty(); }
    bool contains(const Poco::Net::IPAddress& address) const;
    // The address the rate limit counts for a request from `peer` carrying `forwarded_for` (the
    // X-Forwarded-For values joined with commas; empty when there is none).
    std::string clientOf(const Poco::Net::IPAddress& peer, const std::string& forwarded_for) const;

private:
    struct Range {
        Poco::Net::IPAddress network;
        unsigned prefix;
    };
    std::vector<Range> ranges_;
};

struct RateLimitOptions {
    double per_second = 1.0;      // tokens added each second; <= 0 turns the limit off
    double burst = 30.0;          // bucket size
    std::size_t max_clients = 100'000;  // addresses tracked; beyond, newcomers share one bucket
};

class RateLimiter {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    explicit RateLimiter(RateLimitOptions options, Clock clock = std::chrono::steady_clock::now);

    // Takes one token from `client`'s bucket: nothing when admitted, else the whole seconds to
    // wait until a token is back (at least 1), for Retry-After.
    std::optional<int> admit(const std::string& client);

private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point updated;
    };
    Bucket& bucketOf(const std::string& client, std::chrono::steady_clock::time_point now);
    void refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const;
    void forgetIdle(std::chrono::steady_clock::time_point now);

    RateLimitOptions options_;
    Clock clock_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace ceres::http
