#include "http/endpoints.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>
#include <tuple>

#include "domain/codes.h"
#include "http/access.h"
#include "http/documents.h"

namespace ceres::http {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Net::HTTPResponse;

const std::string kJsonType = "application/json";

Object ordered() { return Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string text(const Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

Object documentJson(const DocumentView& document) {
    Object json = ordered();
    json.set("id", document.id);
    json.set("kind", document.kind);
    json.set("file_name", document.file_name);
    json.set("mime", document.mime);
    if (document.pages > 0) json.set("pages", document.pages);
    json.set("size", static_cast<Poco::UInt64>(document.size));
    json.set("sha256", document.sha256);
    if (!document.unique_number.empty()) json.set("unique_number", document.unique_number);
    json.set("url", "/v1/documents/" + document.id);
    return json;
}

Array documentsJson(const std::vector<DocumentView>& documents) {
    Array array;
    for (const auto& d : documents) array.add(documentJson(d));
    return array;
}

Object jobSummaryJson(const JobView& job) {
    Object json = ordered();
    json.set("id", job.id);
    json.set("status", std::string(toString(job.status)));
    return json;
}

Object jobJson(const JobView& job) {
    Object json = jobSummaryJson(job);
    json.set("kind", job.kind);
    json.set("attempts", job.attempts);
    json.set("lease_losses", job.lease_losses);
    Object progress = ordered();
    progress.set("pages_done", job.pages_done);
    progress.set("pages_total", job.pages_total);
    json.set("progress", progress);
    json.set("errors", problemsArray(job.errors));
    Array warnings;
    for (const auto& warning : job.warnings) warnings.add(warning);
    json.set("warnings", warnings);
    json.set("documents", documentsJson(job.documents));
    Object requested_by = ordered();
    requested_by.set("user", job.requested_by.user);
    requested_by.set("profile", std::string(domain::code(job.requested_by.profile)));
    requested_by.set("perimeter", job.requested_by.perimeter);
    json.set("requested_by", requested_by);
    return json;
}

Object printBatchJson(const PrintBatchView& batch) {
    Object json = ordered();
    json.set("id", batch.id);
    json.set("ud", batch.ud_code);
    json.set("issued_from", batch.issued_from);
    json.set("issued_to", batch.issued_to);
    json.set("acknowledged", batch.acknowledged);
    json.set("merged", documentJson(batch.merged));
    json.set("manifests", documentsJson(batch.manifests));
    return json;
}

std::string profileName(const Caller& caller) { return std::string(domain::code(caller.profile)); }

void forbidden(const std::string& message) {
    throw ClientError(HTTPResponse::HTTP_FORBIDDEN, "profile", message);
}

void notFound(const std::string& what) {
    throw ClientError(HTTPResponse::HTTP_NOT_FOUND, "not_found", "no such " + what);
}

// A CENTRE submits in its own name and for its own SIRET only. What the body does not say is
// left to the schema check, which names it.
void checkCentreJob(const Caller& caller, const jobs::Claims& job) {
    if (!job.kind.empty() && !maySubmitKind(caller, job.kind)) {
        forbidden("a " + profileName(caller) + " may not submit " + job.kind + " jobs");
    }
    if (!job.centre_siret.empty() && job.centre_siret != caller.perimeter) {
        throw ClientError(HTTPResponse::HTTP_FORBIDDEN, "perimeter", "the job's centre is outside your perimeter");
    }
    for (const auto& [field, claimed, expected] :
         {std::tuple{"user", job.user, caller.user}, {"profile", job.profile, profileName(caller)},
          {"perimeter", job.perimeter, caller.perimeter}}) {
        if (!claimed.empty() && claimed != expected) {
            throw ClientError(HTTPResponse::HTTP_FORBIDDEN, "requested_by",
                              std::string("requested_by.") + field + " does not match your token");
        }
    }
}

}  // namespace

Endpoints::Endpoints(Backend& backend, const RequestMetrics& metrics, std::size_t max_body_bytes,
                     int retry_after_seconds, const PublicOptions& public_options)
    : backend_(backend),
      metrics_(metrics),
      max_body_bytes_(max_body_bytes),
      retry_after_seconds_(retry_after_seconds),
      verification_(backend, public_options) {}

void Endpoints::install(Router& router) {
    const auto to = [this](void (Endpoints::*handler)(Exchange&)) {
        return [this, handler](Exchange& exchange) { (this->*handler)(exchange); };
    };
    using A = Access;
    router.add({"POST", "/v1/jobs", A::Authenticated, to(&Endpoints::submitJob)});
    router.add({"GET", "/v1/jobs/{id}", A::Authenticated, to(&Endpoints::getJob)});
    router.add({"GET", "/v1/documents/{id}", A::Authenticated, to(&Endpoints::getDocument)});
    router.add({"GET", "/v1/sessions/{session_id}/documents", A::Authenticated, to(&Endpoints::getSessionDocuments)});
    router.add({"GET", "/v1/print-batches/{id}", A::Authenticated, to(&Endpoints::getPrintBatch)});
    router.add({"POST", "/v1/print-batches/{id}/ack", A::Authenticated, to(&Endpoints::acknowledgePrintBatch)});
    verification_.install(router);
    router.add({"GET", "/healthz", A::Public, to(&Endpoints::health)});
    router.add({"GET", "/readyz", A::Public, to(&Endpoints::readiness)});
    router.add({"GET", "/metrics", A::Public, to(&Endpoints::metrics)});
}

void Endpoints::submitJob(Exchange& exchange) {
    const Caller& caller = *exchange.caller;
    if (!maySubmitJobs(caller)) forbidden("a " + profileName(caller) + " may not submit jobs");
    const std::string body = readBody(exchange, max_body_bytes_, {kJsonType});
    Backend::Admission admit;
    if (caller.profile != domain::Profile::Service) admit = [&caller](const jobs::Claims& claims) { checkCentreJob(caller, claims); };
    const SubmitResult result = backend_.submitJob(body, caller, admit);
    switch (result.outcome) {
    case SubmitResult::Outcome::Accepted:
        exchange.response.set("Location", "/v1/jobs/" + result.job.id);
        return sendJson(exchange, HTTPResponse::HTTP_ACCEPTED, text(jobSummaryJson(result.job)));
    case SubmitResult::Outcome::Duplicate:
        if (!mayReadJob(caller, result.job.requested_by)) {
            throw ClientError(HTTPResponse::HTTP_CONFLICT, "idempotency_key",
                              "this idempotency key is already used by another submitter");
        }
        exchange.response.set("Location", "/v1/jobs/" + result.job.id);
        return sendJson(exchange, HTTPResponse::HTTP_OK, text(jobJson(result.job)));
    case SubmitResult::Outcome::Invalid:
        return sendProblems(exchange, HTTPResponse::HTTP_BAD_REQUEST, result.problems);
    case SubmitResult::Outcome::Refused:
        return sendProblems(exchange, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, result.problems);
    }
}

void Endpoints::getJob(Exchange& exchange) {
    const Caller& caller = *exchange.caller;
    if (!mayReadJobs(caller)) forbidden("a " + profileName(caller) + " may not read jobs");
    const auto job = backend_.findJob(exchange.param("id"));
    if (!job || !mayReadJob(caller, job->requested_by)) notFound("job");
    sendJson(exchange, HTTPResponse::HTTP_OK, text(jobJson(*job)));
}

void Endpoints::getDocument(Exchange& exchange) {
    const auto meta = backend_.findDocument(exchange.param("id"));
    if (!meta || !mayReadDocument(*exchange.caller, meta->document.kind, meta->perimeter)) notFound("document");
    sendDocument(exchange, backend_, meta->document);
}

void Endpoints::getSessionDocuments(Exchange& exchange) {
    const std::string& session_id = exchange.param("session_id");
    std::vector<DocumentView> visible;
    for (const auto& meta : backend_.latestSessionDocuments(session_id)) {
        if (mayReadDocument(*exchange.caller, meta.document.kind, meta.perimeter)) visible.push_back(meta.document);
    }
    if (visible.empty()) notFound("session");
    Object json = ordered();
    json.set("session_id", session_id);
    json.set("documents", documentsJson(visible));
    sendJson(exchange, HTTPResponse::HTTP_OK, text(json));
}

void Endpoints::getPrintBatch(Exchange& exchange) {
    if (!mayUsePrintBatches(*exchange.caller)) forbidden("print batches are for the dispatch service");
    const auto batch = backend_.findPrintBatch(exchange.param("id"));
    if (!batch) notFound("print batch");
    sendJson(exchange, HTTPResponse::HTTP_OK, text(printBatchJson(*batch)));
}

// Acknowledging twice is harmless: the batch stays acknowledged.
void Endpoints::acknowledgePrintBatch(Exchange& exchange) {
    if (!mayUsePrintBatches(*exchange.caller)) forbidden("print batches are for the dispatch service");
    auto batch = backend_.findPrintBatch(exchange.param("id"));
    if (!batch) notFound("print batch");
    if (!batch->acknowledged) backend_.acknowledgePrintBatch(batch->id);
    batch->acknowledged = true;
    sendJson(exchange, HTTPResponse::HTTP_OK, text(printBatchJson(*batch)));
}

void Endpoints::health(Exchange& exchange) { sendJson(exchange, HTTPResponse::HTTP_OK, R"({"status":"ok"})"); }

// 200 when every dependency answers, else 503 naming the ones that do not.
void Endpoints::readiness(Exchange& exchange) {
    Object json = ordered();
    Object checks = ordered();
    Array down;
    for (const auto& dependency : backend_.readiness()) {
        Object check = ordered();
        check.set("ready", dependency.ready);
        if (!dependency.ready) {
            check.set("detail", dependency.detail);
            down.add(dependency.name);
        }
        checks.set(dependency.name, check);
    }
    const bool ready = down.size() == 0;
    json.set("status", std::string(ready ? "ready" : "unavailable"));
    json.set("down", down);
    json.set("checks", checks);
    if (!ready) exchange.response.set("Retry-After", std::to_string(retry_after_seconds_));
    sendJson(exchange, ready ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_SERVICE_UNAVAILABLE, text(json));
}

void Endpoints::metrics(Exchange& exchange) {
    const std::string body = metrics_.render(backend_.queueMetrics());
    beginResponse(exchange, HTTPResponse::HTTP_OK);
    exchange.response.setContentType("text/plain; version=0.0.4; charset=utf-8");
    exchange.response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    exchange.response.send() << body;
}

}  // namespace ceres::http
