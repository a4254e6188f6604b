// Several `ceres-docs worker` processes on one PostgreSQL database (issue #6): the work is
// shared, every job runs once, and a worker killed mid-job loses it to another.
#include <signal.h>

#include <Poco/Data/Session.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "harness.h"

namespace ceres::service_test {
namespace {

using namespace Poco::Data::Keywords;

// What a worker logs for each attempt it ends (app/worker.cpp).
struct LoggedAttempt {
    std::string worker_id;
    std::string job_id;
    int attempt = 0;
    std::string ended;
};

std::vector<LoggedAttempt> attemptsIn(const std::string& log) {
    static const std::regex line(R"(ceres-docs: worker (\S+) job (\S+) kind \S+ attempt (\d+) (\S+) in \d+ ms)");
    std::vector<LoggedAttempt> attempts;
    for (std::sregex_iterator it(log.begin(), log.end(), line), end; it != end; ++it) {
        attempts.push_back({(*it)[1], (*it)[2], std::stoi((*it)[3]), (*it)[4]});
    }
    return attempts;
}

std::string sha256Of(const std::string& bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

struct JobRow {
    std::string status;
    int attempts = 0;
    std::string lease_owner;
};

class ServiceQueueOnPostgres : public PostgresServiceTest {
protected:
    JobRow jobRow(Poco::Data::Session& db, const std::string& id) {
        JobRow row;
        std::string job_id = id;
        db << "SELECT status, attempts, lease_owner FROM jobs WHERE id = $1", into(row.status), into(row.attempts),
            into(row.lease_owner), useRef(job_id), now;
        return row;
    }

    Poco::Int64 count(Poco::Data::Session& db, const std::string& sql) {
        Poco::Int64 n = 0;
        db << sql, into(n), now;
        return n;
    }
};

TEST_F(ServiceQueueOnPostgres, TwoWorkerProcessesShareTwoHundredJobsAndRunEachOnce) {
    constexpr int kJobs = 200;
    startServe("serve", 0);
    CeresProcess& worker_a = startWorker("worker-a");
    CeresProcess& worker_b = startWorker("worker-b");
    const std::string token = serviceToken();

    std::vector<std::string> ids;
    for (int i = 0; i < kJobs; ++i) {
        auto job = sampleJob("dte-request.json");
        job->set("idempotency_key", "service-test/dte/" + std::to_string(i));
        ids.push_back(submit(token, job));
    }
    ASSERT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), static_cast<std::size_t>(kJobs));

    auto db = database().session();
    const bool all_done = waitUntil(kJobBudget, [&] {
        return count(db, "SELECT COUNT(*) FROM jobs WHERE status = 'done'") == kJobs;
    }, Millis{100});
    ASSERT_TRUE(all_done) << count(db, "SELECT COUNT(*) FROM jobs WHERE status = 'done'") << " of " << kJobs
                          << " jobs done after " << kJobBudget.count() << " ms";

    // The queue's own record: every job done on its first and only attempt.
    std::vector<std::string> row_ids, statuses;
    std::vector<int> attempts;
    db << "SELECT id, status, attempts FROM jobs ORDER BY id", into(row_ids), into(statuses), into(attempts), now;
    ASSERT_EQ(row_ids.size(), static_cast<std::size_t>(kJobs)) << "one row per submitted job, no more";
    EXPECT_EQ(std::set<std::string>(row_ids.begin(), row_ids.end()), std::set<std::string>(ids.begin(), ids.end()));
    for (std::size_t i = 0; i < row_ids.size(); ++i) {
        EXPECT_EQ(statuses[i], "done") << row_ids[i];
        EXPECT_EQ(attempts[i], 1) << row_ids[i] << " was claimed more than once";
    }

    // Documents: one DTE form per job, stored once, its bytes in the database.
    std::vector<std::string> doc_jobs;
    std::vector<Poco::Int64> per_job;
    db << "SELECT job_id, COUNT(*) FROM documents GROUP BY job_id", into(doc_jobs), into(per_job), now;
    EXPECT_EQ(doc_jobs.size(), static_cast<std::size_t>(kJobs)) << "every job stored its documents";
    for (std::size_t i = 0; i < doc_jobs.size(); ++i) EXPECT_EQ(per_job[i], 1) << "documents of " << doc_jobs[i];
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM documents d LEFT JOIN document_blobs b ON b.sha256 = d.sha256 "
                        "WHERE b.sha256 IS NULL"),
              0)
        << "every document's bytes are in the database";

    // The API agrees, and serves the bytes although its own var directory holds no document.
    for (const auto& id : ids) {
        const auto job = jobStatus(token, id);
        EXPECT_EQ(job->getValue<std::string>("status"), "done") << id;
        EXPECT_EQ(job->getValue<int>("attempts"), 1) << id;
        EXPECT_EQ(job->getArray("documents")->size(), 1u) << id;
    }
    const auto document = jobStatus(token, ids.front())->getArray("documents")->getObject(0);
    const HttpResponse download =
        call(port(), "GET", "/v1/documents/" + document->getValue<std::string>("id"), bearer(token));
    ASSERT_EQ(download.status, 200) << download.body;
    EXPECT_EQ(sha256Of(download.body), document->getValue<std::string>("sha256"));
    std::string document_id = document->getValue<std::string>("id");
    Poco::Int64 audited = 0;
    db << "SELECT COUNT(*) FROM download_audit WHERE document_id = $1 AND user_id = 'svc-test'", into(audited),
        useRef(document_id), now;
    EXPECT_EQ(audited, 1) << "the download is audited with who asked";

    // The workers' logs: each job ran exactly once, in one of the two processes, and both worked.
    std::map<std::string, std::vector<std::string>> runs;  // job id → the processes that ran it
    std::map<std::string, int> share;
    for (CeresProcess* worker : {&worker_a, &worker_b}) {
        for (const auto& attempt : attemptsIn(worker->err())) {
            runs[attempt.job_id].push_back(worker->name());
            ++share[worker->name()];
            EXPECT_EQ(attempt.attempt, 1) << attempt.job_id;
            EXPECT_EQ(attempt.ended, "done") << attempt.job_id;
        }
    }
    EXPECT_EQ(runs.size(), static_cast<std::size_t>(kJobs)) << "every job shows up in a worker's log";
    for (const auto& [job_id, processes] : runs) EXPECT_EQ(processes.size(), 1u) << job_id << " ran more than once";
    EXPECT_GT(share["worker-a"], 0) << "worker-a took no job";
    EXPECT_GT(share["worker-b"], 0) << "worker-b took no job";
    RecordProperty("worker_a_jobs", share["worker-a"]);
    RecordProperty("worker_b_jobs", share["worker-b"]);
}

TEST_F(ServiceQueueOnPostgres, WorkerKilledMidJobLosesItToTheOtherWorker) {
    // A short lease so that the dead worker's job is claimable again within seconds.
    const Env short_lease{{"CERES_LEASE_SECONDS", "3"}};
    constexpr int kCandidates = 300;
    startServe("serve", 0);
    CeresProcess& worker_a = startWorker("worker-a", short_lease);
    CeresProcess& worker_b = startWorker("worker-b", short_lease);
    const std::string token = serviceToken();
    const auto big = bigSessionResults(kCandidates, "service-test/kill/1");
    Poco::Int64 admitted = 0;
    const auto candidates = big->getObject("payload")->getArray("candidates");
    for (std::size_t i = 0; i < candidates->size(); ++i) {
        if (candidates->getObject(static_cast<unsigned>(i))->getValue<std::string>("decision") == "ADMIS") ++admitted;
    }
    const std::string id = submit(token, big);

    // Mid-job: running, with parchemin numbers already reserved (its first durable effects).
    auto db = database().session();
    JobRow before;
    Poco::Int64 issued_before_kill = 0;
    const bool caught = waitUntil(kJobBudget, [&] {
        before = jobRow(db, id);
        issued_before_kill = count(db, "SELECT COUNT(*) FROM parchemin_reservations");
        return before.status == "running" && issued_before_kill > 0;
    }, Millis{10});
    ASSERT_TRUE(caught) << "the job was never seen running with parchemins issued; last state " << before.status;
    RecordProperty("parchemins_issued_before_kill", static_cast<int>(issued_before_kill));

    // The lease owner is "host:pid:thread": the process to kill.
    const auto first = before.lease_owner.find(':');
    const auto second = before.lease_owner.find(':', first + 1);
    ASSERT_NE(second, std::string::npos) << before.lease_owner;
    const pid_t holder = std::stoi(before.lease_owner.substr(first + 1, second - first - 1));
    ASSERT_TRUE(holder == worker_a.pid() || holder == worker_b.pid()) << "lease owner " << before.lease_owner;
    CeresProcess& victim = holder == worker_a.pid() ? worker_a : worker_b;
    CeresProcess& survivor = holder == worker_a.pid() ? worker_b : worker_a;
    victim.signal(SIGKILL);
    const auto killed = victim.waitForExit(Millis{10'000});
    ASSERT_TRUE(killed && !killed->exited && killed->signal == SIGKILL) << victim.report();
    const JobRow orphaned = jobRow(db, id);
    ASSERT_EQ(orphaned.status, "running") << "the job ended before the kill: make it bigger";
    ASSERT_EQ(orphaned.lease_owner, before.lease_owner);
    // Nothing of the killed attempt is visible: no parchemin issued, no document listed.
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM parchemins"), 0);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM documents"), 0);

    waitForDone(token, {id});

    const JobRow after = jobRow(db, id);
    EXPECT_EQ(after.status, "done");
    EXPECT_EQ(after.attempts, 1) << "the killed run is a lost lease, not an attempt";
    const auto job = jobStatus(token, id);
    EXPECT_EQ(job->getValue<int>("attempts"), 1);
    EXPECT_EQ(job->getValue<int>("lease_losses"), 1);

    // The survivor ran it to the end; the victim never finished it.
    const auto survivor_attempts = attemptsIn(survivor.err());
    ASSERT_EQ(survivor_attempts.size(), 1u) << survivor.report();
    EXPECT_EQ(survivor_attempts[0].job_id, id);
    EXPECT_EQ(survivor_attempts[0].attempt, 1);
    EXPECT_EQ(survivor_attempts[0].ended, "done");
    EXPECT_TRUE(attemptsIn(victim.err()).empty()) << victim.report();

    // Stored once: PV général, one PV individuel per candidate, one parchemin per ADMIS, each a
    // single row; the numbers issued by the killed attempt were reused, not issued again.
    const auto expected_documents = static_cast<std::size_t>(1 + kCandidates + admitted);
    EXPECT_EQ(job->getArray("documents")->size(), expected_documents);
    std::string job_id = id;
    Poco::Int64 rows = 0, distinct_names = 0;
    db << "SELECT COUNT(*), COUNT(DISTINCT file_name) FROM documents WHERE job_id = $1", into(rows),
        into(distinct_names), useRef(job_id), now;
    EXPECT_EQ(rows, static_cast<Poco::Int64>(expected_documents));
    EXPECT_EQ(distinct_names, rows);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM parchemins"), admitted) << "one number per admitted candidate";
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM parchemin_reservations"), admitted) << "no number reserved twice";
    EXPECT_EQ(count(db, "SELECT MAX(seq) - MIN(seq) + 1 FROM parchemins"), admitted) << "numbers without gaps";
    std::vector<std::string> issued, printed;
    db << "SELECT unique_number FROM parchemins ORDER BY unique_number", into(issued), now;
    db << "SELECT unique_number FROM documents WHERE kind = 'parchemin' ORDER BY unique_number", into(printed), now;
    EXPECT_EQ(printed, issued) << "every parchemin printed carries the number the registry issued";
}

// A number reserved by a job that never completes is a recorded gap, never a number issued twice:
// it stays its (candidate, TP, session)'s in parchemin_reservations, verification does not
// know it, and the next job for the same candidates prints it.
TEST_F(ServiceQueueOnPostgres, NumbersOfADeadJobStayReservedAndTheNextJobPrintsThem) {
    // One lost lease buries the job (the limit is the submitting process's, kept with the job).
    const Env burying{{"CERES_LEASE_SECONDS", "3"}, {"CERES_MAX_LEASE_LOSSES", "1"}};
    startServe("serve", 0, burying);
    CeresProcess& first_worker = startWorker("worker-a", burying);
    const std::string token = serviceToken();
    Poco::JSON::Object::Ptr job = bigSessionResults(300, "service-test/dead/1");
    const std::string dead_id = submit(token, job);
    auto db = database().session();
    Poco::Int64 reserved_before_kill = 0;
    const bool caught = waitUntil(kJobBudget, [&] {
        reserved_before_kill = count(db, "SELECT COUNT(*) FROM parchemin_reservations");
        return jobRow(db, dead_id).status == "running" && reserved_before_kill > 0;
    }, Millis{10});
    ASSERT_TRUE(caught) << "the job was never seen running with numbers reserved";
    first_worker.signal(SIGKILL);
    ASSERT_TRUE(first_worker.waitForExit(Millis{10'000})) << first_worker.report();
    ASSERT_EQ(jobRow(db, dead_id).status, "running") << "the job ended before the kill: make it bigger";
    startWorker("worker-b", burying);
    std::string status;
    ASSERT_TRUE(waitUntil(kJobBudget, [&] {
        status = jobStatus(token, dead_id)->getValue<std::string>("status");
        return status == "dead";
    }, Millis{100})) << "job " << dead_id << " is " << status << ", not dead\n" << reports();

    std::vector<std::string> reserved;
    db << "SELECT unique_number FROM parchemin_reservations ORDER BY seq", into(reserved), now;
    ASSERT_FALSE(reserved.empty());
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM parchemins"), 0) << "reserved is not issued";
    const auto unknown = call(port(), "GET", "/v1/verify/" + reserved.front());
    ASSERT_EQ(unknown.status, 200) << unknown.body;
    EXPECT_FALSE(unknown.json()->getValue<bool>("valid")) << "a reserved number is no parchemin: " << unknown.body;

    // The same results sent again: the candidates get the numbers reserved for them, no other.
    job->set("idempotency_key", "service-test/dead/2");
    const std::string next_id = submit(token, job);
    waitForDone(token, {next_id});
    std::vector<std::string> issued;
    db << "SELECT unique_number FROM parchemins ORDER BY seq LIMIT " + std::to_string(reserved.size()), into(issued),
        now;
    EXPECT_EQ(issued, reserved) << "the numbers the dead job reserved are the ones issued";
    const Poco::Int64 admitted = count(db, "SELECT COUNT(*) FROM parchemins");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM parchemin_reservations"), admitted) << "no number reserved twice";
    EXPECT_EQ(count(db, "SELECT MAX(seq) - MIN(seq) + 1 FROM parchemins"), admitted) << "the gap is closed";
    const auto valid = call(port(), "GET", "/v1/verify/" + reserved.front());
    EXPECT_TRUE(valid.json()->getValue<bool>("valid")) << valid.body;
    RecordProperty("numbers_reserved_by_the_dead_job", static_cast<int>(reserved.size()));
}

// `workers` sets the threads of a `worker` process as it does for `serve`: three jobs queued
// together run at the same time in one process of three workers.
TEST_F(ServiceQueueOnPostgres, AWorkerProcessRunsAsManyWorkersAsConfigured) {
    startServe("serve", 0);
    CeresProcess& worker = startWorker("worker", {{"CERES_WORKERS", "3"}});
    EXPECT_NE(worker.err().find("3 worker(s) running"), std::string::npos) << worker.report();
    const std::string token = serviceToken();
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        // Three sessions, so that the jobs share no candidate and no parchemin number.
        auto job = bigSessionResults(300, "service-test/threads/" + std::to_string(i));
        job->getObject("payload")->getObject("session")->set("id", "TITRE_T_2026_29905" + std::to_string(i));
        ids.push_back(submit(token, job));
    }

    auto db = database().session();
    std::set<std::string> owners;
    const bool together = waitUntil(kJobBudget, [&] {
        std::vector<std::string> running;
        db << "SELECT lease_owner FROM jobs WHERE status = 'running'", into(running), now;
        owners.insert(running.begin(), running.end());
        return running.size() == 3;
    }, Millis{10});
    EXPECT_TRUE(together) << "never three jobs running at once; lease owners seen: " << owners.size();
    for (const auto& owner : owners)
        EXPECT_NE(owner.find(":" + std::to_string(worker.pid()) + ":"), std::string::npos) << owner;
    waitForDone(token, ids);
    // A worker logs its attempt once the job's completion is committed: the last line may come
    // after GET /v1/jobs/{id} already says done.
    std::set<std::string> threads;
    waitUntil(Millis{10'000}, [&] {
        const auto attempts = attemptsIn(worker.err());
        threads.clear();
        for (const auto& attempt : attempts) threads.insert(attempt.worker_id);
        return attempts.size() >= ids.size();
    });
    EXPECT_EQ(threads.size(), 3u) << worker.report();
}

}  // namespace
}  // namespace ceres::service_test
