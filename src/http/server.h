#pragma once
// The HTTP API server: a router over the endpoints of CONTRACT.md, on Poco's HTTP message
// classes. Connections wait in a ConnectionGate (one thread for all of them) until a whole
// request head has arrived; only then does one of `threads` workers read and answer it, and a
// connection kept alive goes back to the gate between requests. Idle or slow clients therefore
// hold no thread; ready requests beyond `queue_length` are shed with 503 and Retry-After.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/auth.h"
#include "http/backend.h"
#include "http/connections.h"
#include "http/verification_endpoints.h"

namespace ceres::http {

struct ServerOptions {
    std::string host = "0.0.0.0";
    int port = 8080;  // 0: an ephemeral port, see Server::port()
    int threads = 16;
    int queue_length = 64;                           // complete requests waiting for a thread
    std::size_t max_body_bytes = 16u * 1024u * 1024u;  // larger request bodies get 413
    std::chrono::seconds io_timeout{60};             // one read of a request body, one write of a response
    ConnectionLimits connections;                    // caps and time-outs before a request is read
    AuthOptions auth;
    PublicOptions public_api;  // rate limit and upload size of the public verification routes
};

class Server {
public:
    // Binds the socket at once, so that a busy port is reported here.
    Server(Backend& backend, ServerOptions options);
    ~Server();  // stops if still running
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Throws std::logic_error after stop(): a server runs once.
    void start();
    // Stops accepting connections (the port is closed) and returns once the requests in progress
    // are answered.
    void stop();
    // The bound port (the actual one when 0 was asked for).
    int port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ceres::http
