#include "http/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace ceres::http {
namespace {

const std::string kOverflowClient = "*";

}  // namespace

RateLimiter::RateLimiter(RateLimitOptions options, Clock clock) : options_(options), clock_(std::move(clock)) {
    options_.burst = std::max(1.0, options_.burst);
}

std::optional<int> RateLimiter::admit(const std::string& client) {
    if (options_.per_second <= 0) return std::nullopt;
    const auto now = clock_();
    std::lock_guard lock(mutex_);
    Bucket& bucket = bucketOf(client, now);
    refill(bucket, now);
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / options_.per_second)));
}

RateLimiter::Bucket& RateLimiter::bucketOf(const std::string& client, std::chrono::steady_clock::time_point now) {
    if (const auto known = buckets_.find(client); known != buckets_.end()) return known->second;
    if (buckets_.size() >= options_.max_clients) forgetIdle(now);
    const std::string& key = buckets_.size() >= options_.max_clients ? kOverflowClient : client;
    return buckets_.try_emplace(key, Bucket{options_.burst, now}).first->second;
}

void RateLimiter::refill(Bucket& bucket, std::chrono::steady_clock::time_point now) const {
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(options_.burst, bucket.tokens + std::max(0.0, elapsed) * options_.per_second);
    bucket.updated = now;
}

// A bucket full again is the same as no bucket.
void RateLimiter::forgetIdle(std::chrono::steady_clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        refill(it->second, now);
        it = it->second.tokens >= options_.burst ? buckets_.erase(it) : std::next(it);
    }
}

}  // namespace ceres::http
