#include "http/documents.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <cctype>
#include <ostream>
#include <stdexcept>

namespace ceres::http {
namespace {

constexpr std::uint64_t kChunkBytes = 1u << 20;

std::optional<std::uint64_t> parseCount(const std::string& text) {
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
        return std::nullopt;
    }
    Poco::UInt64 value = 0;
    if (!Poco::NumberParser::tryParseUnsigned64(text, value)) return std::nullopt;
    return value;
}

RangeRequest part(std::uint64_t first, std::uint64_t last) {
    return RangeRequest{RangeRequest::Kind::Part, ByteRange{first, last}};
}

const RangeRequest kWhole{};
const RangeRequest kUnsatisfiable{RangeRequest::Kind::Unsatisfiable, {}};

bool isAttrChar(unsigned char c) {
    return std::isalnum(c) || c == '!' || c == '#' || c == '$' || c == '&' || c == '+' || c == '-' || c == '.' ||
           c == '^' || c == '_' || c == '`' || c == '|' || c == '~';
}

// Each UTF-8 sequence, quote, backslash or control character becomes one '_'.
std::string asciiFallback(const std::string& name) {
    std::string ascii;
    for (const unsigned char c : name) {
        const bool continuation = (c & 0xC0) == 0x80;
        if (continuation) continue;
        const bool plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
        ascii += plain ? static_cast<char>(c) : '_';
    }
    return ascii;
}

std::string percentEncoded(const std::string& name) {
    static const char* const kHex = "0123456789ABCDEF";
    std::string encoded;
    for (const unsigned char c : name) {
        if (isAttrChar(c)) {
            encoded += static_cast<char>(c);
        } else {
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 0x0F];
        }
    }
    return encoded;
}

std::string quotedEtag(const std::string& sha256) { return "\"" + sha256 + "\""; }

std::string readChunk(Backend& backend, const std::string& id, std::uint64_t offset, std::uint64_t last) {
    const std::uint64_t length = std::min(kChunkBytes, last - offset + 1);
    std::string bytes = backend.readDocument(id, offset, length);
    if (bytes.size() != length) throw std::runtime_error("document " + id + ": short read from the store");
    return bytes;
}

// The first chunk is read before the headers go out, so that a store failure can still be
// answered with a clean 500.
void streamBytes(Exchange& exchange, Backend& backend, const std::string& id, ByteRange range) {
    std::string chunk = readChunk(backend, id, range.first, range.last);
    std::ostream& out = exchange.response.send();
    std::uint64_t offset = range.first;
    while (true) {
        out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        offset += chunk.size();
        if (offset > range.last || !out.good()) return;
        chunk = readChunk(backend, id, offset, range.last);
    }
}

// If-Range with anything but our current tag means the client's copy is stale: send it all.
bool rangeStillApplies(const Poco::Net::HTTPServerRequest& request, const std::string& etag) {
    return !request.has("If-Range") || Poco::trim(request.get("If-Range")) == etag;
}

}  // namespace

RangeRequest parseRange(const std::string& header, std::uint64_t size) {
    const std::string value = Poco::trim(header);
    const std::string unit = "bytes=";
    if (value.compare(0, unit.size(), unit) != 0) return kWhole;
    const std::string spec = Poco::trim(value.substr(unit.size()));
    const auto dash = spec.find('-');
    if (spec.find(',') != std::string::npos || dash == std::string::npos) return kWhole;
    const std::string first_text = Poco::trim(spec.substr(0, dash));
    const std::string last_text = Poco::trim(spec.substr(dash + 1));
    const auto first = parseCount(first_text);
    const auto last = parseCount(last_text);
    if ((!first && !first_text.empty()) || (!last && !last_text.empty()) || (!first && !last)) return kWhole;
    if (!first) {  // suffix: the last n bytes
        if (*last == 0 || size == 0) return kUnsatisfiable;
        return part(size - std::min(*last, size), size - 1);
    }
    if (last && *last < *first) return kWhole;
    if (*first >= size) return kUnsatisfiable;
    return part(*first, last ? std::min(*last, size - 1) : size - 1);
}

std::string contentDisposition(const std::string& file_name) {
    return "attachment; filename=\"" + asciiFallback(file_name) + "\"; filename*=UTF-8''" + percentEncoded(file_name);
}

bool etagMatches(const std::string& if_none_match, const std::string& etag) {
    std::size_t start = 0;
    while (start <= if_none_match.size()) {
        const auto comma = if_none_match.find(',', start);
        std::string tag = Poco::trim(if_none_match.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (tag == "*") return true;
        if (tag.compare(0, 2, "W/") == 0) tag = tag.substr(2);
        if (tag == etag) return true;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return false;
}

void sendDocument(Exchange& exchange, Backend& backend, const DocumentView& document) {
    auto& response = exchange.response;
    const std::string etag = quotedEtag(document.sha256);
    response.set("ETag", etag);
    response.set("Accept-Ranges", "bytes");
    response.set("Cache-Control", "private, no-cache");
    const auto& request = exchange.request;
    if (request.has("If-None-Match") && etagMatches(request.get("If-None-Match"), etag)) {
        beginResponse(exchange, Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
        response.setContentLength(0);
        response.send();
        return;
    }
    RangeRequest range;
    if (request.has("Range") && rangeStillApplies(request, etag)) range = parseRange(request.get("Range"), document.size);
    if (range.kind == RangeRequest::Kind::Unsatisfiable) {
        response.set("Content-Range", "bytes */" + std::to_string(document.size));
        sendError(exchange, Poco::Net::HTTPResponse::HTTP_REQUESTED_RANGE_NOT_SATISFIABLE, "range",
                  "the requested range is outside the document");
        return;
    }
    response.setContentType(document.mime);
    response.set("Content-Disposition", contentDisposition(document.file_name));
    ByteRange bytes{0, document.size == 0 ? 0 : document.size - 1};
    if (range.kind == RangeRequest::Kind::Part) {
        bytes = range.range;
        beginResponse(exchange, Poco::Net::HTTPResponse::HTTP_PARTIAL_CONTENT);
        response.set("Content-Range", "bytes " + std::to_string(bytes.first) + "-" + std::to_string(bytes.last) + "/" +
                                          std::to_string(document.size));
    } else {
        beginResponse(exchange, Poco::Net::HTTPResponse::HTTP_OK);
    }
    const std::uint64_t length = document.size == 0 ? 0 : bytes.last - bytes.first + 1;
    response.setContentLength64(static_cast<Poco::Int64>(length));
    // HEAD: the headers of the download and no byte, so no download to record.
    if (exchange.request.getMethod() == Poco::Net::HTTPRequest::HTTP_HEAD) {
        response.send();
        return;
    }
    // Recorded before any byte leaves: no download goes unaudited, even if the audit fails.
    backend.recordDownload(*exchange.caller, document.id);
    if (length == 0) {
        response.send();
        return;
    }
    streamBytes(exchange, backend, document.id, bytes);
}

}  // namespace ceres::http
