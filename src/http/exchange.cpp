#include "http/exchange.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/String.h>

#include <algorithm>
#include <chrono>
#include <istream>
#include <sstream>

namespace ceres::http {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kMaxDiscardBytes = 4 * 1024 * 1024;

bool hasBody(const Poco::Net::HTTPServerRequest& request) {
    return request.getChunkedTransferEncoding() ||
           (request.hasContentLength() && request.getContentLength64() > 0);
}

// A body slower than the pace allows holds a thread for nothing: 408, and the connection closes
// without reading the rest.
void checkBodyPace(Exchange& exchange, std::chrono::steady_clock::time_point started, std::size_t received) {
    const auto& pace = exchange.body_pace;
    const auto allowed = pace.grace + std::chrono::milliseconds(received * 1000 / std::max<std::size_t>(1, pace.min_bytes_per_second));
    if (std::chrono::steady_clock::now() - started <= allowed) return;
    exchange.body_consumed = true;
    exchange.response.setKeepAlive(false);
    throw ClientError(Poco::Net::HTTPResponse::HTTP_REQUEST_TIMEOUT, "body_timeout",
                      "the request body arrives slower than " + std::to_string(pace.min_bytes_per_second) +
                          " bytes a second");
}

}  // namespace

std::string mediaTypeOf(const Poco::Net::HTTPServerRequest& request) {
    const std::string& content_type = request.getContentType();
    return Poco::toLower(Poco::trim(content_type.substr(0, content_type.find(';'))));
}

std::string readBody(Exchange& exchange, std::size_t max_bytes, const std::vector<std::string>& accepted) {
    auto& request = exchange.request;
    const std::string type = mediaTypeOf(request);
    bool acceptable = false;
    for (const auto& a : accepted) acceptable = acceptable || type == a;
    if (!acceptable) {
        throw ClientError(Poco::Net::HTTPResponse::HTTP_UNSUPPORTEDMEDIATYPE, "content_type",
                          "the request body must be " + Poco::cat(std::string(" or "), accepted.begin(), accepted.end()));
    }
    const std::string too_large = "the request body exceeds " + std::to_string(max_bytes) + " bytes";
    if (request.hasContentLength() && static_cast<std::uint64_t>(request.getContentLength64()) > max_bytes) {
        throw ClientError(Poco::Net::HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, "body_size", too_large);
    }
    std::string body;
    char chunk[kChunkBytes];
    auto& stream = request.stream();
    const auto started = std::chrono::steady_clock::now();
    // peek() reads from the socket once at most; readsome() takes what that read brought.
    while (stream.peek() != std::char_traits<char>::eof()) {
        body.append(chunk, static_cast<std::size_t>(stream.readsome(chunk, sizeof chunk)));
        if (body.size() > max_bytes) {
            throw ClientError(Poco::Net::HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, "body_size", too_large);
        }
        checkBodyPace(exchange, started, body.size());
    }
    exchange.body_consumed = true;
    return body;
}

void beginResponse(Exchange& exchange, Status status) {
    exchange.response.setStatusAndReason(status);
    if (!exchange.body_consumed && hasBody(exchange.request)) exchange.response.setKeepAlive(false);
}

void discardUnreadBody(Exchange& exchange) {
    if (exchange.body_consumed || !hasBody(exchange.request)) return;
    char chunk[kChunkBytes];
    auto& stream = exchange.request.stream();
    for (std::size_t discarded = 0; discarded < kMaxDiscardBytes && stream.read(chunk, sizeof chunk);) {
        discarded += static_cast<std::size_t>(stream.gcount());
    }
    exchange.body_consumed = true;
}

void sendJson(Exchange& exchange, Status status, const std::string& json) {
    beginResponse(exchange, status);
    exchange.response.setContentType("application/json; charset=utf-8");
    exchange.response.setContentLength64(static_cast<Poco::Int64>(json.size()));
    exchange.response.send() << json;
}

Poco::JSON::Array problemsArray(const std::vector<jobs::Problem>& problems) {
    Poco::JSON::Array errors;
    for (const auto& p : problems) {
        Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
        error.set("pointer", p.pointer);
        error.set("rule", p.rule);
        error.set("message", p.message);
        errors.add(error);
    }
    return errors;
}

std::string problemsJson(const std::vector<jobs::Problem>& problems) {
    Poco::JSON::Object root;
    root.set("errors", problemsArray(problems));
    std::ostringstream out;
    root.stringify(out);
    return out.str();
}

void sendProblems(Exchange& exchange, Status status, const std::vector<jobs::Problem>& problems) {
    sendJson(exchange, status, problemsJson(problems));
}

void sendError(Exchange& exchange, Status status, const std::string& rule, const std::string& message) {
    sendProblems(exchange, status, {jobs::Problem{"", rule, message}});
}

}  // namespace ceres::http
