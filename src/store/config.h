#pragma once
// What the store needs to know to open its backend.
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace ceres::store {

using TimePoint = std::chrono::system_clock::time_point;
// Timestamps in the store are operational metadata; tests replace the clock to control
// leases and retry delays.
using Clock = std::function<TimePoint()>;

struct StoreConfig {
    // Empty: SQLite at var_dir/ceres.db. Otherwise a PostgreSQL URL ("postgresql://…") or a
    // libpq keyword string ("host=… dbname=…"), shared by every worker process.
    std::string database_url;
    // SQLite database and the document files (var_dir/docs) live here.
    std::filesystem::path var_dir = "var";
    // A retryable failure is retried until a job has been attempted this many times.
    int max_attempts = 5;
    // A job whose worker lost its lease this many times (killed, frozen) goes to dead: lost
    // leases do not count as attempts, but a job that kills every worker taking it must stop.
    int max_lease_losses = 20;
    // Delay before the first retry; each further retry doubles it, up to retry_max_delay.
    std::chrono::milliseconds retry_base_delay{5'000};
    std::chrono::milliseconds retry_max_delay{15 * 60'000};
    // Connections kept open per process.
    int pool_size = 8;
    Clock clock = [] { return std::chrono::system_clock::now(); };
};

}  // namespace ceres::store
