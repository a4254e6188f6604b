#include "http/rate_limit.h"

#include <Poco/String.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ceres::http {
namespace {

const std::string kOverflowClient = "*";

// An IPv4-mapped IPv6 address (::ffff:10.0.0.5) is the IPv4 address it carries.
Poco::Net::IPAddress plain(const Poco::Net::IPAddress& address) {
    if (address.family() == Poco::Net::IPAddress::IPv6 && address.isIPv4Mapped()) {
        const auto* bytes = static_cast<const unsigned char*>(address.addr());
        return Poco::Net::IPAddress(bytes + 12, 4);
    }
    return address;
}

bool sameNetwork(const Poco::Net::IPAddress& a, const Poco::Net::IPAddress& b, unsigned prefix) {
    if (a.family() != b.family()) return false;
    const auto* x = static_cast<const unsigned char*>(a.addr());
    const auto* y = static_cast<const unsigned char*>(b.addr());
    for (unsigned bit = 0; bit < prefix; bit += 8) {
        const unsigned bits = std::min(8u, prefix - bit);
        const auto mask = static_cast<unsigned char>(0xFF << (8 - bits));
        if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) return false;
    }
    return true;
}

}  // namespace

TrustedProxies TrustedProxies::parse(const std::string& list) {
    TrustedProxies proxies;
    std::stringstream entries(list);
    std::string entry;
    while (std::getline(entries, entry, ',')) {
        entry = Poco::trim(entry);
        if (entry.empty()) continue;
        const auto slash = entry.find('/');
        Poco::Net::IPAddress address;
        if (!Poco::Net::IPAddress::tryParse(entry.substr(0, slash), address))
            throw std::invalid_argument("'" + entry + "' is not an IP address or a CIDR range");
        address = plain(address);
        const unsigned bits = address.family() == Poco::Net::IPAddress::IPv4 ? 32 : 128;
        unsigned prefix = bits;
        if (slash != std::string::npos) {
            const std::string digits = entry.substr(slash + 1);
            if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos ||
                std::stoul(digits) > bits)
                throw std::invalid_argument("'" + entry + "' has a prefix length outside 0-" + std::to_string(bits));
            prefix = static_cast<unsigned>(std::stoul(digits));
        }
        proxies.ranges_.push_back({address, prefix});
    }
    return proxies;
}

bool TrustedProxies::contains(const Poco::Net::IPAddress& address) const {
    const Poco::Net::IPAddress a = plain(address);
    return std::any_of(ranges_.begin(), ranges_.end(),
                       [&](const Range& r) { return sameNetwork(a, r.network, r.prefix); });
}

std::string TrustedProxies::clientOf(const Poco::Net::IPAddress& peer, const std::string& forwarded_for) const {
    std::string client = plain(peer).toString();
    if (ranges_.empty() || !contains(peer)) return client;
    std::vector<std::string> hops;
    std::stringstream entries(forwarded_for);
    std::string entry;
    while (std::getline(entries, entry, ',')) hops.push_back(Poco::trim(entry));
    // From the nearest hop outwards: each trusted proxy vouches for the address to its left.
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        Poco::Net::IPAddress address;
        if (!Poco::Net::IPAddress::tryParse(*hop, address)) break;  // garbage: the last good hop is the client
        client = plain(address).toString();
        if (!contains(address)) break;
    }
    return client;
}

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
