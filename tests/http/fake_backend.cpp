#include "fake_backend.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SHA2Engine.h>


namespace ceres::http::testing {
namespace {

std::string sha256Of(const std::string& bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

Poco::JSON::Object::Ptr parse(const std::string& text) {
    try {
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return nullptr;
    }
}

std::string field(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    return object && object->has(name) && object->get(name).isString() ? object->getValue<std::string>(name) : "";
}

}  // namespace

FakeBackend::FakeBackend() {
    addDocument(kPdfId, "pv_general", "pv-general_TITRE_T_2026_299045_v1.pdf", kPdfBytes);
    addDocument(kAccentedId, "pv_individuel", kAccentedName, "%PDF-1.7 accented");
    addDocument(kConvocationId, "convocation", "convocation_TITRE_T_2026_299045_C1.pdf", "%PDF-1.7 convocation");
    addDocument(kFailingId, "parchemin", "parchemin.pdf", "%PDF-1.7 unreadable");
    addDocument("batch-merged", "print_batch", "print-batch.pdf", "%PDF-1.7 batch", kBatchId);
    addDocument("batch-csv", "print_manifest_csv", "manifest.csv", "number;name\n", kBatchId);
    addDocument(kDashboardId, "dashboard_pdf", "dashboard_UD_33.pdf", "%PDF-1.7 dashboard", "DASHBOARD_UD_33");
    batch_ = PrintBatchView{kBatchId, "33", "2026-06-01", "2026-06-30", false,
                            documents_["batch-merged"].meta.document, {documents_["batch-csv"].meta.document}};
    JobView done{"job-service", "session_results", JobStatus::Done, 1, {}, 3, 3, {documents_[kPdfId].meta.document},
                 Caller{"svc-ceres", ceres::domain::Profile::Service, "FR"}, 0, {}};
    jobs_[done.id] = done;
}

void FakeBackend::addDocument(const std::string& id, const std::string& kind, const std::string& file_name,
                              const std::string& bytes, const std::string& session_id) {
    DocumentView view{id, kind, file_name, "application/pdf", 1, bytes.size(), sha256Of(bytes), ""};
    if (kind == "print_manifest_csv") view.mime = "text/csv; charset=utf-8";
    documents_[id] = StoredDocument{DocumentMeta{view, kGironde}, session_id, bytes};
}

// Schema errors for a body without "kind", refusals for payload.refuse == true.
SubmitResult FakeBackend::submitJob(const std::string& job_text, const Caller& caller, const Admission& admit) {
    std::lock_guard lock(mutex_);
    const auto job = parse(job_text);
    if (job && admit) {
        jobs::Claims claims{field(job, "kind"), "", "", "", ""};
        const auto payload = job->getObject("payload");
        if (payload) claims.centre_siret = field(payload->getObject("centre"), "siret");
        if (const auto by = job->getObject("requested_by"))
            claims = {claims.kind, claims.centre_siret, field(by, "user"), field(by, "profile"), field(by, "perimeter")};
        admit(claims);
    }
    submitted_.push_back(job_text);
    if (!job || field(job, "kind").empty()) {
        return {SubmitResult::Outcome::Invalid, {}, {{"/kind", "", "kind is required"}}};
    }
    const auto payload = job->getObject("payload");
    if (payload && payload->optValue("refuse", false)) {
        return {SubmitResult::Outcome::Refused, {}, {{"/payload/session/start", "R-SES-2", "too late"}}};
    }
    const std::string key = field(job, "idempotency_key");
    if (!key.empty() && job_by_key_.count(key)) {
        return {SubmitResult::Outcome::Duplicate, jobs_.at(job_by_key_.at(key)), {}};
    }
    JobView view{"job-" + std::to_string(jobs_.size() + 1), field(job, "kind"), JobStatus::Queued, 0, {}, 0, 0, {},
                 caller, 0, {}};
    jobs_[view.id] = view;
    if (!key.empty()) job_by_key_[key] = view.id;
    return {SubmitResult::Outcome::Accepted, view, {}};
}

std::optional<JobView> FakeBackend::findJob(const std::string& job_id) {
    std::lock_guard lock(mutex_);
    const auto found = jobs_.find(job_id);
    if (found == jobs_.end()) return std::nullopt;
    return found->second;
}

std::optional<DocumentMeta> FakeBackend::findDocument(const std::string& document_id) {
    if (document_id == kDatabaseDownId) throw Unavailable("connection to server at 127.0.0.1 refused");
    std::lock_guard lock(mutex_);
    const auto found = documents_.find(document_id);
    if (found == documents_.end()) return std::nullopt;
    return found->second.meta;
}

std::string FakeBackend::readDocument(const std::string& document_id, std::uint64_t offset, std::uint64_t length) {
    if (document_id == kFailingId) throw std::runtime_error("disk /var/ceres/docs/ab/cd unreadable: EIO");
    waitWhileHeld();
    std::lock_guard lock(mutex_);
    return documents_.at(document_id).bytes.substr(offset, length);
}

std::vector<DocumentMeta> FakeBackend::latestSessionDocuments(const std::string& session_id) {
    std::lock_guard lock(mutex_);
    std::vector<DocumentMeta> found;
    for (const auto& [id, stored] : documents_) {
        if (stored.session_id == session_id) found.push_back(stored.meta);
    }
    return found;
}

void FakeBackend::recordDownload(const Caller& caller, const std::string& document_id) {
    std::lock_guard lock(mutex_);
    downloads_.emplace_back(caller.user, document_id);
}

std::optional<PrintBatchView> FakeBackend::findPrintBatch(const std::string& batch_id) {
    std::lock_guard lock(mutex_);
    if (batch_id != batch_.id) return std::nullopt;
    return batch_;
}

bool FakeBackend::acknowledgePrintBatch(const std::string& batch_id) {
    std::lock_guard lock(mutex_);
    if (batch_id != batch_.id || batch_.acknowledged) return false;
    batch_.acknowledged = true;
    return true;
}

namespace {

VerifyResult verdict(bool valid, const std::string& status, const std::string& reason,
                     std::map<std::string, std::string> fields = {}) {
    VerifyResult result;
    result.valid = valid;
    result.status = status;
    result.reason = reason;
    result.fields = std::move(fields);
    return result;
}

}  // namespace

VerifyResult FakeBackend::verifyNumber(const std::string& unique_number, const std::optional<HolderClaim>& claim) {
    if (unique_number != kIssuedNumber) return verdict(false, "unknown", "no parchemin was issued with this number");
    VerifyResult result = verdict(true, "valid", "", {{"unique_number", kIssuedNumber}, {"holder", "Zoé Lefèvre"}});
    if (const auto withdrawal = currentWithdrawal()) {
        result.valid = false;
        result.status = "withdrawn";
        result.withdrawal = withdrawal;
    }
    if (claim) result.holder = claim->last_name == "Lefèvre" ? HolderMatch::Matches : HolderMatch::DoesNotMatch;
    return result;
}

VerifyResult FakeBackend::verifyCode(const std::string& code) {
    if (code != "DC04GOOD") return verdict(false, "bad_signature", "the signature does not match the printed fields");
    return verdict(true, "valid", "", {{"unique_number", kIssuedNumber}});
}

VerifyResult FakeBackend::verifyPicture(const std::string& picture) {
    if (picture == "PICTURE OF DC04GOOD") return verifyCode("DC04GOOD");
    return verdict(false, "unreadable_picture", "no DataMatrix code could be read on the picture");
}

std::optional<Perimeter> FakeBackend::parcheminPerimeter(const std::string& unique_number) {
    if (unique_number != kIssuedNumber) return std::nullopt;
    return kGironde;
}

WithdrawResult FakeBackend::withdraw(const std::string& unique_number, const WithdrawalRequest& request,
                                     const Caller& caller) {
    std::lock_guard lock(mutex_);
    if (withdrawal_) return {WithdrawResult::Outcome::AlreadyWithdrawn, *withdrawal_, {}};
    withdrawal_ = WithdrawalView{unique_number, request.date, request.reason, request.reason_public, caller,
                                 "2026-12-02T07:00:00Z"};
    return {WithdrawResult::Outcome::Recorded, *withdrawal_, {}};
}

std::optional<WithdrawalView> FakeBackend::currentWithdrawal() const {
    std::lock_guard lock(mutex_);
    return withdrawal_;
}

std::string FakeBackend::withdrawalList() { return R"({"format":"ceres-withdrawals/1","withdrawn":[]})"; }

QueueMetrics FakeBackend::queueMetrics() {
    QueueMetrics metrics;
    metrics.jobs_by_status = {{JobStatus::Queued, 2}, {JobStatus::Done, 5}};
    metrics.queue_depth = 2;
    metrics.pages_rendered = 120;
    metrics.render_seconds_by_kind["session_results"] = Histogram{{0.5, 1, 5}, {1, 3, 4}, 5, 7.25};
    return metrics;
}

std::vector<DependencyState> FakeBackend::readiness() {
    std::lock_guard lock(mutex_);
    std::vector<DependencyState> states;
    for (const char* name : {"database", "document_store"}) {
        const auto down = down_.find(name);
        states.push_back({name, down == down_.end(), down == down_.end() ? "" : down->second});
    }
    return states;
}

void FakeBackend::setDown(const std::string& dependency, const std::string& detail) {
    std::lock_guard lock(mutex_);
    down_[dependency] = detail;
}

void FakeBackend::holdReads() {
    std::lock_guard lock(mutex_);
    holding_reads_ = true;
}

void FakeBackend::releaseReads() {
    {
        std::lock_guard lock(mutex_);
        holding_reads_ = false;
    }
    reads_.notify_all();
}

bool FakeBackend::awaitHeldRead(std::chrono::milliseconds budget) {
    std::unique_lock lock(mutex_);
    return reads_.wait_for(lock, budget, [&] { return held_reads_ > 0; });
}

void FakeBackend::waitWhileHeld() {
    std::unique_lock lock(mutex_);
    ++held_reads_;
    reads_.notify_all();
    reads_.wait(lock, [&] { return !holding_reads_; });
    --held_reads_;
}

std::vector<std::pair<std::string, std::string>> FakeBackend::downloads() const {
    std::lock_guard lock(mutex_);
    return downloads_;
}

std::vector<std::string> FakeBackend::submittedTexts() const {
    std::lock_guard lock(mutex_);
    return submitted_;
}

}  // namespace ceres::http::testing
