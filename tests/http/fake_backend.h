#pragma once
// An in-memory Backend: a few jobs, documents, a session, a print batch and one issued number.
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "http/backend.h"

namespace ceres::http::testing {

// The perimeter every stored document belongs to: UD 33 (Gironde), region 75, one centre.
inline const Perimeter kGironde{"33", "75", "78184280200048"};
inline const std::string kSessionId = "TITRE_T_2026_299045";
inline const std::string kPdfId = "doc-pv";
inline const std::string kPdfBytes = "%PDF-1.7 fake document body for ranges 0123456789";
inline const std::string kConvocationId = "doc-convocation";  // what a centre may read
inline const std::string kAccentedId = "doc-accented";
inline const std::string kAccentedName = "procès-verbal « général ».pdf";
inline const std::string kFailingId = "doc-store-down";  // reading it throws
inline const std::string kDatabaseDownId = "doc-database-down";  // looking it up throws Unavailable
inline const std::string kDashboardId = "doc-dashboard";  // UD 33's, in a session of its own
inline const std::string kBatchId = "batch-1";
inline const std::string kIssuedNumber = "TP26-000001-K";

struct StoredDocument {
    DocumentMeta meta;
    std::string session_id;
    std::string bytes;
};

class FakeBackend : public Backend {
public:
    FakeBackend();

    SubmitResult submitJob(const std::string& job_text, const Caller& caller, const Admission& admit) override;
    std::optional<JobView> findJob(const std::string& job_id) override;
    std::optional<DocumentMeta> findDocument(const std::string& document_id) override;
    std::string readDocument(const std::string& document_id, std::uint64_t offset, std::uint64_t length) override;
    std::vector<DocumentMeta> latestSessionDocuments(const std::string& session_id) override;
    void recordDownload(const Caller& caller, const std::string& document_id) override;
    std::optional<PrintBatchView> findPrintBatch(const std::string& batch_id) override;
    bool acknowledgePrintBatch(const std::string& batch_id) override;
    VerifyResult verifyNumber(const std::string& unique_number, const std::optional<HolderClaim>& claim) override;
    VerifyResult verifyCode(const std::string& code) override;
    VerifyResult verifyPicture(const std::string& picture) override;
    std::optional<Perimeter> parcheminPerimeter(const std::string& unique_number) override;
    WithdrawResult withdraw(const std::string& unique_number, const WithdrawalRequest& request,
                            const Caller& caller) override;
    std::string withdrawalList() override;
    QueueMetrics queueMetrics() override;
    std::vector<DependencyState> readiness() override;

    // From holdReads() to releaseReads(), every document read waits: a request in progress.
    void holdReads();
    void releaseReads();
    // Until a read is waiting (true), or `budget` passes (false).
    bool awaitHeldRead(std::chrono::milliseconds budget);
    // What readiness() reports as not ready, with its detail.
    void setDown(const std::string& dependency, const std::string& detail);

    std::vector<std::pair<std::string, std::string>> downloads() const;  // (user, document id)
    std::vector<std::string> submittedTexts() const;

private:
    void addDocument(const std::string& id, const std::string& kind, const std::string& file_name,
                     const std::string& bytes, const std::string& session_id = kSessionId);
    void waitWhileHeld();
    std::optional<WithdrawalView> currentWithdrawal() const;

    mutable std::mutex mutex_;
    std::map<std::string, StoredDocument> documents_;
    std::map<std::string, JobView> jobs_;
    std::map<std::string, std::string> job_by_key_;
    PrintBatchView batch_;
    std::vector<std::pair<std::string, std::string>> downloads_;
    std::vector<std::string> submitted_;
    std::condition_variable reads_;
    bool holding_reads_ = false;
    int held_reads_ = 0;
    std::map<std::string, std::string> down_;
    std::optional<WithdrawalView> withdrawal_;
};

}  // namespace ceres::http::testing
