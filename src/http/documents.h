#pragma once
// Serving a document's bytes: conditional requests, byte ranges and the download file name.
#include <cstdint>
#include <optional>
#include <string>

#include "http/backend.h"
#include "http/exchange.h"

namespace ceres::http {

struct ByteRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;  // inclusive
};

struct RangeRequest {
    enum class Kind { Whole, Part, Unsatisfiable };
    Kind kind = Kind::Whole;
    ByteRange range;
};

// A single "bytes=a-b", "bytes=a-" or "bytes=-n" range, clipped to `size`. A header that is
// absent, malformed, or asks for several ranges gives the whole document (RFC 9110 lets a
// server ignore Range).
RangeRequest parseRange(const std::string& header, std::uint64_t size);

// attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded> (RFC 6266).
std::string contentDisposition(const std::string& file_name);

// Whether an If-None-Match value ("*", or a list of possibly weak tags) names `etag`.
bool etagMatches(const std::string& if_none_match, const std::string& etag);

// Answers 200, 206, 304 or 416 with the document's bytes, streamed from the backend, and records
// the download when bytes are sent.
void sendDocument(Exchange& exchange, Backend& backend, const DocumentView& document);

}  // namespace ceres::http
