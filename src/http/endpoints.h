#pragma once
// The routes of CONTRACT.md over a Backend.
#include <cstddef>

#include "http/backend.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/verification_endpoints.h"

namespace ceres::http {

class Endpoints {
public:
    Endpoints(Backend& backend, const RequestMetrics& metrics, std::size_t max_body_bytes, int retry_after_seconds,
              const PublicOptions& public_options = {});
    void install(Router& router);

private:
    void submitJob(Exchange& exchange);
    void getJob(Exchange& exchange);
    void getDocument(Exchange& exchange);
    void getSessionDocuments(Exchange& exchange);
    void getPrintBatch(Exchange& exchange);
    void acknowledgePrintBatch(Exchange& exchange);
    void health(Exchange& exchange);
    void readiness(Exchange& exchange);
    void metrics(Exchange& exchange);

    Backend& backend_;
    const RequestMetrics& metrics_;
    std::size_t max_body_bytes_;
    int retry_after_seconds_;
    VerificationEndpoints verification_;
};

}  // namespace ceres::http
