#pragma once
// The job of CONTRACT.md once checked: its kind, its envelope and its payload as the domain's own
// values, mapped once from the one parse of its text. Parsing turns every malformed-input case
// into a Problem (never a crash).
#include <rapidjson/document.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/dashboard.h"
#include "domain/model.h"
#include "domain/requests.h"
#include "jobs/claims.h"
#include "jobs/payload.h"
#include "jobs/problem.h"

namespace ceres::jobs {

// The job kinds, in the order of their payloads in `Payload`. Names, rules, renderers and
// perimeters are in the one table of kinds (kinds.h).
enum class Kind { SessionResults, Convocations, DteRequest, ParcheminsReprint, PrintBatch, JurorExport, Dashboard };

using Payload = std::variant<domain::SessionResultsPayload, domain::ConvocationsPayload, domain::DteRequestPayload,
                             domain::ParcheminsReprintPayload, domain::PrintBatchPayload,
                             domain::JurorExportPayload, domain::DashboardPayload>;

using domain::Requester;  // who asked for a job, as its envelope says (checked against the token)
using domain::Perimeter;

struct Job {
    Kind kind = Kind::SessionResults;
    Payload payload;        // names normalized (R-CAN-1) once the rules have passed
    PrintedFields printed;  // optional fields only the documents print
    std::string idempotency_key;
    Requester requested_by;
    std::string callback_url;
    // The parsed text; its payload object is what the printed-text check reads.
    std::shared_ptr<const rapidjson::Document> envelope;
    const rapidjson::Value* rawPayload() const;
};

// The kind's payload; the kind is the variant's, so a wrong type is a logic error.
template <typename T>
const T& payloadAs(const Job& job) {
    return std::get<T>(job.payload);
}

// Limits on what a caller may send; beyond them the job is refused as invalid input. The byte
// limit is the default of the max_job_bytes setting (Context::max_job_bytes).
inline constexpr std::size_t kMaxJobBytes = 16u * 1024u * 1024u;
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses the text of a job into a JSON object: empty input, a too large file, invalid UTF-8,
// malformed JSON, too deep nesting or a non-object root give a Problem.
std::variant<std::shared_ptr<const rapidjson::Document>, Problem> parseJsonObject(
    std::string_view text, std::size_t max_bytes = kMaxJobBytes);

// What the envelope claims, read before any check (claims.h).
Claims claimsOf(const rapidjson::Value& envelope);

// The typed job of an already schema-valid job object: its payload mapped to domain values.
Job typedJob(std::shared_ptr<const rapidjson::Document> envelope);

}  // namespace ceres::jobs
