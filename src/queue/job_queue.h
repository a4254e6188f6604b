#pragma once
// The durable job queue, shared by every worker process using the same database.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "queue/job.h"

namespace ceres::store { class Database; }

namespace ceres::queue {

struct Submission {
    Job job;
    bool created = false;  // false: the idempotency key was already known, `job` is the existing one
};

enum class Failure {
    Retryable,  // infrastructure trouble: queued again after a delay, until max_attempts
    Permanent,  // invalid input or a rule refusal: failed at once, never retried
};

struct QueueCounts {
    std::map<JobStatus, std::int64_t> by_status;  // every status present, zero included
    std::int64_t ready = 0;  // queued and due now
};

class JobQueue {
public:
    // Retry limits and delays come from database.config().
    explicit JobQueue(store::Database& database);

    // A repeated idempotency key returns the existing job, even when submitted concurrently.
    Submission submit(const JobRequest& request);
    // The next due job, leased to `worker_id`, or nothing. A job whose lease expired is
    // claimable again; one that expired on its last attempt becomes dead instead.
    std::optional<Job> claim(const std::string& worker_id, std::chrono::milliseconds lease);

    // These act on a job claimed by `job.lease_owner` and return false (changing nothing) when
    // that worker no longer holds it: the lease expired and another worker took it, or it ended.
    bool heartbeat(const Job& job, std::chrono::milliseconds lease);
    bool progress(const Job& job, int pages_done, int pages_total);
    bool complete(const Job& job, const std::vector<std::string>& document_ids);
    // The status the job ends in: queued (retry scheduled), failed or dead.
    std::optional<JobStatus> fail(const Job& job, const std::string& error_json, Failure failure);
    // Graceful stop: queued again at once, the attempt not counted.
    bool release(const Job& job);

    std::optional<Job> get(const std::string& id);
    QueueCounts counts();

private:
    std::chrono::milliseconds retryDelay(int attempts) const;
    void buryExpiredLastAttempts();

    store::Database& database_;
};

}  // namespace ceres::queue
