#pragma once
// Prometheus text exposition (format 0.0.4): the queue's figures from the backend plus the
// HTTP requests this process answered.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "http/backend.h"

namespace ceres::http {

class RequestMetrics {
public:
    // `route` is the matched pattern (never the raw path, which would make unbounded labels).
    void count(const std::string& method, const std::string& route, int status);
    std::string render(const QueueMetrics& queue) const;

private:
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
};

}  // namespace ceres::http
