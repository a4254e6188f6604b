#include "queue/job_queue.h"

#include <array>
#include <future>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include "store/database.h"
#include "store/test_database.h"

namespace ceres::queue {
namespace {

using namespace std::chrono_literals;
using store::testing::BackendTest;

JobRequest request(const std::string& idempotency_key = "") {
    JobRequest request;
    request.kind = "convocations";
    request.job_json = R"({"kind":"convocations","payload":{}})";
    request.idempotency_key = idempotency_key;
    request.requested_by = {"svc-sessions", ceres::domain::Profile::Service, "FR"};
    request.callback_url = "https://sessions.example/callback";
    return request;
}

const std::string kError = R"({"errors":[{"pointer":"","rule":"","message":"disk full"}]})";

class JobQueueTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        auto settings = config();
        settings.max_attempts = 3;
        settings.max_lease_losses = 4;
        settings.retry_base_delay = 10s;
        settings.retry_max_delay = 15s;
        database = store::Database::open(settings);
        queue = std::make_unique<JobQueue>(*database);
    }

    std::unique_ptr<store::Database> database;
    std::unique_ptr<JobQueue> queue;
};

TEST_P(JobQueueTest, SubmittedJobIsQueuedWithItsRequest) {
    const auto submission = queue->submit(request());
    EXPECT_TRUE(submission.created);
    const auto job = queue->get(submission.job.id);
    ASSERT_TRUE(job);
    EXPECT_EQ(job->id.rfind("job_", 0), 0u);
    EXPECT_EQ(job->kind, "convocations");
    EXPECT_EQ(job->job_json, request().job_json);
    EXPECT_EQ(job->requested_by.user, "svc-sessions");
    EXPECT_EQ(job->requested_by.profile, ceres::domain::Profile::Service);
    EXPECT_EQ(job->requested_by.perimeter, "FR");
    EXPECT_EQ(job->callback_url, "https://sessions.example/callback");
    EXPECT_EQ(job->status, JobStatus::Queued);
    EXPECT_EQ(job->attempts, 0);
    EXPECT_EQ(job->max_attempts, 3);
    EXPECT_EQ(job->lease_losses, 0);
    EXPECT_EQ(job->max_lease_losses, 4);
    EXPECT_EQ(job->created_at, clock_.now());
    EXPECT_TRUE(job->document_ids.empty());
}

TEST_P(JobQueueTest, RepeatedIdempotencyKeyReturnsTheExistingJob) {
    const auto first = queue->submit(request("key-1"));
    const auto second = queue->submit(request("key-1"));
    const auto other = queue->submit(request("key-2"));
    EXPECT_TRUE(first.created);
    EXPECT_FALSE(second.created);
    EXPECT_EQ(second.job.id, first.job.id);
    EXPECT_NE(other.job.id, first.job.id);
    EXPECT_EQ(queue->counts().by_status[JobStatus::Queued], 2);
}

TEST_P(JobQueueTest, ConcurrentSubmissionsOfOneKeyCreateOneJob) {
    std::mutex mutex;
    std::set<std::string> ids;
    int created = 0;
    std::vector<std::thread> clients;
    for (int i = 0; i < 8; ++i) {
        clients.emplace_back([&] {
            const auto submission = queue->submit(request("same-key"));
            std::lock_guard lock(mutex);
            ids.insert(submission.job.id);
            created += submission.created ? 1 : 0;
        });
    }
    for (auto& client : clients) client.join();
    EXPECT_EQ(ids.size(), 1u);
    EXPECT_EQ(created, 1);
}

TEST_P(JobQueueTest, JobsWithoutKeyAreAlwaysNew) {
    EXPECT_NE(queue->submit(request()).job.id, queue->submit(request()).job.id);
}

TEST_P(JobQueueTest, ClaimLeasesTheOldestDueJob) {
    const auto first = queue->submit(request()).job;
    clock_.advance(1ms);
    queue->submit(request());
    const auto claimed = queue->claim("worker-a", 30s);
    ASSERT_TRUE(claimed);
    EXPECT_EQ(claimed->id, first.id);
    EXPECT_EQ(claimed->status, JobStatus::Running);
    EXPECT_EQ(claimed->lease_owner, "worker-a");
    EXPECT_EQ(claimed->lease_expires_at, clock_.now() + 30s);
    EXPECT_EQ(claimed->attempts, 1);
}

TEST_P(JobQueueTest, EmptyQueueGivesNothing) {
    EXPECT_FALSE(queue->claim("worker-a", 30s));
}

TEST_P(JobQueueTest, TwoWorkersNeverGetTheSameJob) {
    constexpr int kJobs = 200;
    for (int i = 0; i < kJobs; ++i) queue->submit(request());
    std::mutex mutex;
    std::map<std::string, int> runs;
    auto work = [&](const std::string& worker) {
        while (auto job = queue->claim(worker, 60s)) {
            {
                std::lock_guard lock(mutex);
                ++runs[job->id];
            }
            EXPECT_TRUE(queue->complete(*job, {"doc_" + job->id}));
        }
    };
    std::thread a(work, "worker-a");
    std::thread b(work, "worker-b");
    a.join();
    b.join();
    EXPECT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
    for (const auto& [id, count] : runs) EXPECT_EQ(count, 1) << id;
    EXPECT_EQ(queue->counts().by_status[JobStatus::Done], kJobs);
}

TEST_P(JobQueueTest, CompleteRecordsTheDocuments) {
    queue->submit(request());
    const auto job = queue->claim("worker-a", 30s).value();
    EXPECT_TRUE(queue->complete(job, {"doc_1", "doc_2"}));
    const auto done = queue->get(job.id).value();
    EXPECT_EQ(done.status, JobStatus::Done);
    EXPECT_EQ(done.document_ids, (std::vector<std::string>{"doc_1", "doc_2"}));
    EXPECT_TRUE(done.lease_owner.empty());
    EXPECT_FALSE(queue->claim("worker-b", 30s));
}

TEST_P(JobQueueTest, ExpiredLeaseIsClaimedByAnotherWorker) {
    queue->submit(request());
    const auto lost = queue->claim("worker-killed", 30s).value();
    EXPECT_FALSE(queue->claim("worker-b", 30s));
    clock_.advance(31s);
    const auto reclaimed = queue->claim("worker-b", 30s);
    ASSERT_TRUE(reclaimed);
    EXPECT_EQ(reclaimed->id, lost.id);
    EXPECT_EQ(reclaimed->lease_owner, "worker-b");
    EXPECT_EQ(reclaimed->attempts, 1) << "the killed run is not an attempt";
    EXPECT_EQ(reclaimed->lease_losses, 1);
    EXPECT_FALSE(queue->complete(lost, {}));
    EXPECT_TRUE(queue->complete(*reclaimed, {}));
    const auto done = queue->get(lost.id).value();
    EXPECT_EQ(done.status, JobStatus::Done);
    EXPECT_EQ(done.attempts, 1);
    EXPECT_EQ(done.lease_losses, 1);
}

TEST_P(JobQueueTest, LostLeasesDoNotUseUpAttempts) {
    const auto id = queue->submit(request()).job.id;
    // max_attempts is 3: three kills would have killed the job when each counted as an attempt.
    for (int kill = 0; kill < 3; ++kill) {
        ASSERT_TRUE(queue->claim("worker-killed-" + std::to_string(kill), 30s));
        clock_.advance(31s);
    }
    const auto survivor = queue->claim("worker-b", 30s);
    ASSERT_TRUE(survivor);
    EXPECT_EQ(survivor->attempts, 1);
    EXPECT_EQ(survivor->lease_losses, 3);
    EXPECT_TRUE(queue->complete(*survivor, {}));
    EXPECT_EQ(queue->get(id)->status, JobStatus::Done);
}

TEST_P(JobQueueTest, FailuresAndLostLeasesAreCountedApart) {
    const auto id = queue->submit(request()).job.id;
    const auto first = queue->claim("worker-a", 30s).value();
    EXPECT_EQ(queue->fail(first, kError, Failure::Retryable), JobStatus::Queued);
    clock_.advance(10s);
    ASSERT_TRUE(queue->claim("worker-killed", 30s));  // attempt 2, cut short
    clock_.advance(31s);
    const auto second = queue->claim("worker-b", 30s).value();
    EXPECT_EQ(second.attempts, 2);
    EXPECT_EQ(second.lease_losses, 1);
    EXPECT_EQ(queue->fail(second, kError, Failure::Retryable), JobStatus::Queued);
    clock_.advance(15s);
    const auto third = queue->claim("worker-b", 30s).value();
    EXPECT_EQ(third.attempts, 3);
    EXPECT_EQ(queue->fail(third, kError, Failure::Retryable), JobStatus::Dead) << "three failed attempts";
    const auto dead = queue->get(id).value();
    EXPECT_EQ(dead.attempts, 3);
    EXPECT_EQ(dead.lease_losses, 1);
}

TEST_P(JobQueueTest, HeartbeatKeepsTheLease) {
    queue->submit(request());
    const auto job = queue->claim("worker-a", 30s).value();
    clock_.advance(20s);
    EXPECT_TRUE(queue->heartbeat(job, 30s));
    clock_.advance(20s);
    EXPECT_FALSE(queue->claim("worker-b", 30s));
    EXPECT_EQ(queue->get(job.id)->lease_expires_at, clock_.now() + 10s);
}

TEST_P(JobQueueTest, ProgressIsRecorded) {
    queue->submit(request());
    const auto job = queue->claim("worker-a", 30s).value();
    EXPECT_TRUE(queue->progress(job, 12, 40));
    const auto running = queue->get(job.id).value();
    EXPECT_EQ(running.pages_done, 12);
    EXPECT_EQ(running.pages_total, 40);
}

TEST_P(JobQueueTest, RetryableFailureBacksOffThenDies) {
    const auto id = queue->submit(request()).job.id;
    for (auto delay : {10s, 15s}) {  // 10 s, then doubled but capped at 15 s
        const auto job = queue->claim("worker-a", 30s).value();
        EXPECT_EQ(queue->fail(job, kError, Failure::Retryable), JobStatus::Queued);
        EXPECT_EQ(queue->get(id)->next_run_at, clock_.now() + delay);
        clock_.advance(delay - 1s);
        EXPECT_FALSE(queue->claim("worker-a", 30s)) << "claimed before its retry time";
        clock_.advance(1s);
    }
    const auto last = queue->claim("worker-a", 30s).value();
    EXPECT_EQ(last.attempts, 3);
    EXPECT_EQ(queue->fail(last, kError, Failure::Retryable), JobStatus::Dead);
    const auto dead = queue->get(id).value();
    EXPECT_EQ(dead.status, JobStatus::Dead);
    EXPECT_EQ(dead.last_error, kError);
    clock_.advance(1h);
    EXPECT_FALSE(queue->claim("worker-a", 30s));
}

TEST_P(JobQueueTest, PermanentFailureIsNeverRetried) {
    const auto id = queue->submit(request()).job.id;
    const auto job = queue->claim("worker-a", 30s).value();
    EXPECT_EQ(queue->fail(job, kError, Failure::Permanent), JobStatus::Failed);
    EXPECT_EQ(queue->get(id)->last_error, kError);
    clock_.advance(1h);
    EXPECT_FALSE(queue->claim("worker-a", 30s));
    EXPECT_EQ(queue->get(id)->status, JobStatus::Failed);
}

TEST_P(JobQueueTest, ReleaseRequeuesWithoutCountingTheAttempt) {
    const auto id = queue->submit(request()).job.id;
    const auto job = queue->claim("worker-a", 30s).value();
    EXPECT_TRUE(queue->release(job));
    const auto released = queue->get(id).value();
    EXPECT_EQ(released.status, JobStatus::Queued);
    EXPECT_EQ(released.attempts, 0);
    EXPECT_TRUE(released.lease_owner.empty());
    const auto again = queue->claim("worker-b", 30s);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->attempts, 1);
    EXPECT_FALSE(queue->release(job)) << "worker-a no longer holds it";
}

TEST_P(JobQueueTest, AJobThatKillsEveryWorkerIsDeadAfterMaxLeaseLosses) {
    const auto id = queue->submit(request()).job.id;
    for (int kill = 0; kill < 4; ++kill) {  // max_lease_losses is 4
        ASSERT_TRUE(queue->claim("worker-killed-" + std::to_string(kill), 30s)) << "claim " << kill;
        clock_.advance(31s);
    }
    EXPECT_FALSE(queue->claim("worker-b", 30s));
    const auto dead = queue->get(id).value();
    EXPECT_EQ(dead.status, JobStatus::Dead);
    EXPECT_EQ(dead.lease_losses, 4);
    EXPECT_EQ(dead.attempts, 1);
    EXPECT_NE(dead.last_error.find("lease expired max_lease_losses times"), std::string::npos);
    EXPECT_TRUE(dead.lease_owner.empty());
}

TEST_P(JobQueueTest, CountsByStatusAndReadyDepth) {
    for (int i = 0; i < 4; ++i) queue->submit(request());
    const auto running = queue->claim("worker-a", 30s).value();
    const auto failed = queue->claim("worker-a", 30s).value();
    queue->fail(failed, kError, Failure::Retryable);
    const auto counts = queue->counts();
    EXPECT_EQ(counts.by_status.at(JobStatus::Queued), 3);
    EXPECT_EQ(counts.by_status.at(JobStatus::Running), 1);
    EXPECT_EQ(counts.by_status.at(JobStatus::Done), 0);
    EXPECT_EQ(counts.by_status.at(JobStatus::Dead), 0);
    EXPECT_EQ(counts.ready, 2) << "the failed one waits for its retry time";
}

// A document row of `job_id` with `pages`, as the document store saves it before completing.
void storeDocument(store::Database& database, const std::string& job_id, const std::string& file_name, int pages) {
    auto connection = database.connect();
    connection.session() << database.sql("INSERT INTO documents (id, job_id, kind, file_name, mime, sha256, pages, "
                                         "size, created_at) VALUES (?, ?, 'pdf', ?, 'application/pdf', 'x', ?, 1, 0)"),
        Poco::Data::Keywords::bind(job_id + "/" + file_name), Poco::Data::Keywords::bind(job_id),
        Poco::Data::Keywords::bind(file_name), Poco::Data::Keywords::bind(pages), Poco::Data::Keywords::now;
}

JobRequest requestOf(const std::string& kind) {
    JobRequest r = request();
    r.kind = kind;
    return r;
}

TEST_P(JobQueueTest, CompletionRecordsRenderTimeAndPagesByKind) {
    for (int i = 0; i < 3; ++i) queue->submit(requestOf("dte_request"));
    queue->submit(requestOf("session_results"));

    auto job = queue->claim("worker-a", 30s).value();
    clock_.advance(7ms);
    storeDocument(*database, job.id, "a.pdf", 2);
    storeDocument(*database, job.id, "b.pdf", 3);
    ASSERT_TRUE(queue->complete(job, {}));

    job = queue->claim("worker-a", 30s).value();
    clock_.advance(40ms);
    ASSERT_TRUE(queue->complete(job, {}));

    job = queue->claim("worker-a", 30s).value();  // a failure is no render
    clock_.advance(9ms);
    queue->fail(job, kError, Failure::Permanent);

    job = queue->claim("worker-a", 30s).value();
    clock_.advance(3s);
    storeDocument(*database, job.id, "pv.pdf", 40);
    ASSERT_TRUE(queue->complete(job, {}));

    const auto counts = queue->counts();
    ASSERT_EQ(counts.done_by_kind.size(), 2u);
    const auto& dte = counts.done_by_kind.at("dte_request");
    EXPECT_EQ(dte.count, 2);
    EXPECT_EQ(dte.total_ms, 47);
    EXPECT_EQ(dte.pages, 5);
    // Cumulative: 7 ms is under 10 ms and every bound above it, 40 ms under 50 ms and above.
    const std::array<std::int64_t, kRenderBucketsMs.size()> dte_at_most = {0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
    EXPECT_EQ(dte.at_most, dte_at_most);
    const auto& results = counts.done_by_kind.at("session_results");
    EXPECT_EQ(results.count, 1);
    EXPECT_EQ(results.total_ms, 3000);
    EXPECT_EQ(results.pages, 40);
    const std::array<std::int64_t, kRenderBucketsMs.size()> results_at_most = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    EXPECT_EQ(results.at_most, results_at_most);
    EXPECT_EQ(counts.by_status.at(JobStatus::Done), 3);
    EXPECT_EQ(counts.by_status.at(JobStatus::Failed), 1);
}

TEST_P(JobQueueTest, RenderTimeIsThatOfTheLastAttempt) {
    queue->submit(request());
    const auto first = queue->claim("worker-a", 30s).value();
    clock_.advance(20ms);
    queue->fail(first, kError, Failure::Retryable);
    clock_.advance(10s);
    const auto second = queue->claim("worker-b", 30s).value();
    clock_.advance(12ms);
    ASSERT_TRUE(queue->complete(second, {}));
    EXPECT_EQ(queue->counts().done_by_kind.at("convocations").total_ms, 12);
}

TEST_P(JobQueueTest, IdleWorkerWakesAtOnceOnASubmission) {
    EXPECT_FALSE(queue->claim("worker-a", 30s));
    std::thread submitter([&] {
        std::this_thread::sleep_for(50ms);
        queue->submit(request());
    });
    const auto waited = std::chrono::steady_clock::now();
    queue->awaitSubmission("worker-a", 20s);
    EXPECT_LT(std::chrono::steady_clock::now() - waited, 10s);
    submitter.join();
    EXPECT_TRUE(queue->claim("worker-a", 30s));
}

TEST_P(JobQueueTest, ASubmissionJustAfterAnEmptyClaimIsNotMissed) {
    EXPECT_FALSE(queue->claim("worker-a", 30s));
    queue->submit(request());
    const auto waited = std::chrono::steady_clock::now();
    queue->awaitSubmission("worker-a", 20s);
    EXPECT_LT(std::chrono::steady_clock::now() - waited, 10s);
}

TEST_P(JobQueueTest, AwaitingWithoutSubmissionLastsTheTimeout) {
    queue->submit(request());
    ASSERT_TRUE(queue->claim("worker-a", 30s));
    EXPECT_FALSE(queue->claim("worker-a", 30s));
    const auto waited = std::chrono::steady_clock::now();
    queue->awaitSubmission("worker-a", 30ms);
    EXPECT_GE(std::chrono::steady_clock::now() - waited, 30ms);
}

// Idle workers poll often; with SQLite an UPDATE would take the single write lock each time.
TEST_P(JobQueueTest, PollingAnEmptyQueueNeedsNoWriteLock) {
    if (GetParam() != store::testing::BackendKind::SQLite) GTEST_SKIP() << "reason: SQLite's write lock only";
    Poco::Data::Session writer("SQLite", (varDir() / "ceres.db").string());
    writer << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
    auto polled = std::async(std::launch::async, [&] { return queue->claim("worker-a", 30s).has_value(); });
    const bool answered = polled.wait_for(5s) == std::future_status::ready;
    writer << "COMMIT", Poco::Data::Keywords::now;
    EXPECT_TRUE(answered) << "the poll waited for another connection's write lock";
    EXPECT_FALSE(polled.get());
}

TEST_P(JobQueueTest, UnknownJobIsNotFound) {
    EXPECT_FALSE(queue->get("job_unknown"));
}

CERES_ON_BOTH_BACKENDS(JobQueueTest);

TEST(JobStatusNames, RoundTrip) {
    for (auto status : {JobStatus::Queued, JobStatus::Running, JobStatus::Done, JobStatus::Failed, JobStatus::Dead}) {
        EXPECT_EQ(parseJobStatus(toString(status)), status);
    }
    EXPECT_FALSE(parseJobStatus("paused"));
}

}  // namespace
}  // namespace ceres::queue
