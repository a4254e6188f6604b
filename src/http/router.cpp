#include "http/router.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace ceres::http {
namespace {

std::vector<std::string> segments(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto end = path.find('/', start);
        const auto stop = end == std::string::npos ? path.size() : end;
        parts.push_back(path.substr(start, stop - start));
        start = stop + 1;
    }
    return parts;
}

const std::string kGet = "GET";
const std::string kHead = "HEAD";

bool isPlaceholder(const std::string& segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

ClientError malformedPath(const std::string& why) {
    return ClientError(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "path", "malformed path: " + why);
}

bool isHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// Every % of the path starts a %XX escape, whether or not a route would decode it.
void checkEscapes(const std::string& path) {
    for (std::size_t at = path.find('%'); at != std::string::npos; at = path.find('%', at + 1)) {
        if (at + 2 >= path.size() || !isHex(path[at + 1]) || !isHex(path[at + 2])) {
            throw malformedPath("a % must be followed by two hexadecimal digits");
        }
    }
}

// A path segment with its %XX escapes decoded; a bad escape or a decoded control character is
// the client's error.
std::string decodedSegment(const std::string& segment) {
    std::string value;
    try {
        Poco::URI::decode(segment, value);
    } catch (const Poco::Exception&) {
        throw malformedPath("a % must be followed by two hexadecimal digits");
    }
    if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return c < 0x20 || c == 0x7F; })) {
        throw malformedPath("control characters are not allowed");
    }
    return value;
}

std::optional<std::map<std::string, std::string>> matchPattern(const std::string& pattern, const std::string& path) {
    const auto expected = segments(pattern);
    const auto actual = segments(path);
    if (expected.size() != actual.size()) return std::nullopt;
    std::map<std::string, std::string> params;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (isPlaceholder(expected[i])) {
            if (actual[i].empty()) return std::nullopt;
            params[expected[i].substr(1, expected[i].size() - 2)] = decodedSegment(actual[i]);
        } else if (expected[i] != actual[i]) {
            return std::nullopt;
        }
    }
    return params;
}

}  // namespace

void Router::add(Route route) { routes_.push_back(std::move(route)); }

// HEAD is GET without the body (RFC 9110, 9.3.2): every GET route answers it too.
RouteMatch Router::match(const std::string& method, const std::string& path) const {
    RouteMatch result;
    if (path.empty() || path.front() != '/') return result;
    checkEscapes(path);
    for (const auto& route : routes_) {
        auto params = matchPattern(route.pattern, path);
        if (!params) continue;
        if (route.method == method || (method == kHead && route.method == kGet)) {
            result.route = &route;
            result.params = std::move(*params);
            result.allowed_methods.clear();
            return result;
        }
        result.allowed_methods.push_back(route.method);
        if (route.method == kGet) result.allowed_methods.push_back(kHead);
    }
    return result;
}

}  // namespace ceres::http
