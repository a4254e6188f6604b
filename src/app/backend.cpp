#include "app/backend.h"

#include <Poco/Data/Session.h>
#include <Poco/JSON/Parser.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <variant>

#include "domain/codes.h"
#include "jobs/kinds.h"
#include "queue/job_queue.h"
#include "store/store.h"

namespace ceres::app {
namespace {

http::DocumentView viewOf(const store::DocumentInfo& d) {
    return {d.id, d.kind, d.file_name, d.mime, d.pages, d.size, d.sha256, d.unique_number};
}

http::DocumentMeta metaOf(const store::DocumentInfo& d) { return {viewOf(d), d.perimeter}; }

std::vector<jobs::Problem> problemsOf(const std::string& errors_json) {
    std::vector<jobs::Problem> problems;
    if (errors_json.empty()) return problems;
    try {
        const auto root = Poco::JSON::Parser().parse(errors_json).extract<Poco::JSON::Object::Ptr>();
        const auto errors = root->getArray("errors");
        for (std::size_t i = 0; errors && i < errors->size(); ++i) {
            const auto e = errors->getObject(i);
            problems.push_back({e->optValue<std::string>("pointer", ""),
                                e->isNull("rule") ? "" : e->optValue<std::string>("rule", ""),
                                e->optValue<std::string>("message", "")});
        }
    } catch (const Poco::Exception&) {
        problems.push_back({"", "", "the job failed"});
    }
    return problems;
}

// The job without its documents: what a job just queued has.
http::JobView jobViewOf(const queue::Job& job) {
    http::JobView v;
    v.id = job.id;
    v.kind = job.kind;
    v.status = job.status;
    v.attempts = job.attempts;
    v.lease_losses = job.lease_losses;
    v.warnings = job.warnings;
    if (job.status != queue::JobStatus::Done) v.errors = problemsOf(job.last_error);
    v.pages_done = job.pages_done;
    v.pages_total = job.pages_total;
    v.requested_by = job.requested_by;
    return v;
}

http::JobView jobViewOf(const queue::Job& job, store::DocumentStore& documents) {
    http::JobView v = jobViewOf(job);
    for (const auto& d : documents.ofJob(job.id)) v.documents.push_back(viewOf(d));
    return v;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

http::Histogram histogramOf(const queue::RenderFigures& figures) {
    http::Histogram h;
    for (std::size_t i = 0; i < queue::kRenderBucketsMs.size(); ++i) {
        h.upper_bounds.push_back(static_cast<double>(queue::kRenderBucketsMs[i]) / 1000.0);
        h.counts.push_back(static_cast<std::uint64_t>(figures.at_most[i]));
    }
    h.count = static_cast<std::uint64_t>(figures.count);
    h.sum = static_cast<double>(figures.total_ms) / 1000.0;
    return h;
}

// Whether `directory` (or, before the first document, the var directory it will be made in)
// can take new files: a writable directory on a file system with space left.
std::string fileStoreProblem(const std::filesystem::path& directory) {
    std::error_code error;
    const auto where = std::filesystem::exists(directory, error) ? directory : directory.parent_path();
    if (!std::filesystem::is_directory(where, error)) return where.string() + " is not a directory";
    if (::access(where.c_str(), W_OK | X_OK) != 0) return where.string() + " is not writable";
    struct statvfs space {};
    if (::statvfs(where.c_str(), &space) == 0 && space.f_bavail == 0) return "no space left in " + where.string();
    return {};
}

}  // namespace

http::ServerOptions httpOptions(const Config& config) {
    http::ServerOptions options;
    options.port = config.port;
    options.threads = config.http_threads;
    options.connections.max_connections = static_cast<std::size_t>(config.http_max_connections);
    options.connections.max_per_address = static_cast<std::size_t>(config.http_connections_per_address);
    options.connections.header_timeout = std::chrono::seconds(config.http_header_timeout_seconds);
    options.connections.keep_alive_timeout = std::chrono::seconds(config.http_keep_alive_seconds);
    options.auth.development_key = config.dev_jwt_key;
    options.public_api.rate_limit.per_second = config.public_rate_per_minute / 60.0;
    options.public_api.rate_limit.burst = config.public_burst;
    options.public_api.max_picture_bytes = static_cast<std::size_t>(config.max_picture_bytes);
    try {
        options.public_api.trusted_proxies = http::TrustedProxies::parse(config.trusted_proxies);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(std::string("setting trusted_proxies: ") + e.what());
    }
    options.max_body_bytes = static_cast<std::size_t>(config.max_job_bytes);
    std::stringstream list(config.jwt_public_keys);
    std::string file;
    while (std::getline(list, file, ','))
        if (!file.empty()) options.auth.public_keys_pem.push_back(readFile(file));
    return options;
}

ServiceBackend::ServiceBackend(Runtime& runtime)
    : runtime_(runtime), verification_(runtime.store(), runtime.verifier(), runtime.sealer()) {}

// Each pooled session may be one the database already closed (a failed query drops it from the
// pool), so the query is tried until one answers or a new session could not be opened.
ServiceBackend::DatabaseState ServiceBackend::probeDatabase() {
    DatabaseState state;
    const int attempts = runtime_.store().database().config().pool_size + 1;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        try {
            auto connection = runtime_.store().database().connect();
            int one = 0;
            connection.session() << "SELECT 1", Poco::Data::Keywords::into(one), Poco::Data::Keywords::now;
            state.problem.clear();
            return state;
        } catch (const std::exception& e) {
            state.problem = e.what();
            state.broken_session_seen = true;
        }
    }
    return state;
}

// A failure while the database does not answer, or just after a session of it was found
// broken, is the database's: 503, worth a retry.
template <typename Work>
auto ServiceBackend::guarded(Work&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const std::exception& e) {
        const DatabaseState database = probeDatabase();
        if (!database.problem.empty()) {
            throw http::Unavailable(std::string(e.what()) + " (database: " + database.problem + ")");
        }
        if (database.broken_session_seen) throw http::Unavailable(std::string(e.what()) + " (a database session was broken)");
        throw;
    }
}

std::vector<http::DependencyState> ServiceBackend::readiness() {
    const std::string database = probeDatabase().problem;
    std::string documents;
    if (runtime_.store().database().backend() == store::Backend::PostgreSQL) {
        if (!database.empty()) documents = "document bytes live in the database, which does not answer";
    } else {
        documents = fileStoreProblem(runtime_.config().var_dir / "docs");
    }
    return {{"database", database.empty(), database}, {"document_store", documents.empty(), documents}};
}

http::SubmitResult ServiceBackend::submitJob(const std::string& job_text, const http::Caller& caller,
                                             const Admission& admit) {
    return guarded([&] {
        http::SubmitResult result;
        const jobs::Pipeline::Checked checked = runtime_.pipeline().check(job_text, admit);
        if (checked.outcome.verdict != jobs::Verdict::Done) {
            result.outcome = checked.outcome.verdict == jobs::Verdict::Refused ? http::SubmitResult::Outcome::Refused
                                                                               : http::SubmitResult::Outcome::Invalid;
            result.problems = checked.outcome.problems;
            return result;
        }
        const jobs::Job& job = *checked.job;
        // Who asked is the verified token, not what the body claims.
        const queue::Submission submission =
            runtime_.queue().submit({std::string(jobs::nameOf(job.kind)), job_text, job.idempotency_key,
                                     caller, job.callback_url});
        if (submission.created) {
            result.outcome = http::SubmitResult::Outcome::Accepted;
            result.job = jobViewOf(submission.job);
        } else {
            result.outcome = http::SubmitResult::Outcome::Duplicate;
            result.job = jobViewOf(submission.job, runtime_.store().documents());
        }
        return result;
    });
}

std::optional<http::JobView> ServiceBackend::findJob(const std::string& job_id) {
    return guarded([&]() -> std::optional<http::JobView> {
        const auto job = runtime_.queue().get(job_id);
        if (!job) return std::nullopt;
        return jobViewOf(*job, runtime_.store().documents());
    });
}

std::optional<http::DocumentMeta> ServiceBackend::findDocument(const std::string& document_id) {
    return guarded([&]() -> std::optional<http::DocumentMeta> {
        const auto info = runtime_.store().documents().find(document_id);
        if (!info) return std::nullopt;
        return metaOf(*info);
    });
}

std::string ServiceBackend::readDocument(const std::string& document_id, std::uint64_t offset, std::uint64_t length) {
    return guarded([&] {
        const auto stored = runtime_.store().documents().get(document_id, store::ByteRange{offset, length});
        if (!stored) throw std::runtime_error("document " + document_id + " vanished while being read");
        return stored->bytes;
    });
}

std::vector<http::DocumentMeta> ServiceBackend::latestSessionDocuments(const std::string& session_id) {
    return guarded([&] {
        std::vector<http::DocumentMeta> out;
        for (const auto& d : runtime_.store().documents().latestOfSession(session_id)) out.push_back(metaOf(d));
        return out;
    });
}

void ServiceBackend::recordDownload(const http::Caller& caller, const std::string& document_id) {
    return guarded([&] {
        runtime_.store().downloads().record(
            {document_id, caller.user, std::string(domain::code(caller.profile)), caller.perimeter,
             runtime_.store().database().now()});
    });
}

std::optional<http::PrintBatchView> ServiceBackend::findPrintBatch(const std::string& batch_id) {
    return guarded([&]() -> std::optional<http::PrintBatchView> {
        const auto batch = runtime_.store().parchemins().findBatch(batch_id);
        if (!batch) return std::nullopt;
        http::PrintBatchView view{batch->id, batch->ud_code, batch->issued_from, batch->issued_to, batch->acknowledged, {}, {}};
        // The print_batch job stores its documents under the batch id (jobs/parchemins.cpp).
        for (const auto& d : runtime_.store().documents().latestOfSession(batch_id)) {
            if (d.kind == "print_batch")
                view.merged = viewOf(d);
            else
                view.manifests.push_back(viewOf(d));
        }
        return view;
    });
}

bool ServiceBackend::acknowledgePrintBatch(const std::string& batch_id) {
    return guarded([&] {
        return runtime_.store().parchemins().acknowledgeBatch(batch_id);
    });
}

http::VerifyResult ServiceBackend::verifyNumber(const std::string& unique_number,
                                                const std::optional<http::HolderClaim>& claim) {
    return guarded([&] { return verification_.byNumber(unique_number, claim); });
}

http::VerifyResult ServiceBackend::verifyCode(const std::string& code) {
    return guarded([&] { return verification_.byCode(code); });
}

http::VerifyResult ServiceBackend::verifyPicture(const std::string& picture) {
    return guarded([&] { return verification_.byPicture(picture); });
}

std::optional<http::Perimeter> ServiceBackend::parcheminPerimeter(const std::string& unique_number) {
    return guarded([&] { return verification_.perimeterOf(unique_number); });
}

http::WithdrawResult ServiceBackend::withdraw(const std::string& unique_number, const http::WithdrawalRequest& request,
                                              const http::Caller& caller) {
    return guarded([&] { return verification_.withdraw(unique_number, request, caller); });
}

std::string ServiceBackend::withdrawalList() {
    return guarded([&] { return verification_.signedWithdrawalList(); });
}

http::QueueMetrics ServiceBackend::queueMetrics() {
    return guarded([&] {
        http::QueueMetrics m;
        const auto counts = runtime_.queue().counts();
        for (const auto& [status, n] : counts.by_status) m.jobs_by_status[status] = n;
        m.queue_depth = counts.ready;
        for (const auto& [kind, figures] : counts.done_by_kind) {
            m.render_seconds_by_kind[kind] = histogramOf(figures);
            m.pages_rendered += figures.pages;
        }
        return m;
    });
}

}  // namespace ceres::app
