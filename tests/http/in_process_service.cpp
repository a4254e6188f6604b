#include "in_process_service.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <sstream>

#include "app/worker.h"
#include "queue/job_queue.h"
#include "store/store.h"

namespace ceres::http::testing {

std::string sampleJob(const std::string& file, const std::string& idempotency_key) {
    std::ifstream in(std::string(CERES_SOURCE_DIR) + "/samples/" + file);
    std::ostringstream text;
    text << in.rdbuf();
    auto job = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    job->set("idempotency_key", idempotency_key);
    std::ostringstream out;
    job->stringify(out);
    return out.str();
}

void InProcessService::SetUp() {
    BackendTest::SetUp();
    if (IsSkipped()) return;
    settings = app::loadConfig("");
    const store::StoreConfig store = config();
    settings.var_dir = store.var_dir;
    settings.database_url = store.database_url;
    settings.dev_jwt_key = kDevKey;
    configure(settings);
    runtime = std::make_unique<app::Runtime>(settings, app::Runtime::Scope::Rendering);
    backend = std::make_unique<app::ServiceBackend>(*runtime);
    ServerOptions options = app::httpOptions(settings);
    options.host = "127.0.0.1";
    options.port = 0;
    options.auth.clock = [] { return kNow; };
    server = std::make_unique<Server>(*backend, options);
    server->start();
}

void InProcessService::TearDown() {
    if (server) server->stop();
}

Reply InProcessService::call(const std::string& method, const std::string& path, const std::string& body) const {
    return send(server->port(), Request{method, path, path.rfind("/v1/", 0) == 0 ? token : "", body});
}

std::string InProcessService::submit(const std::string& job_text) const {
    const auto reply = call("POST", "/v1/jobs", job_text);
    EXPECT_EQ(reply.status, 202) << reply.body;
    return Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("id");
}

void InProcessService::runEveryJob() {
    app::Worker worker(runtime->queue(), runtime->store(), runtime->pipeline(), nullptr,
                       app::WorkerOptions{"in-process-test"});
    while (worker.runOnce()) {
    }
}

}  // namespace ceres::http::testing
