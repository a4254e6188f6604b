#pragma once
// Requests to the in-process server on 127.0.0.1, and a server with the fake backend.
#include <Poco/Net/NameValueCollection.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "fake_backend.h"
#include "http/server.h"

namespace ceres::http::testing {

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;
inline const std::string kDevKey = "development-key-for-tests-only";
// The server's clock: tokens are issued relative to it.
inline const std::chrono::system_clock::time_point kNow = std::chrono::system_clock::from_time_t(1'780'000'000);

struct Reply {
    int status = 0;
    std::string reason;  // the status line's reason phrase
    std::string body;
    Poco::Net::NameValueCollection headers;

    std::string header(const std::string& name) const { return headers.get(name, ""); }
};

struct Request {
    std::string method = "GET";
    std::string path{};
    std::string token{};  // empty: no Authorization header
    std::string body{};
    std::string content_type = "application/json";
    std::map<std::string, std::string> headers{};
    std::string source_address{};  // the client's loopback address, e.g. 127.0.0.2; empty: any
};

Reply send(int port, const Request& request);
// Several requests, one after the other, on one connection from `source_address`.
std::vector<Reply> sendMany(int port, const std::string& source_address, const Request& request, int count);

std::string tokenFor(const std::string& profile, const std::string& perimeter, const std::string& sub = "someone");

// A started server on an ephemeral port over a FakeBackend; stopped on destruction.
class TestServer {
public:
    explicit TestServer(std::size_t max_body_bytes = kMaxBodyBytes, const PublicOptions& public_options = {});
    ~TestServer();

    Reply send(const Request& request) const { return testing::send(server_->port(), request); }
    Reply get(const std::string& path, const std::string& token = "") const;
    FakeBackend& backend() { return backend_; }
    int port() const { return server_->port(); }

private:
    FakeBackend backend_;
    std::unique_ptr<Server> server_;
};

}  // namespace ceres::http::testing
