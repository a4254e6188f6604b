#include "queue/job_queue.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "domain/codes.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/rows.h"
#include "files/transient.h"

namespace ceres::queue {
namespace {

using namespace Poco::Data::Keywords;
using store::fromMillis;
using store::toMillis;

constexpr const char* kColumns =
    "id, kind, job_json, idempotency_key, requested_by_user, requested_by_profile, "
    "requested_by_perimeter, callback_url, status, attempts, max_attempts, last_error, "
    "lease_owner, lease_expires_at, next_run_at, pages_done, pages_total, document_ids, "
    "created_at, updated_at, lease_losses, max_lease_losses, warnings";

// What a worker may claim: a queued job that is due, or a running one whose worker stopped
// renewing its lease, unless that was its last allowed lease loss. Kept apart so that each is
// one ordered index range.
constexpr const char* kDue = "status = 'queued' AND next_run_at <= ?";
constexpr const char* kAbandoned =
    "status = 'running' AND lease_expires_at < ? AND lease_losses + 1 < max_lease_losses";

// Running on a lease that expired and was its last allowed loss: to be buried as dead.
constexpr const char* kExpiredLastLease =
    "status = 'running' AND lease_expires_at < ? AND lease_losses + 1 >= max_lease_losses";

// A claim of a due job starts an attempt; a claim of an abandoned one counts the lost lease
// instead and runs the attempt that was cut short again, so kills never use up attempts.
constexpr const char* kStartsAttempt = "attempts = attempts + 1";
constexpr const char* kCountsLostLease = "lease_losses = lease_losses + 1";

// Clause that makes the running worker's lease a condition of any change.
constexpr const char* kHeldBy = " WHERE id = ? AND status = 'running' AND lease_owner = ?";

constexpr const char* kLeaseLostError =
    R"json({"errors":[{"pointer":"","rule":"","message":"every worker that took the job stopped without finishing it (lease expired max_lease_losses times)"}]})json";

std::string idsToJson(const std::vector<std::string>& ids) {
    Poco::JSON::Array array;
    for (const auto& id : ids) array.add(id);
    std::ostringstream out;
    array.stringify(out);
    return out.str();
}

std::vector<std::string> idsFromJson(const std::string& json) {
    const auto array = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Array::Ptr>();
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < array->size(); ++i) ids.push_back(array->getElement<std::string>(i));
    return ids;
}

Job jobFrom(const store::Rows& rows, std::size_t row) {
    Job job;
    job.id = rows.text(row, "id");
    job.kind = rows.text(row, "kind");
    job.job_json = rows.text(row, "job_json");
    job.idempotency_key = rows.text(row, "idempotency_key");
    const auto profile = rows.text(row, "requested_by_profile");
    const auto submitter = domain::parseProfile(profile);
    if (!submitter) throw std::runtime_error("queue: job " + job.id + " has an unknown submitter profile '" + profile + "'");
    job.requested_by = {rows.text(row, "requested_by_user"), *submitter, rows.text(row, "requested_by_perimeter")};
    job.callback_url = rows.text(row, "callback_url");
    const auto status = rows.text(row, "status");
    const auto parsed = parseJobStatus(status);
    if (!parsed) throw std::runtime_error("queue: job " + job.id + " has an unknown status '" + status + "'");
    job.status = *parsed;
    job.attempts = static_cast<int>(rows.integer(row, "attempts"));
    job.max_attempts = static_cast<int>(rows.integer(row, "max_attempts"));
    job.last_error = rows.text(row, "last_error");
    job.lease_owner = rows.text(row, "lease_owner");
    job.lease_expires_at = fromMillis(rows.integer(row, "lease_expires_at"));
    job.next_run_at = fromMillis(rows.integer(row, "next_run_at"));
    job.pages_done = static_cast<int>(rows.integer(row, "pages_done"));
    job.pages_total = static_cast<int>(rows.integer(row, "pages_total"));
    job.document_ids = idsFromJson(rows.text(row, "document_ids"));
    job.created_at = fromMillis(rows.integer(row, "created_at"));
    job.updated_at = fromMillis(rows.integer(row, "updated_at"));
    job.lease_losses = static_cast<int>(rows.integer(row, "lease_losses"));
    job.max_lease_losses = static_cast<int>(rows.integer(row, "max_lease_losses"));
    job.warnings = idsFromJson(rows.text(row, "warnings"));
    return job;
}

std::optional<Job> firstJob(const Poco::Data::Statement& executed) {
    const store::Rows rows(executed);
    if (rows.empty()) return std::nullopt;
    return jobFrom(rows, 0);
}

// Database errors are infrastructure failures: rethrown with what the queue was doing.
template <typename Work>
auto guarded(const char* action, Work&& work) {
    try {
        return work();
    } catch (const Poco::Exception& e) {
        throw files::TransientError(std::string("queue: ") + action + " failed: " + e.displayText());
    }
}

std::string exists(const char* condition, const char* name) {
    return std::string("CASE WHEN EXISTS (SELECT 1 FROM jobs WHERE ") + condition + ") THEN 1 ELSE 0 END AS " + name;
}

// Every figure of counts() in one pass over the jobs (the jobs_metrics index covers it): per
// kind and status, the count, the queued ones due now, and for done jobs the render time
// buckets (cumulative: each bucket counts the jobs at or under its bound), its sum and the pages.
std::string countsQuery() {
    std::string sql =
        "SELECT kind, status, COUNT(*) AS n, SUM(CASE WHEN next_run_at <= ? THEN 1 ELSE 0 END) AS due, "
        "COUNT(render_ms) AS rendered, CAST(COALESCE(SUM(render_ms), 0) AS BIGINT) AS total_ms, "
        "CAST(COALESCE(SUM(pages_rendered), 0) AS BIGINT) AS pages";
    for (std::size_t i = 0; i < kRenderBucketsMs.size(); ++i) {
        sql += ", SUM(CASE WHEN render_ms <= " + std::to_string(kRenderBucketsMs[i]) + " THEN 1 ELSE 0 END) AS le_" +
               std::to_string(i);
    }
    return sql + " FROM jobs GROUP BY kind, status";
}

}  // namespace

JobQueue::JobQueue(store::Database& database) : database_(database) {}

Submission JobQueue::submit(const JobRequest& request) {
    return guarded("submit", [&] {
        auto connection = database_.connect();
        auto& session = connection.session();
        const auto at = toMillis(database_.now());
        Poco::Data::Statement insert(session);
        insert << database_.sql(std::string("INSERT INTO jobs (") + kColumns +
                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, '', '', 0, ?, 0, 0, '[]', ?, ?, 0, ?, '[]') "
                                "ON CONFLICT (idempotency_key) WHERE idempotency_key <> '' DO NOTHING "
                                "RETURNING " + kColumns),
            bind(store::randomId("job_")), useRef(request.kind), useRef(request.job_json),
            useRef(request.idempotency_key), useRef(request.requested_by.user), bind(std::string(domain::code(request.requested_by.profile))),
            useRef(request.requested_by.perimeter), useRef(request.callback_url),
            bind(database_.config().max_attempts), bind(at), bind(at), bind(at),
            bind(database_.config().max_lease_losses);
        insert.execute();
        if (auto created = firstJob(insert)) {
            announceSubmission();
            return Submission{std::move(*created), true};
        }

        Poco::Data::Statement existing(session);
        existing << database_.sql(std::string("SELECT ") + kColumns + " FROM jobs WHERE idempotency_key = ?"),
            useRef(request.idempotency_key);
        existing.execute();
        auto job = firstJob(existing);
        if (!job) throw std::runtime_error("queue: the job holding idempotency key '" + request.idempotency_key + "' vanished");
        return Submission{std::move(*job), false};
    });
}

void JobQueue::buryExpiredLastLeases(Poco::Data::Session& session) {
    const auto at = toMillis(database_.now());
    session << database_.sql(std::string("UPDATE jobs SET status = 'dead', lease_owner = '', last_error = ?, "
                                         "lease_losses = lease_losses + 1, updated_at = ? WHERE ") +
                             kExpiredLastLease),
        bind(std::string(kLeaseLostError)), bind(at), bind(at), now;
}

std::optional<Job> JobQueue::claim(const std::string& worker_id, std::chrono::milliseconds lease) {
    std::uint64_t submissions_before = 0;
    {
        std::lock_guard lock(submissions_mutex_);
        submissions_before = submissions_;
    }
    auto job = guarded("claim", [&] { return claimDue(worker_id, lease); });
    if (!job) {
        std::lock_guard lock(submissions_mutex_);
        seen_when_idle_[worker_id] = submissions_before;
    }
    return job;
}

// Looks before writing: an UPDATE takes SQLite's single write lock even when it changes nothing,
// and idle workers poll often. An abandoned job goes first: it has waited longest.
std::optional<Job> JobQueue::claimDue(const std::string& worker_id, std::chrono::milliseconds lease) {
    auto connection = database_.connect();
    const auto at = toMillis(database_.now());
    Poco::Data::Statement look(connection.session());
    look << database_.sql(std::string("SELECT ") + exists(kExpiredLastLease, "expired") + ", " +
                          exists(kAbandoned, "abandoned") + ", " + exists(kDue, "due")),
        bind(at), bind(at), bind(at);
    look.execute();
    const store::Rows found(look);
    if (found.integer(0, "expired") != 0) buryExpiredLastLeases(connection.session());
    std::optional<Job> job;
    if (found.integer(0, "abandoned") != 0)
        job = claimFirst(connection.session(), kAbandoned, kCountsLostLease, worker_id, lease, at);
    if (!job && found.integer(0, "due") != 0)
        job = claimFirst(connection.session(), kDue, kStartsAttempt, worker_id, lease, at);
    return job;
}

// The first job that meets `condition` (one `?`, the time), in due order, unless another worker
// took it first.
std::optional<Job> JobQueue::claimFirst(Poco::Data::Session& session, const char* condition, const char* counted,
                                        const std::string& worker_id, std::chrono::milliseconds lease,
                                        std::int64_t at) {
    const char* lock = database_.backend() == store::Backend::PostgreSQL ? " FOR UPDATE SKIP LOCKED" : "";
    Poco::Data::Statement claim(session);
    claim << database_.sql(std::string("UPDATE jobs SET status = 'running', lease_owner = ?, lease_expires_at = ?, ") +
                           counted + ", started_at = ?, updated_at = ? "
                                     "WHERE id = (SELECT id FROM jobs WHERE " +
                           condition + " ORDER BY next_run_at, created_at LIMIT 1" + lock + ") AND " + condition +
                           " RETURNING " + kColumns),
        useRef(worker_id), bind(at + lease.count()), bind(at), bind(at), bind(at), bind(at);
    claim.execute();
    return firstJob(claim);
}

void JobQueue::awaitSubmission(const std::string& worker_id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(submissions_mutex_);
    const auto idle = seen_when_idle_.find(worker_id);
    const auto seen = idle == seen_when_idle_.end() ? submissions_ : idle->second;
    submitted_.wait_for(lock, timeout, [&] { return submissions_ != seen; });
}

bool JobQueue::heartbeat(const Job& job, std::chrono::milliseconds lease) {
    return guarded("heartbeat", [&] {
        auto connection = database_.connect();
        const auto at = toMillis(database_.now());
        Poco::Data::Statement update(connection.session());
        update << database_.sql(std::string("UPDATE jobs SET lease_expires_at = ?, updated_at = ?") + kHeldBy +
                                " RETURNING id"),
            bind(at + lease.count()), bind(at), useRef(job.id), useRef(job.lease_owner);
        update.execute();
        return !store::Rows(update).empty();
    });
}

bool JobQueue::progress(const Job& job, int pages_done, int pages_total) {
    return guarded("progress", [&] {
        auto connection = database_.connect();
        Poco::Data::Statement update(connection.session());
        update << database_.sql(std::string("UPDATE jobs SET pages_done = ?, pages_total = ?, updated_at = ?") +
                                kHeldBy + " RETURNING id"),
            bind(pages_done), bind(pages_total), bind(toMillis(database_.now())), useRef(job.id), useRef(job.lease_owner);
        update.execute();
        return !store::Rows(update).empty();
    });
}

bool JobQueue::complete(const Job& job, const std::vector<std::string>& document_ids) {
    return complete(job, document_ids, {}, {});
}

namespace {
struct LeaseNoLongerHeld {};  // rolls the completion back
}  // namespace

bool JobQueue::complete(const Job& job, const std::vector<std::string>& document_ids,
                        const std::vector<std::string>& warnings, const InTransaction& also) {
    return guarded("complete", [&] {
        auto connection = database_.connect();
        try {
            store::inTransaction(connection, [&] {
                auto& session = connection.session();
                if (also) also(session);
                Poco::Data::Statement update(session);
                const auto at = toMillis(database_.now());
                update << database_.sql(std::string("UPDATE jobs SET status = 'done', document_ids = ?, warnings = ?, "
                                                    "lease_owner = '', last_error = '', updated_at = ?, "
                                                    "render_ms = ? - started_at, "
                                                    "pages_rendered = (SELECT COALESCE(SUM(pages), 0) FROM documents "
                                                    "WHERE documents.job_id = jobs.id)") +
                                        kHeldBy + " RETURNING id"),
                    bind(idsToJson(document_ids)), bind(idsToJson(warnings)), bind(at), bind(at), useRef(job.id),
                    useRef(job.lease_owner);
                update.execute();
                if (store::Rows(update).empty()) throw LeaseNoLongerHeld{};
            });
        } catch (const LeaseNoLongerHeld&) {
            return false;
        }
        return true;
    });
}

std::optional<JobStatus> JobQueue::fail(const Job& job, const std::string& error_json, Failure failure) {
    return guarded("fail", [&]() -> std::optional<JobStatus> {
        auto connection = database_.connect();
        const auto at = toMillis(database_.now());
        const char* next_status = failure == Failure::Permanent
                                      ? "'failed'"
                                      : "CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END";
        Poco::Data::Statement update(connection.session());
        update << database_.sql(std::string("UPDATE jobs SET status = ") + next_status +
                                ", last_error = ?, lease_owner = '', next_run_at = ?, updated_at = ?" + kHeldBy +
                                " RETURNING status"),
            useRef(error_json), bind(at + retryDelay(job.attempts).count()), bind(at), useRef(job.id),
            useRef(job.lease_owner);
        update.execute();
        const store::Rows rows(update);
        if (rows.empty()) return std::nullopt;
        return parseJobStatus(rows.text(0, "status"));
    });
}

bool JobQueue::release(const Job& job) {
    return guarded("release", [&] {
        auto connection = database_.connect();
        const auto at = toMillis(database_.now());
        Poco::Data::Statement update(connection.session());
        update << database_.sql(std::string("UPDATE jobs SET status = 'queued', attempts = attempts - 1, "
                                            "lease_owner = '', next_run_at = ?, updated_at = ?") +
                                kHeldBy + " RETURNING id"),
            bind(at), bind(at), useRef(job.id), useRef(job.lease_owner);
        update.execute();
        return !store::Rows(update).empty();
    });
}

std::optional<Job> JobQueue::get(const std::string& id) {
    return guarded("get", [&] {
        auto connection = database_.connect();
        Poco::Data::Statement select(connection.session());
        select << database_.sql(std::string("SELECT ") + kColumns + " FROM jobs WHERE id = ?"), useRef(id);
        select.execute();
        return firstJob(select);
    });
}

QueueCounts JobQueue::counts() {
    return guarded("counts", [&] {
        QueueCounts counts;
        for (auto status : {JobStatus::Queued, JobStatus::Running, JobStatus::Done, JobStatus::Failed, JobStatus::Dead}) {
            counts.by_status[status] = 0;
        }
        auto connection = database_.connect();
        Poco::Data::Statement select(connection.session());
        select << database_.sql(countsQuery()), bind(toMillis(database_.now()));
        select.execute();
        const store::Rows rows(select);
        for (std::size_t row = 0; row < rows.size(); ++row) {
            const auto status = parseJobStatus(rows.text(row, "status"));
            if (!status) continue;
            counts.by_status[*status] += rows.integer(row, "n");
            if (*status == JobStatus::Queued) counts.ready += rows.integer(row, "due");
            if (*status != JobStatus::Done || rows.integer(row, "rendered") == 0) continue;
            auto& figures = counts.done_by_kind[rows.text(row, "kind")];
            figures.count += rows.integer(row, "rendered");
            figures.total_ms += rows.integer(row, "total_ms");
            figures.pages += rows.integer(row, "pages");
            for (std::size_t i = 0; i < kRenderBucketsMs.size(); ++i)
                figures.at_most[i] += rows.integer(row, "le_" + std::to_string(i));
        }
        return counts;
    });
}

void JobQueue::announceSubmission() {
    {
        std::lock_guard lock(submissions_mutex_);
        ++submissions_;
    }
    submitted_.notify_one();  // one job: one idle worker is enough
}

std::chrono::milliseconds JobQueue::retryDelay(int attempts) const {
    const auto& config = database_.config();
    auto delay = config.retry_base_delay;
    for (int i = 1; i < attempts && delay < config.retry_max_delay; ++i) delay *= 2;
    return std::min(delay, config.retry_max_delay);
}

}  // namespace ceres::queue
