// How a job that passed validation ends when its attempt fails, over the real service in process
// (SQLite, and PostgreSQL when CERES_TEST_PG_URL is set): a deterministic internal error fails it
// at once with its error; a transient one (the database refusing a write, an I/O error) queues it
// again with backoff, and it completes once the trouble is gone.
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "app/worker.h"
#include "in_process_service.h"
#include "queue/job_queue.h"
#include "store/database.h"
#include "store/ids.h"
#include "store/store.h"

namespace ceres::http::testing {
namespace {

namespace fs = std::filesystem;
using Poco::JSON::Object;

Object::Ptr json(const Reply& reply) { return Poco::JSON::Parser().parse(reply.body).extract<Object::Ptr>(); }

std::string firstErrorOf(const Object::Ptr& job) {
    const auto errors = job->getArray("errors");
    return errors && errors->size() > 0 ? errors->getObject(0)->getValue<std::string>("message") : "";
}

class FailureClasses : public InProcessService {
protected:
    // Runs one attempt of the next due job; false when none was due.
    bool runOneAttempt() {
        app::Worker worker(runtime->queue(), runtime->store(), runtime->pipeline(), nullptr,
                           app::WorkerOptions{"failure-classes-test"});
        return worker.runOnce();
    }

    void execute(const std::string& sql) {
        auto connection = runtime->store().database().connect();
        connection.session() << sql, Poco::Data::Keywords::now;
    }

    // The retry delay has passed (the store's clock is the real one; its delay is 5 s).
    void makeDue(const std::string& job_id) {
        auto connection = runtime->store().database().connect();
        std::string id = job_id;
        connection.session() << runtime->store().database().sql("UPDATE jobs SET next_run_at = 0 WHERE id = ?"),
            Poco::Data::Keywords::useRef(id), Poco::Data::Keywords::now;
    }
};

TEST_P(FailureClasses, ADatabaseErrorWhileStoringIsRetriedWithBackoffThenCompletes) {
    const std::string id = submit(sampleJob("session-results.json", "failure-classes/db/1"));
    execute("ALTER TABLE documents RENAME TO documents_away");  // every write of a document fails
    ASSERT_TRUE(runOneAttempt());
    const auto retried = runtime->queue().get(id).value();
    EXPECT_EQ(retried.status, queue::JobStatus::Queued) << retried.last_error;
    EXPECT_EQ(retried.attempts, 1);
    EXPECT_NE(retried.last_error.find("storing the documents failed"), std::string::npos) << retried.last_error;
    EXPECT_GT(retried.next_run_at, runtime->store().database().now()) << "retried later, not at once";
    EXPECT_FALSE(runOneAttempt()) << "nothing is due before the retry delay";

    execute("ALTER TABLE documents_away RENAME TO documents");
    makeDue(id);
    runEveryJob();
    const auto done = json(call("GET", "/v1/jobs/" + id));
    EXPECT_EQ(done->getValue<std::string>("status"), "done") << firstErrorOf(done);
    EXPECT_EQ(done->getValue<int>("attempts"), 2);
    EXPECT_EQ(done->getValue<int>("lease_losses"), 0);
    EXPECT_GT(done->getArray("documents")->size(), 0u);
}

TEST_P(FailureClasses, AnIoErrorOfTheDocumentFilesIsRetriedThenCompletes) {
    if (GetParam() != store::testing::BackendKind::SQLite)
        GTEST_SKIP() << "reason: with PostgreSQL document bytes go to the database, not to files";
    const std::string id = submit(sampleJob("dte-request.json", "failure-classes/io/1"));
    const fs::path docs = settings.var_dir / "docs";
    const fs::path away = settings.var_dir / "docs-away";
    const bool existed = fs::exists(docs);
    if (existed) fs::rename(docs, away);
    { std::ofstream(docs) << "not a directory"; }  // creating docs/ab/ fails: ENOTDIR
    ASSERT_TRUE(runOneAttempt());
    const auto retried = runtime->queue().get(id).value();
    EXPECT_EQ(retried.status, queue::JobStatus::Queued) << retried.last_error;
    EXPECT_NE(retried.last_error.find("storing the documents failed"), std::string::npos) << retried.last_error;

    fs::remove(docs);
    if (existed) fs::rename(away, docs);
    makeDue(id);
    runEveryJob();
    const auto done = json(call("GET", "/v1/jobs/" + id));
    EXPECT_EQ(done->getValue<std::string>("status"), "done") << firstErrorOf(done);
    EXPECT_EQ(done->getValue<int>("attempts"), 2);
}

CERES_ON_BOTH_BACKENDS(FailureClasses);

// A deterministic internal error (here a broken template, as a bad installation would have)
// fails every attempt the same way: the job ends failed on its first attempt, with its error.
class DeterministicFailure : public FailureClasses {
protected:
    void configure(app::Config& config) override {
        resources_ = fs::temp_directory_path() / store::randomId("ceres-broken-home-");
        fs::create_directories(resources_);
        for (const char* shared : {"schemas", "fonts"})
            fs::create_directory_symlink(fs::path(CERES_SOURCE_DIR) / shared, resources_ / shared);
        fs::copy(fs::path(CERES_SOURCE_DIR) / "templates", resources_ / "templates", fs::copy_options::recursive);
        std::ofstream(resources_ / "templates" / "dte_request.json", std::ios::trunc) << "{ \"blocks\": [ {";
        config.resources = resources_;
    }
    void TearDown() override {
        FailureClasses::TearDown();
        std::error_code ignored;
        if (!resources_.empty()) fs::remove_all(resources_, ignored);
    }

    fs::path resources_;
};

TEST_P(DeterministicFailure, EndsTheJobAtOnceWithItsError) {
    const std::string id = submit(sampleJob("dte-request.json", "failure-classes/internal/1"));
    ASSERT_TRUE(runOneAttempt());
    const auto job = json(call("GET", "/v1/jobs/" + id));
    EXPECT_EQ(job->getValue<std::string>("status"), "failed");
    EXPECT_EQ(job->getValue<int>("attempts"), 1);
    EXPECT_NE(firstErrorOf(job).find("rendering failed"), std::string::npos) << firstErrorOf(job);
    EXPECT_EQ(job->getArray("documents")->size(), 0u);
    makeDue(id);
    EXPECT_FALSE(runOneAttempt()) << "a failed job is never tried again";
    EXPECT_EQ(json(call("GET", "/v1/jobs/" + id))->getValue<int>("attempts"), 1);
}

CERES_ON_BOTH_BACKENDS(DeterministicFailure);

}  // namespace
}  // namespace ceres::http::testing
