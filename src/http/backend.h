#pragma once
// What the HTTP API needs from the rest of the service: the job queue, the document store, the
// parchemin registry and the verifier. Called from several server threads at once. Implementations
// throw Unavailable when the database cannot be reached (the HTTP layer answers 503 with
// Retry-After) and anything else on other infrastructure failures (a 500); neither shows its text
// to the client.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/caller.h"
#include "jobs/claims.h"
#include "jobs/problem.h"
#include "queue/job_status.h"

namespace ceres::http {

// A dependency of the service (the database) cannot be reached now; worth retrying later.
class Unavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using queue::JobStatus;
using queue::toString;

struct DocumentView {
    std::string id;
    std::string kind;
    std::string file_name;  // UTF-8
    std::string mime;
    int pages = 0;          // PDF only
    std::uint64_t size = 0;
    std::string sha256;     // lowercase hex, used as the ETag
    std::string unique_number;  // parchemins only, empty otherwise
};

// A document with what decides who may read it.
struct DocumentMeta {
    DocumentView document;
    Perimeter perimeter;  // UD code, region, SIRET of the job that produced it
};

struct JobView {
    std::string id;
    std::string kind;
    JobStatus status = JobStatus::Queued;
    int attempts = 0;
    std::vector<jobs::Problem> errors;  // of the last failure
    int pages_done = 0;
    int pages_total = 0;
    std::vector<DocumentView> documents;
    Caller requested_by;  // the submitter's token: its `sub`, profile and perimeter
    int lease_losses = 0;  // runs cut short by a worker that stopped (not counted as attempts)
    std::vector<std::string> warnings;  // of the attempt that completed the job
};

struct SubmitResult {
    enum class Outcome {
        Accepted,   // queued: `job`
        Duplicate,  // the idempotency key was known: `job` is the existing job
        Invalid,    // schema errors: `problems`
        Refused,    // domain rule refusals: `problems`
    };
    Outcome outcome = Outcome::Accepted;
    JobView job;
    std::vector<jobs::Problem> problems;
};

struct PrintBatchView {
    std::string id;
    std::string ud_code;
    std::string issued_from;  // YYYY-MM-DD
    std::string issued_to;
    bool acknowledged = false;
    DocumentView merged;                  // the PDF to print
    std::vector<DocumentView> manifests;  // XLSX and CSV
};

// R-DOC-7: a parchemin withdrawn, as recorded.
struct WithdrawalView {
    std::string unique_number;
    std::string date;           // YYYY-MM-DD
    std::string reason;
    bool reason_public = true;  // false: the public is told the date only
    Caller recorded_by;
    std::string recorded_at;    // ISO 8601 UTC
};

// What a visitor types to confirm the holder; the stored values are never shown.
struct HolderClaim {
    std::string last_name;
    std::string birth_date;  // YYYY-MM-DD, or empty: not compared
};

enum class HolderMatch { NotAsked, Matches, DoesNotMatch };

struct VerifyResult {
    bool valid = false;
    // "valid", "withdrawn", "unknown", "malformed", "bad_check_character", "unknown_key", "bad_signature",
    // "unreadable_picture"
    std::string status;
    std::string reason;  // fit to show to anyone; empty when valid
    // By number: what the holder shows anyway (number, title code and libellé, level, date and
    // place of issue), never the name nor the birth date. By code: every signed field. Filled
    // when the parchemin is genuine, withdrawn or not.
    std::map<std::string, std::string> fields;
    std::optional<WithdrawalView> withdrawal;
    HolderMatch holder = HolderMatch::NotAsked;
};

struct WithdrawalRequest {
    std::string date;  // YYYY-MM-DD
    std::string reason;
    bool reason_public = true;
};

struct WithdrawResult {
    enum class Outcome {
        Recorded,          // `withdrawal` is the new record
        AlreadyWithdrawn,  // `withdrawal` is the record that stands
        Refused,           // `problems` (e.g. a date before the date of issue)
    };
    Outcome outcome = Outcome::Recorded;
    WithdrawalView withdrawal;
    std::vector<jobs::Problem> problems;
};


// Prometheus histogram: counts[i] observations were <= upper_bounds[i] (cumulative).
struct Histogram {
    std::vector<double> upper_bounds;
    std::vector<std::uint64_t> counts;
    std::uint64_t count = 0;  // every observation, the +Inf bucket
    double sum = 0;
};

struct QueueMetrics {
    std::map<JobStatus, std::int64_t> jobs_by_status;
    std::int64_t queue_depth = 0;  // queued and due now
    std::int64_t pages_rendered = 0;
    std::map<std::string, Histogram> render_seconds_by_kind;
};

// What GET /readyz reports: each dependency the service needs to answer, reachable or not.
struct DependencyState {
    std::string name;    // "database", "document_store"
    bool ready = false;
    std::string detail;  // why not, fit for an operator; empty when ready
};

class Backend {
public:
    virtual ~Backend() = default;

    // `job_text` is the request body as received; `caller` may own the job. `admit`, when given,
    // is called with what the body claims as soon as it is parsed, before it is checked; it
    // throws (a ClientError) to turn the job away.
    using Admission = std::function<void(const jobs::Claims&)>;
    virtual SubmitResult submitJob(const std::string& job_text, const Caller& caller, const Admission& admit) = 0;
    virtual std::optional<JobView> findJob(const std::string& job_id) = 0;

    virtual std::optional<DocumentMeta> findDocument(const std::string& document_id) = 0;
    // `length` bytes from `offset`; the caller keeps the range within the document.
    virtual std::string readDocument(const std::string& document_id, std::uint64_t offset,
                                     std::uint64_t length) = 0;
    // The latest version of each document of the session.
    virtual std::vector<DocumentMeta> latestSessionDocuments(const std::string& session_id) = 0;
    // Audit trail: called once per response carrying a document's bytes.
    virtual void recordDownload(const Caller& caller, const std::string& document_id) = 0;

    virtual std::optional<PrintBatchView> findPrintBatch(const std::string& batch_id) = 0;
    // Marks the batch and its parchemins dispatched; false when it is not an open batch.
    virtual bool acknowledgePrintBatch(const std::string& batch_id) = 0;

    // By number: issued and intact in the store, and when `claim` is given whether it names the
    // holder. By code: the barcode content's signature. Both say whether it was withdrawn.
    virtual VerifyResult verifyNumber(const std::string& unique_number, const std::optional<HolderClaim>& claim) = 0;
    virtual VerifyResult verifyCode(const std::string& code) = 0;
    // A photo or scan (PNG, JPEG): its DataMatrix read and verified as a code; status
    // "unreadable_picture" (reason says why) when no code can be read from it.
    virtual VerifyResult verifyPicture(const std::string& picture) = 0;

    // The perimeter of an issued parchemin (its UD and region); nothing for an unknown number.
    virtual std::optional<Perimeter> parcheminPerimeter(const std::string& unique_number) = 0;
    // Records a withdrawal (R-DOC-7) of an issued parchemin by `caller`.
    virtual WithdrawResult withdraw(const std::string& unique_number, const WithdrawalRequest& request,
                                    const Caller& caller) = 0;
    // Every withdrawn number, signed with the seal key and dated now, as JSON text
    // (seal/withdrawal_list.h).
    virtual std::string withdrawalList() = 0;

    virtual QueueMetrics queueMetrics() = 0;
    // The database and the document store, checked now. Never throws.
    virtual std::vector<DependencyState> readiness() = 0;
};

}  // namespace ceres::http
