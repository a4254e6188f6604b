#pragma once
// One request and its response as the endpoints see them, with the replies they all share.
#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/caller.h"
#include "jobs/problem.h"

namespace ceres::http {

using Status = Poco::Net::HTTPResponse::HTTPStatus;

// How fast a request body must come: after `grace`, at least `min_bytes_per_second` on average.
struct BodyPace {
    std::chrono::milliseconds grace{10'000};
    std::size_t min_bytes_per_second = 1024;
};

struct Exchange {
    Poco::Net::HTTPServerRequest& request;
    Poco::Net::HTTPServerResponse& response;
    std::string request_id;
    std::map<std::string, std::string> params{};  // from the route's {placeholders}
    std::optional<Caller> caller{};             // set on authenticated routes
    bool body_consumed = false;
    BodyPace body_pace{};

    const std::string& param(const std::string& name) const { return params.at(name); }
};

// A request the client must fix, answered with `status` and one problem naming `rule`.
class ClientError : public std::runtime_error {
public:
    ClientError(Status status, std::string rule, const std::string& message)
        : std::runtime_error(message), status_(status), rule_(std::move(rule)) {}
    Status status() const { return status_; }
    const std::string& rule() const { return rule_; }

private:
    Status status_;
    std::string rule_;
};

// The request's media type, lower case, without parameters.
std::string mediaTypeOf(const Poco::Net::HTTPServerRequest& request);

// The request body, at most `max_bytes` (413 beyond), at the exchange's body pace (408 when
// slower). The media type must be one of `accepted` (415 otherwise); parameters such as charset
// are ignored.
std::string readBody(Exchange& exchange, std::size_t max_bytes, const std::vector<std::string>& accepted);

// Sets the status and, when the request body was left unread, closes the connection after the
// response: the unread bytes must not be taken for the next request.
void beginResponse(Exchange& exchange, Status status);

// After a response that left the request body unread: reads and drops what the client is still
// sending, up to a bound, so that closing the connection does not reset it before the client
// has read the response. A larger remainder is cut off.
void discardUnreadBody(Exchange& exchange);

void sendJson(Exchange& exchange, Status status, const std::string& json);
// {"errors":[{"pointer":…,"rule":…,"message":…}]}
void sendProblems(Exchange& exchange, Status status, const std::vector<jobs::Problem>& problems);
void sendError(Exchange& exchange, Status status, const std::string& rule, const std::string& message);
std::string problemsJson(const std::vector<jobs::Problem>& problems);
Poco::JSON::Array problemsArray(const std::vector<jobs::Problem>& problems);

}  // namespace ceres::http
