#pragma once
// An in-memory Backend: a few jobs, documents, a session, a print batch and one issued number.
#include <chrono>
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

    SubmitResult submitJob(const std::string& job_text, const Caller& caller) override;
    std::optional<JobView> findJob(const std::string& job_id) override;
    std::optional<DocumentMeta> findDocument(const std::string& document_id) override;
    std::string readDocument(const std::string& document_id, std::uint64_t offset, std::uint64_t length) override;
    std::vector<DocumentMeta> latestSessionDocuments(const std::string& session_id) override;
    void recordDownload(const Caller& caller, const std::string& document_id) override;
    std::optional<PrintBatchView> findPrintBatch(const std::string& batch_id) override;
    bool acknowledgePrintBatch(const std::string& batch_id) override;
    VerifyResult verifyNumber(const std::string& unique_number) override;
    VerifyResult verifyCode(const std::string& code) override;
    QueueMetrics queueMetrics() override;

    // Makes every document read take this long, to hold a request in progress.
    void setReadDelay(std::chrono::milliseconds delay);

    std::vector<std::pair<std::string, std::string>> downloads() const;  // (user, document id)
    std::vector<std::string> submittedTexts() const;

private:
    void addDocument(const std::string& id, const std::string& kind, const std::string& file_name,
                     const std::string& bytes);
    std::chrono::milliseconds readDelay() const;

    mutable std::mutex mutex_;
    std::map<std::string, StoredDocument> documents_;
    std::map<std::string, JobView> jobs_;
    std::map<std::string, std::string> job_by_key_;
    PrintBatchView batch_;
    std::vector<std::pair<std::string, std::string>> downloads_;
    std::vector<std::string> submitted_;
    std::chrono::milliseconds read_delay_{0};
};

}  // namespace ceres::http::testing
