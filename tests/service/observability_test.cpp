// What operators and callers see of the work (issue #6): GET /metrics (jobs by state, queue
// depth, pages rendered, render duration histogram per kind) and the progress of each job.
#include <string>
#include <vector>

#include "harness.h"

namespace ceres::service_test {
namespace {

class ServiceObservability : public ServiceTest {};

bool has(const std::string& text, const std::string& line) { return text.find(line + "\n") != std::string::npos; }

TEST_F(ServiceObservability, MetricsCountTheJobsAndPagesTheWorkersRendered) {
    startServe("serve", 1);
    const std::string token = serviceToken();
    const std::string id = submit(token, sampleJob("dte-request.json"));
    waitForDone(token, {id});
    const int pages = jobStatus(token, id)->getArray("documents")->getObject(0)->getValue<int>("pages");

    const HttpResponse r = call(port(), "GET", "/metrics");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.headers.at("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u) << r.headers.at("Content-Type");
    EXPECT_TRUE(has(r.body, "ceres_jobs{state=\"done\"} 1")) << r.body;
    EXPECT_TRUE(has(r.body, "ceres_jobs{state=\"queued\"} 0")) << r.body;
    EXPECT_TRUE(has(r.body, "ceres_queue_depth 0")) << r.body;
    // Known bug, reported: ServiceBackend::queueMetrics (src/app/backend.cpp) fills neither
    // pages_rendered nor render_seconds_by_kind, so these stay 0 / absent whatever is rendered.
    EXPECT_TRUE(has(r.body, "ceres_pages_rendered_total " + std::to_string(pages)))
        << "BUG: pages rendered are not counted\n" << r.body;
    EXPECT_TRUE(has(r.body, "ceres_render_duration_seconds_count{kind=\"dte_request\"} 1"))
        << "BUG: render durations are not recorded";
}

// Every reference job, submitted in an order that gives each what it needs (numbers issued
// before the reprint and the print batch), ends done with its progress complete.
TEST_F(ServiceObservability, EveryKindEndsWithItsProgressComplete) {
    startServe("serve", 1);
    const std::string token = serviceToken();
    for (const char* sample : {"session-results.json", "convocations.json", "dte-request.json", "juror-export.json",
                               "dashboard.json", "parchemins-reprint.json", "print-batch.json"}) {
        SCOPED_TRACE(sample);
        const std::string id = submit(token, sampleJob(sample));
        waitForDone(token, {id});
        const auto job = jobStatus(token, id);
        const auto progress = job->getObject("progress");
        EXPECT_GT(progress->getValue<int>("pages_total"), 0) << jsonText(job->getObject("progress"));
        EXPECT_EQ(progress->getValue<int>("pages_done"), progress->getValue<int>("pages_total"))
            << jsonText(job->getObject("progress"));
    }
}

}  // namespace
}  // namespace ceres::service_test
