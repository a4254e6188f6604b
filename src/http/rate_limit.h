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

namespace ceres::http {

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
