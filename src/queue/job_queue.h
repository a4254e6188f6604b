#pragma once
// The durable job queue, shared by every worker process using the same database.
#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "queue/job.h"

namespace Poco::Data { class Session; }
namespace ceres::store { class Database; }

namespace ceres::queue {

struct Submission {
    Job job;
    bool created = false;  // false: the idempotency key was already known, `job` is the existing one
};

enum class Failure {
    Retryable,  // transient trouble (I/O, database, disk full): queued again after a delay, until max_attempts
    Permanent,  // a rule refusal or a deterministic internal error: failed at once, never retried
};

// Upper bounds of the render duration buckets, in milliseconds (Prometheus' default buckets,
// plus longer ones for session results and print batches).
inline constexpr std::array<std::int64_t, 14> kRenderBucketsMs = {5,    10,   25,   50,    100,   250,   500,
                                                                  1000, 2500, 5000, 10000, 30000, 60000, 120000};

// The done jobs of one kind: how long each took from claim to completion, and the pages of
// the documents it stored.
struct RenderFigures {
    std::array<std::int64_t, kRenderBucketsMs.size()> at_most{};  // jobs that took <= kRenderBucketsMs[i]
    std::int64_t count = 0;
    std::int64_t total_ms = 0;
    std::int64_t pages = 0;
};

// What every worker of the database did, whichever process it ran in.
struct QueueCounts {
    std::map<JobStatus, std::int64_t> by_status;  // every status present, zero included
    std::int64_t ready = 0;  // queued and due now
    std::map<std::string, RenderFigures> done_by_kind;  // kinds with at least one done job
};

class JobQueue {
public:
    // Retry limits and delays come from database.config().
    explicit JobQueue(store::Database& database);

    // A repeated idempotency key returns the existing job, even when submitted concurrently.
    Submission submit(const JobRequest& request);
    // The next due job, leased to `worker_id`, or nothing. A job whose lease expired is
    // claimable again, its lease_losses counted and its attempts not; one whose lease expired
    // for the max_lease_losses-th time becomes dead instead.
    std::optional<Job> claim(const std::string& worker_id, std::chrono::milliseconds lease);
    // Returns when a job is submitted through this object after `worker_id`'s last claim found
    // nothing, or after `timeout`: an idle worker of the process that takes the submissions
    // starts at once. Submissions of other processes are seen at the next claim.
    void awaitSubmission(const std::string& worker_id, std::chrono::milliseconds timeout);

    // These act on a job claimed by `job.lease_owner` and return false (changing nothing) when
    // that worker no longer holds it: the lease expired and another worker took it, or it ended.
    bool heartbeat(const Job& job, std::chrono::milliseconds lease);
    bool progress(const Job& job, int pages_done, int pages_total);
    // Records the time since the claim and the pages of the job's stored documents (saved
    // before completing) for the render metrics.
    bool complete(const Job& job, const std::vector<std::string>& document_ids);
    // The same in one transaction with `also` (the attempt's documents and parchemins, written
    // on the session it is given) and the attempt's warnings: all of it, or none of it when the
    // worker no longer holds the job or anything fails.
    using InTransaction = std::function<void(Poco::Data::Session&)>;
    bool complete(const Job& job, const std::vector<std::string>& document_ids,
                  const std::vector<std::string>& warnings, const InTransaction& also);
    // The status the job ends in: queued (retry scheduled), failed or dead.
    std::optional<JobStatus> fail(const Job& job, const std::string& error_json, Failure failure);
    // Graceful stop: queued again at once, the attempt not counted.
    bool release(const Job& job);

    std::optional<Job> get(const std::string& id);
    // One query, however many jobs and kinds.
    QueueCounts counts();

private:
    std::chrono::milliseconds retryDelay(int attempts) const;
    void buryExpiredLastLeases(Poco::Data::Session& session);
    std::optional<Job> claimDue(const std::string& worker_id, std::chrono::milliseconds lease);
    std::optional<Job> claimFirst(Poco::Data::Session& session, const char* condition, const char* counted,
                                  const std::string& worker_id, std::chrono::milliseconds lease, std::int64_t at);
    void announceSubmission();

    store::Database& database_;
    // In-process wake-up of idle workers: submissions so far, and the count each worker had
    // seen when its last claim found nothing.
    std::mutex submissions_mutex_;
    std::condition_variable submitted_;
    std::uint64_t submissions_ = 0;
    std::map<std::string, std::uint64_t> seen_when_idle_;
};

}  // namespace ceres::queue
