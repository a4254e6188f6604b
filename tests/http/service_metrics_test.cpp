// GET /metrics over the real service in process (issue #6): jobs submitted over HTTP, rendered by
// a real worker through the job store (SQLite, and PostgreSQL when CERES_TEST_PG_URL is set),
// then read back as Prometheus text and compared with what the store recorded.
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "in_process_service.h"
#include "prometheus_text.h"
#include "store/database.h"
#include "store/rows.h"
#include "store/store.h"

namespace ceres::http::testing {
namespace {

using Poco::JSON::Object;

// The bucket bounds of queue::kRenderBucketsMs as /metrics prints them, in seconds.
const std::map<std::int64_t, std::string> kBucketLabels = {
    {5, "0.005"}, {10, "0.01"}, {25, "0.025"}, {50, "0.05"},  {100, "0.1"},  {250, "0.25"}, {500, "0.5"},
    {1000, "1"},  {2500, "2.5"}, {5000, "5"},  {10000, "10"}, {30000, "30"}, {60000, "60"}, {120000, "120"}};

Object::Ptr json(const Reply& reply) { return Poco::JSON::Parser().parse(reply.body).extract<Object::Ptr>(); }

class ServiceMetrics : public InProcessService {
protected:
    // kind → the render_ms the store recorded for each done job.
    std::map<std::string, std::vector<std::int64_t>> recordedDurations() {
        auto connection = runtime->store().database().connect();
        Poco::Data::Statement select(connection.session());
        select << "SELECT kind, render_ms FROM jobs WHERE status = 'done'";
        select.execute();
        const store::Rows rows(select);
        std::map<std::string, std::vector<std::int64_t>> durations;
        for (std::size_t row = 0; row < rows.size(); ++row)
            durations[rows.text(row, "kind")].push_back(rows.integer(row, "render_ms"));
        return durations;
    }
};

TEST_P(ServiceMetrics, QueuedJobsAreCountedBeforeAnyRender) {
    submit(sampleJob("dte-request.json", "metrics/queued/1"));
    submit(sampleJob("dte-request.json", "metrics/queued/2"));
    const auto reply = call("GET", "/metrics");
    ASSERT_EQ(reply.status, 200);
    const auto exposition = parseExposition(reply.body);
    EXPECT_EQ(exposition.samples.at(R"(ceres_jobs{state="queued"})"), 2);
    EXPECT_EQ(exposition.samples.at(R"(ceres_jobs{state="done"})"), 0);
    EXPECT_EQ(exposition.samples.at("ceres_queue_depth"), 2);
    EXPECT_EQ(exposition.samples.at("ceres_pages_rendered_total"), 0);
    EXPECT_EQ(exposition.types.at("ceres_render_duration_seconds"), "histogram");
    EXPECT_EQ(reply.body.find("ceres_render_duration_seconds_bucket"), std::string::npos) << "nothing rendered yet";
}

TEST_P(ServiceMetrics, RenderHistogramAndPagesMatchWhatTheWorkersDid) {
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(submit(sampleJob("dte-request.json", "metrics/dte/" + std::to_string(i))));
    ids.push_back(submit(sampleJob("convocations.json", "metrics/convocations")));
    runEveryJob();

    int pages = 0;
    for (const auto& id : ids) {
        const auto job = json(call("GET", "/v1/jobs/" + id));
        ASSERT_EQ(job->getValue<std::string>("status"), "done") << id;
        const auto documents = job->getArray("documents");
        for (std::size_t i = 0; i < documents->size(); ++i)
            pages += documents->getObject(i)->optValue<int>("pages", 0);
    }
    ASSERT_GT(pages, 0);

    const auto reply = call("GET", "/metrics");
    ASSERT_EQ(reply.status, 200);
    const auto exposition = parseExposition(reply.body);
    const auto& samples = exposition.samples;
    EXPECT_EQ(samples.at(R"(ceres_jobs{state="done"})"), 4);
    EXPECT_EQ(samples.at(R"(ceres_jobs{state="queued"})"), 0);
    EXPECT_EQ(samples.at("ceres_queue_depth"), 0);
    EXPECT_EQ(samples.at("ceres_pages_rendered_total"), pages);

    const auto durations = recordedDurations();
    ASSERT_EQ(durations.size(), 2u);
    EXPECT_EQ(durations.at("dte_request").size(), 3u);
    EXPECT_EQ(durations.at("convocations").size(), 1u);
    for (const auto& [kind, recorded] : durations) {
        SCOPED_TRACE(kind);
        const std::string label = "{kind=\"" + kind + "\"";
        std::int64_t total_ms = 0;
        for (const auto ms : recorded) {
            EXPECT_GE(ms, 0);
            total_ms += ms;
        }
        EXPECT_EQ(samples.at("ceres_render_duration_seconds_count" + label + "}"), recorded.size());
        EXPECT_EQ(samples.at("ceres_render_duration_seconds_bucket" + label + ",le=\"+Inf\"}"), recorded.size());
        EXPECT_NEAR(samples.at("ceres_render_duration_seconds_sum" + label + "}"), total_ms / 1000.0, 1e-9);
        for (const auto& [bound_ms, le] : kBucketLabels) {
            const auto at_most = std::count_if(recorded.begin(), recorded.end(), [&](auto ms) { return ms <= bound_ms; });
            EXPECT_EQ(samples.at("ceres_render_duration_seconds_bucket" + label + ",le=\"" + le + "\"}"), at_most) << le;
        }
    }
}

CERES_ON_BOTH_BACKENDS(ServiceMetrics);

}  // namespace
}  // namespace ceres::http::testing
