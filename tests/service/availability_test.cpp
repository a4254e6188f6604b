// Readiness and outages against the real `serve`: /readyz names what is down, the API answers
// 503 with Retry-After while the database refuses connections, /healthz stays liveness only,
// and the service comes back by itself once the database accepts connections again.
#include <Poco/JSON/Array.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "harness.h"

namespace ceres::service_test {
namespace {

std::string downList(const HttpResponse& response) {
    const auto down = response.json()->getArray("down");
    std::string names;
    for (std::size_t i = 0; i < down->size(); ++i) names += (i ? "," : "") + down->getElement<std::string>(static_cast<unsigned>(i));
    return names;
}

class ServiceAvailability : public PostgresServiceTest {};

TEST_F(ServiceAvailability, ADatabaseOutageIs503WithRetryAfterAndEndsByItself) {
    startServe("serve", 0);
    const std::string token = bearer(serviceToken());
    const auto ready = call(port(), "GET", "/readyz");
    ASSERT_EQ(ready.status, 200) << ready.body;
    const std::string job = submit(serviceToken(), sampleJob("dte-request.json"));

    database().allowConnections(false);
    const auto not_ready = call(port(), "GET", "/readyz");
    EXPECT_EQ(not_ready.status, 503) << not_ready.body;
    EXPECT_EQ(not_ready.headers.count("Retry-After"), 1u);
    EXPECT_EQ(downList(not_ready), "database,document_store") << not_ready.body;
    auto another = sampleJob("dte-request.json");
    another->set("idempotency_key", "service-test/outage/1");
    for (const auto& [method, path, body] : {std::tuple<std::string, std::string, std::string>{"GET", "/v1/jobs/" + job, ""},
                                             {"POST", "/v1/jobs", jsonText(another)},
                                             {"GET", "/v1/sessions/ANY/documents", ""},
                                             {"GET", "/metrics", ""}}) {
        const auto answer = call(port(), method, path, token, body);
        EXPECT_EQ(answer.status, 503) << method << " " << path << ": " << answer.body;
        EXPECT_EQ(answer.headers.count("Retry-After"), 1u) << method << " " << path;
        EXPECT_NE(answer.body.find(R"("rule":"unavailable")"), std::string::npos) << answer.body;
    }
    EXPECT_EQ(call(port(), "GET", "/healthz").status, 200) << "liveness does not depend on the database";

    database().allowConnections(true);
    EXPECT_EQ(call(port(), "GET", "/readyz").status, 200);
    EXPECT_EQ(call(port(), "GET", "/v1/jobs/" + job, token).status, 200);
    EXPECT_EQ(call(port(), "POST", "/v1/jobs", token, jsonText(another)).status, 202);
}

class ServiceReadiness : public ServiceTest {};

TEST_F(ServiceReadiness, ADocumentStoreThatCannotTakeFilesIsNamed) {
    startServe("serve", 0);
    ASSERT_EQ(call(port(), "GET", "/readyz").status, 200);
    const auto docs = dir() / "var" / "docs";
    std::filesystem::remove_all(docs);
    std::ofstream(docs) << "a file where the document directory should be";
    const auto not_ready = call(port(), "GET", "/readyz");
    EXPECT_EQ(not_ready.status, 503) << not_ready.body;
    EXPECT_EQ(downList(not_ready), "document_store") << not_ready.body;
    EXPECT_EQ(call(port(), "GET", "/healthz").status, 200);
    std::filesystem::remove(docs);
    EXPECT_EQ(call(port(), "GET", "/readyz").status, 200) << "a var directory that can take it will do";
}

}  // namespace
}  // namespace ceres::service_test
