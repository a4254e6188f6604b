#pragma once
// The HTTP API's view of the service, over the real queue, document store, registry and verifier.
// A call that fails while the database does not answer throws http::Unavailable.
#include <mutex>

#include "app/runtime.h"
#include "app/verification.h"
#include "http/backend.h"
#include "http/server.h"

namespace ceres::app {

class ServiceBackend final : public http::Backend {
public:
    explicit ServiceBackend(Runtime& runtime);

    http::SubmitResult submitJob(const std::string& job_text, const http::Caller& caller, const Admission& admit) override;
    std::optional<http::JobView> findJob(const std::string& job_id) override;
    std::optional<http::DocumentMeta> findDocument(const std::string& document_id) override;
    std::string readDocument(const std::string& document_id, std::uint64_t offset, std::uint64_t length) override;
    std::vector<http::DocumentMeta> latestSessionDocuments(const std::string& session_id) override;
    void recordDownload(const http::Caller& caller, const std::string& document_id) override;
    std::optional<http::PrintBatchView> findPrintBatch(const std::string& batch_id) override;
    bool acknowledgePrintBatch(const std::string& batch_id) override;
    http::VerifyResult verifyNumber(const std::string& unique_number,
                                    const std::optional<http::HolderClaim>& claim) override;
    http::VerifyResult verifyCode(const std::string& code) override;
    http::VerifyResult verifyPicture(const std::string& picture) override;
    std::optional<http::Perimeter> parcheminPerimeter(const std::string& unique_number) override;
    http::WithdrawResult withdraw(const std::string& unique_number, const http::WithdrawalRequest& request,
                                  const http::Caller& caller) override;
    std::string withdrawalList() override;
    http::QueueMetrics queueMetrics() override;
    std::vector<http::DependencyState> readiness() override;

private:
    struct DatabaseState {
        std::string problem;               // empty when the database answers a query
        bool broken_session_seen = false;  // a pooled session failed before one answered
    };
    DatabaseState probeDatabase();
    template <typename Work>
    auto guarded(Work&& work) -> decltype(work());

    Runtime& runtime_;
    Verification verification_;
};

// Server options from the configuration (port, development key, public keys).
http::ServerOptions httpOptions(const Config& config);

}  // namespace ceres::app
