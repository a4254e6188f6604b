#include "test_client.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <memory>

namespace ceres::http::testing {

namespace {

// Poco 1.11 has no source address setting: the socket is bound and connected here.
std::unique_ptr<Poco::Net::HTTPClientSession> sessionFrom(int port, const std::string& source_address) {
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (source_address.empty()) {
        session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", static_cast<Poco::UInt16>(port));
    } else {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress::IPv4);
        socket.impl()->bind(Poco::Net::SocketAddress(source_address, 0), false);
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
        session = std::make_unique<Poco::Net::HTTPClientSession>(socket);
    }
    session->setTimeout(Poco::Timespan(10, 0));
    return session;
}

Reply exchange(Poco::Net::HTTPClientSession& session, const Request& request) {
    Poco::Net::HTTPRequest http(request.method, request.path, Poco::Net::HTTPMessage::HTTP_1_1);
    http.setHost("127.0.0.1");
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

}  // namespace

Reply send(int port, const Request& request) {
    const auto session = sessionFrom(port, request.source_address);
    return exchange(*session, request);
}

std::vector<Reply> sendMany(int port, const std::string& source_address, const Request& request, int count) {
    const auto session = sessionFrom(port, source_address);
    session->setKeepAlive(true);
    std::vector<Reply> replies;
    for (int i = 0; i < count; ++i) replies.push_back(exchange(*session, request));
    return replies;
}

std::string tokenFor(const std::string& profile, const std::string& perimeter, const std::string& sub) {
    return issueDevelopmentToken(kDevKey, sub, profile, perimeter, 3600, kNow);
}

TestServer::TestServer(std::size_t max_body_bytes, const PublicOptions& public_options) {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 4;
    options.max_body_bytes = max_body_bytes;
    options.auth.development_key = kDevKey;
    options.public_api = public_options;
    options.auth.clock = [] { return kNow; };
    server_ = std::make_unique<Server>(backend_, options);
    server_->start();
}

TestServer::~TestServer() { server_->stop(); }

Reply TestServer::get(const std::string& path, const std::string& token) const {
    return send(Request{"GET", path, token});
}

}  // namespace ceres::http::testing
