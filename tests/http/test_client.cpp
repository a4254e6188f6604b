#include "test_client.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

namespace ceres::http::testing {

Reply send(int port, const Request& request) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest http(request.method, request.path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!request.token.empty()) http.set("Authorization", "Bearer " + request.token);
    for (const auto& [name, value] : request.headers) http.set(name, value);
    if (request.method == "POST" || !request.body.empty()) {
        http.setContentType(request.content_type);
        http.setContentLength64(static_cast<Poco::Int64>(request.body.size()));
    }
    session.sendRequest(http) << request.body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply reply;
    reply.status = response.getStatus();
    reply.reason = response.getReason();
    Poco::StreamCopier::copyToString(in, reply.body);
    for (const auto& [name, value] : response) reply.headers.add(name, value);
    return reply;
}

std::string tokenFor(const std::string& profile, const std::string& perimeter, const std::string& sub) {
    return issueDevelopmentToken(kDevKey, sub, profile, perimeter, 3600, kNow);
}

TestServer::TestServer(std::size_t max_body_bytes) {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 4;
    options.max_body_bytes = max_body_bytes;
    options.auth.development_key = kDevKey;
    options.auth.clock = [] { return kNow; };
    server_ = std::make_unique<Server>(backend_, options);
    server_->start();
}

TestServer::~TestServer() { server_->stop(); }

Reply TestServer::get(const std::string& path, const std::string& token) const {
    return send(Request{"GET", path, token});
}

}  // namespace ceres::http::testing
