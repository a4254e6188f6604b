#include "jobs/job.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/TextIterator.h>
#include <Poco/UTF8Encoding.h>

namespace ceres::jobs {
namespace {

Problem invalid(std::string message) { return Problem{"", "", std::move(message)}; }

// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t firstInvalidUtf8(std::string_view text) {
    std::size_t i = 0;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    while (i < text.size()) {
        const unsigned char c = bytes[i];
        const int length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || i + length > text.size() ||
            !Poco::UTF8Encoding::isLegal(bytes + i, length))
            return i;
        i += length;
    }
    return std::string_view::npos;
}

std::string stringOr(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o && o->has(key) && o->get(key).isString() ? o->getValue<std::string>(key) : std::string();
}

}  // namespace

std::variant<Poco::JSON::Object::Ptr, Problem> parseJsonObject(std::string_view text) {
    if (text.empty()) return invalid("the job is empty: expected a JSON object");
    if (text.size() > kMaxJobBytes)
        return invalid("the job is " + std::to_string(text.size()) + " bytes, more than the limit of " +
                       std::to_string(kMaxJobBytes) + " bytes");
    if (const auto at = firstInvalidUtf8(text); at != std::string_view::npos)
        return invalid("the job is not valid UTF-8 (byte offset " + std::to_string(at) + ")");
    try {
        Poco::JSON::Parser parser;
        parser.setDepth(kMaxJsonDepth);
        const auto value = parser.parse(std::string(text));
        if (value.type() != typeid(Poco::JSON::Object::Ptr))
            return invalid("the job must be a JSON object");
        return value.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        const std::string detail = e.message().empty() ? e.displayText() : e.message();
        if (detail.find("depth") != std::string::npos || detail.find("Depth") != std::string::npos)
            return invalid("the job nests JSON deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        return invalid("the job is not valid JSON: " + detail);
    }
}

Job jobFromEnvelope(const Poco::JSON::Object::Ptr& envelope) {
    Job job;
    job.envelope = envelope;
    job.kind = stringOr(envelope, "kind");
    job.payload = envelope->getObject("payload");
    job.idempotency_key = stringOr(envelope, "idempotency_key");
    job.callback_url = stringOr(envelope, "callback_url");
    if (const auto by = envelope->getObject("requested_by")) {
        job.requested_by = {stringOr(by, "user"), stringOr(by, "profile"), stringOr(by, "perimeter")};
    }
    return job;
}

}  // namespace ceres::jobs
