#include "http/server.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>

#include <array>
#include <atomic>
#include <iomanip>
#include <random>
#include <sstream>
#include <stdexcept>

#include "http/endpoints.h"
#include "http/metrics.h"
#include "http/router.h"

namespace ceres::http {
namespace {

using Poco::Net::HTTPResponse;

constexpr std::array<const char*, 7> kKnownMethods = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"};

// Keeps metric labels bounded whatever method a client invents.
std::string methodLabel(const std::string& method) {
    for (const char* known : kKnownMethods) {
        if (method == known) return method;
    }
    return "OTHER";
}

std::string pathOf(const std::string& uri) { return uri.substr(0, uri.find_first_of("?#")); }

// Request ids are unique across restarts of the process, so logs of several runs do not collide.
class RequestIds {
public:
    RequestIds() {
        std::random_device random;
        std::ostringstream prefix;
        prefix << std::hex << std::setw(8) << std::setfill('0') << random();
        prefix_ = prefix.str();
    }
    std::string next() { return prefix_ + "-" + std::to_string(++counter_); }

private:
    std::string prefix_;
    std::atomic<std::uint64_t> counter_{0};
};

struct DispatchContext {
    const Router& router;
    const Authenticator& authenticator;
    RequestMetrics& metrics;
    RequestIds& ids;
};

class Dispatcher : public Poco::Net::HTTPRequestHandler {
public:
    explicit Dispatcher(const DispatchContext& context) : context_(context) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        Exchange exchange{request, response, context_.ids.next()};
        response.set("X-Request-Id", exchange.request_id);
        response.set("X-Content-Type-Options", "nosniff");
        const RouteMatch match = context_.router.match(request.getMethod(), pathOf(request.getURI()));
        try {
            route(exchange, match);
        } catch (const ClientError& e) {
            if (!response.sent()) sendError(exchange, e.status(), e.rule(), e.what());
        } catch (const std::exception& e) {
            fail(exchange, e.what());
        } catch (...) {
            fail(exchange, "unknown exception");
        }
        discardQuietly(exchange);
        const std::string route_label = match.route ? match.route->pattern : "unmatched";
        context_.metrics.count(match.route ? request.getMethod() : methodLabel(request.getMethod()), route_label,
                              response.getStatus());
    }

private:
    void route(Exchange& exchange, const RouteMatch& match) {
        if (!match.route) return unrouted(exchange, match);
        exchange.params = match.params;
        if (match.route->access == Access::Authenticated && !authenticate(exchange)) return;
        match.route->handler(exchange);
    }

    static void unrouted(Exchange& exchange, const RouteMatch& match) {
        if (match.allowed_methods.empty()) {
            return sendError(exchange, HTTPResponse::HTTP_NOT_FOUND, "not_found", "no such resource");
        }
        exchange.response.set("Allow", Poco::cat(std::string(", "), match.allowed_methods.begin(),
                                                 match.allowed_methods.end()));
        sendError(exchange, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method", "method not allowed here");
    }

    bool authenticate(Exchange& exchange) const {
        const std::string authorization = exchange.request.get("Authorization", "");
        exchange.caller = context_.authenticator.authenticate(authorization);
        if (exchange.caller) return true;
        exchange.response.set("WWW-Authenticate", authorization.empty()
                                                      ? std::string("Bearer realm=\"ceres-docs\"")
                                                      : std::string("Bearer realm=\"ceres-docs\", error=\"invalid_token\""));
        sendError(exchange, HTTPResponse::HTTP_UNAUTHORIZED, "authentication",
                  authorization.empty() ? "a bearer token is required" : "the bearer token is not valid");
        return false;
    }

    // The client may already be gone; its unread bytes then no longer matter.
    static void discardQuietly(Exchange& exchange) {
        try {
            discardUnreadBody(exchange);
        } catch (const std::exception&) {
        }
    }

    // The detail goes to the log only; the client gets the request id to quote.
    static void fail(Exchange& exchange, const std::string& detail) {
        Poco::Logger::get("ceres.http")
            .error("request " + exchange.request_id + " " + exchange.request.getMethod() + " " +
                   exchange.request.getURI() + " failed: " + detail);
        if (exchange.response.sent()) return;
        sendError(exchange, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal",
                  "internal error; quote request id " + exchange.request_id);
    }

    const DispatchContext& context_;
};

class DispatcherFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit DispatcherFactory(const DispatchContext& context) : context_(context) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Dispatcher(context_);
    }

private:
    const DispatchContext& context_;
};

Poco::Net::HTTPServerParams::Ptr paramsFor(const ServerOptions& options) {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.threads);
    params->setMaxQueued(options.queue_length);
    params->setTimeout(Poco::Timespan(options.io_timeout.count(), 0));
    params->setKeepAlive(true);
    params->setServerName("ceres-docs");
    return params;
}

}  // namespace

struct Server::Impl {
    Impl(Backend& backend, ServerOptions options)
        : options(std::move(options)),
          authenticator(this->options.auth),
          endpoints(backend, metrics, this->options.max_body_bytes),
          context{router, authenticator, metrics, ids},
          threads(1, std::max(1, this->options.threads)),
          socket(Poco::Net::SocketAddress(this->options.host, static_cast<Poco::UInt16>(this->options.port))) {
        bound_port = socket.address().port();
        endpoints.install(router);
        server = std::make_unique<Poco::Net::HTTPServer>(new DispatcherFactory(context), threads, socket,
                                                         paramsFor(this->options));
    }

    ServerOptions options;
    Authenticator authenticator;
    RequestMetrics metrics;
    RequestIds ids;
    Router router;
    Endpoints endpoints;
    DispatchContext context;
    Poco::ThreadPool threads;
    Poco::Net::ServerSocket socket;
    std::unique_ptr<Poco::Net::HTTPServer> server;
    enum class State { Created, Running, Stopped } state = State::Created;
    int bound_port = 0;
};

Server::Server(Backend& backend, ServerOptions options) : impl_(std::make_unique<Impl>(backend, std::move(options))) {}

Server::~Server() { stop(); }

void Server::start() {
    if (impl_->state == Impl::State::Running) return;
    if (impl_->state == Impl::State::Stopped) throw std::logic_error("a stopped HTTP server cannot be restarted");
    impl_->server->start();
    impl_->state = Impl::State::Running;
}

void Server::stop() {
    if (impl_->state != Impl::State::Running) return;
    impl_->server->stopAll(false);
    impl_->threads.joinAll();
    // Closing the listening socket makes new clients fail at once instead of waiting in the backlog.
    impl_->socket.close();
    impl_->state = Impl::State::Stopped;
}

int Server::port() const { return impl_->bound_port; }

}  // namespace ceres::http
