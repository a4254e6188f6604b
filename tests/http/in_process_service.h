#pragma once
// The real service in process for HTTP tests: runtime (store on SQLite or PostgreSQL, pipeline,
// seal keys), ServiceBackend and Server on an ephemeral loopback port, with a worker run on demand.
#include <memory>
#include <string>

#include "app/backend.h"
#include "app/config.h"
#include "app/runtime.h"
#include "http/server.h"
#include "store/test_database.h"
#include "test_client.h"

namespace ceres::http::testing {

// samples/<file> with its idempotency key replaced.
std::string sampleJob(const std::string& file, const std::string& idempotency_key);

class InProcessService : public store::testing::BackendTest {
protected:
    void SetUp() override;
    void TearDown() override;

    // The API under /v1 with the service's token; other paths without a token.
    Reply call(const std::string& method, const std::string& path, const std::string& body = "") const;
    // Submits as SERVICE; the job id of a 202.
    std::string submit(const std::string& job_text) const;
    // Runs the queued jobs to their end in this thread.
    void runEveryJob();
    // Changes the settings before the runtime is built from them.
    virtual void configure(app::Config&) {}

    const std::string token = tokenFor("SERVICE", "FR", "svc-in-process");
    app::Config settings;
    std::unique_ptr<app::Runtime> runtime;
    std::unique_ptr<app::ServiceBackend> backend;
    std::unique_ptr<Server> server;
};

}  // namespace ceres::http::testing
