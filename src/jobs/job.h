#pragma once
// The job envelope of CONTRACT.md, parsed from text with every malformed-input case turned into
// a Problem (never a crash).
#include <rapidjson/document.h>

#include <memory>

#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jobs/problem.h"

namespace ceres::jobs {

struct RequestedBy {
    std::string user;
    std::string profile;    // SERVICE, UD, DIRECCTE, CENTRE, DISPATCH, ACC
    std::string perimeter;  // FR, department, region or SIRET
};

struct Job {
    std::string kind;
    const rapidjson::Value* payload = nullptr;             // within `envelope`
    std::shared_ptr<const rapidjson::Document> envelope;  // the job's text, parsed once
    std::string idempotency_key;
    RequestedBy requested_by;
    std::string callback_url;
};

// Limits on what a caller may send; beyond them the job is refused as invalid input. The byte
// limit is the default of the max_job_bytes setting (Context::max_job_bytes).
inline constexpr std::size_t kMaxJobBytes = 16u * 1024u * 1024u;
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses the text of a job into a JSON object: empty input, a too large file, invalid UTF-8,
// malformed JSON, too deep nesting or a non-object root give a Problem.
std::variant<std::shared_ptr<const rapidjson::Document>, Problem> parseJsonObject(
    std::string_view text, std::size_t max_bytes = kMaxJobBytes);

// Reads the envelope fields of an already schema-valid job object.
Job jobFromEnvelope(std::shared_ptr<const rapidjson::Document> envelope);

}  // namespace ceres::jobs
