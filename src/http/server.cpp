#include "http/server.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <iomanip>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/endpoints.h"
#include "http/metrics.h"
#include "http/router.h"

namespace ceres::http {
namespace {

using Poco::Net::HTTPResponse;

constexpr std::array<const char*, 7> kKnownMethods = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"};
constexpr int kListenBacklog = 1024;
const Poco::Timespan kAcceptPoll(0, 100'000);  // how soon the acceptor sees a stop

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

bool isKnownVersion(const std::string& version) {
    return version == Poco::Net::HTTPMessage::HTTP_1_1 || version == Poco::Net::HTTPMessage::HTTP_1_0;
}

// An HTTP/1.x request whose body is delimited unambiguously (RFC 9112, 6): one Content-Length
// of digits, or Transfer-Encoding: chunked alone. Anything else could be read two ways.
std::string framingProblem(const Poco::Net::HTTPServerRequest& request) {
    if (!isKnownVersion(request.getVersion())) return "the request line must end with HTTP/1.1 or HTTP/1.0";
    const bool has_length = request.has("Content-Length");
    if (request.has("Transfer-Encoding")) {
        if (Poco::icompare(Poco::trim(request.get("Transfer-Encoding")), "chunked") != 0) {
            return "Transfer-Encoding other than chunked is not supported";
        }
        if (has_length) return "Content-Length and Transfer-Encoding together";
    }
    if (has_length) {
        const std::string length = Poco::trim(request.get("Content-Length"));
        const bool digits = !length.empty() && length.size() <= 18 &&
                            std::all_of(length.begin(), length.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!digits) return "Content-Length must be a number of bytes";
    }
    return {};
}

struct DispatchContext {
    const Router& router;
    const Authenticator& authenticator;
    RequestMetrics& metrics;
    RequestIds& ids;
    int retry_after_seconds;
    std::string keep_alive;  // the Keep-Alive header of responses that keep the connection
    BodyPace body_pace;
};

class Dispatcher {
public:
    explicit Dispatcher(const DispatchContext& context) : context_(context) {}

    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) const {
        Exchange exchange{request, response, context_.ids.next()};
        exchange.body_pace = context_.body_pace;
        response.set("X-Request-Id", exchange.request_id);
        response.set("X-Content-Type-Options", "nosniff");
        if (response.getKeepAlive()) response.set("Keep-Alive", context_.keep_alive);
        RouteMatch match;
        try {
            checkFraming(exchange);
            match = context_.router.match(request.getMethod(), pathOf(request.getURI()));
            route(exchange, match);
        } catch (const ClientError& e) {
            if (!response.sent()) sendError(exchange, e.status(), e.rule(), e.what());
        } catch (const Unavailable& e) {
            unavailable(exchange, e.what());
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

    // A request whose head could not even be parsed: no route, no request id to log.
    void malformed(Poco::Net::HTTPServerResponse& response, const std::string& why) const {
        const std::string body =
            problemsJson({jobs::Problem{"", "request", "malformed request: " + why}});
        response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
        response.setStatusAndReason(HTTPResponse::HTTP_BAD_REQUEST);
        response.setKeepAlive(false);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength64(static_cast<Poco::Int64>(body.size()));
        response.send() << body;
        context_.metrics.count("OTHER", "unmatched", HTTPResponse::HTTP_BAD_REQUEST);
    }

private:
    // The body's bytes cannot be told from the next request's: answered, then closed.
    static void checkFraming(Exchange& exchange) {
        const std::string problem = framingProblem(exchange.request);
        if (problem.empty()) return;
        exchange.body_consumed = true;
        exchange.response.setKeepAlive(false);
        throw ClientError(HTTPResponse::HTTP_BAD_REQUEST, "header", problem);
    }

    void route(Exchange& exchange, const RouteMatch& match) const {
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

    static void log(const Exchange& exchange, const std::string& what) {
        Poco::Logger::get("ceres.http")
            .error("request " + exchange.request_id + " " + exchange.request.getMethod() + " " +
                   exchange.request.getURI() + " " + what);
    }

    void unavailable(Exchange& exchange, const std::string& detail) const {
        log(exchange, "found a dependency unavailable: " + detail);
        if (exchange.response.sent()) return;
        exchange.response.set("Retry-After", std::to_string(context_.retry_after_seconds));
        sendError(exchange, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "unavailable",
                  "the service cannot reach its database now; retry later (request id " + exchange.request_id + ")");
    }

    // The detail goes to the log only; the client gets the request id to quote.
    static void fail(Exchange& exchange, const std::string& detail) {
        log(exchange, "failed: " + detail);
        if (exchange.response.sent()) return;
        sendError(exchange, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal",
                  "internal error; quote request id " + exchange.request_id);
    }

    const DispatchContext& context_;
};

// Complete requests waiting for a worker, at most `capacity` of them.
class WorkQueue {
public:
    explicit WorkQueue(std::size_t capacity) : capacity_(capacity) {}

    // False when full or closed; the connection then stays with the caller.
    bool push(std::unique_ptr<Connection>& connection) {
        {
            std::lock_guard lock(mutex_);
            if (closed_ || queue_.size() >= capacity_) return false;
            queue_.push_back(std::move(connection));
        }
        ready_.notify_one();
        return true;
    }

    // The next connection; null once closed and empty.
    std::unique_ptr<Connection> pop() {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return nullptr;
        auto connection = std::move(queue_.front());
        queue_.pop_front();
        return connection;
    }

    void close() {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        ready_.notify_all();
    }

private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::unique_ptr<Connection>> queue_;
    bool closed_ = false;
};

// A server session that tells whether the client's next request is already read in.
class ServerSession : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::HTTPServerSession;
    bool hasBufferedBytes() const { return buffered() > 0; }
};

Poco::Net::HTTPServerParams::Ptr paramsFor(const ServerOptions& options) {
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setTimeout(Poco::Timespan(options.io_timeout.count(), 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(options.connections.keep_alive_timeout.count() * 1000));
    return params;
}

// What a response tells the client about keep-alive: a little less than the server keeps an
// idle connection, so that a client going by it never reuses one the server is closing.
std::string keepAliveHeader(const ConnectionLimits& limits) {
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(limits.keep_alive_timeout).count();
    return "timeout=" + std::to_string(std::max<long long>(1, seconds - 2));
}

}  // namespace

struct Server::Impl {
    Impl(Backend& backend, ServerOptions options)
        : options(std::move(options)),
          authenticator(this->options.auth),
          endpoints(backend, metrics, this->options.max_body_bytes,
                    this->options.connections.retry_after_seconds, this->options.public_api),
          context{router,
                  authenticator,
                  metrics,
                  ids,
                  this->options.connections.retry_after_seconds,
                  keepAliveHeader(this->options.connections),
                  BodyPace{this->options.connections.header_timeout, this->options.connections.min_body_bytes_per_second}},
          dispatcher(context),
          params(paramsFor(this->options)),
          counts(this->options.connections),
          work(static_cast<std::size_t>(std::max(1, this->options.queue_length))),
          listener(Poco::Net::SocketAddress(this->options.host, static_cast<Poco::UInt16>(this->options.port)),
                   kListenBacklog) {
        bound_port = listener.address().port();
        endpoints.install(router);
    }

    void start() {
        gate = std::make_unique<ConnectionGate>(options.connections,
                                                [this](std::unique_ptr<Connection> c) { dispatch(std::move(c)); });
        for (int i = 0; i < std::max(1, options.threads); ++i) workers.emplace_back([this] { workLoop(); });
        acceptor = std::thread([this] { acceptLoop(); });
    }

    void stop() {
        stopping = true;
        acceptor.join();
        listener.close();  // new clients fail at once instead of waiting in the backlog
        gate->stop();      // idle connections are closed
        work.close();      // the requests already complete are still answered
        for (auto& worker : workers) worker.join();
    }

    void acceptLoop() {
        while (!stopping) {
            try {
                if (!listener.poll(kAcceptPoll, Poco::Net::Socket::SELECT_READ)) continue;
                admit(listener.acceptConnection());
            } catch (const Poco::Exception& e) {
                // Out of descriptors or a client gone before its accept: the next one may do.
                Poco::Logger::get("ceres.http").warning("accepting a connection failed: " + e.displayText());
            }
        }
    }

    void admit(Poco::Net::StreamSocket socket) {
        socket.setNoDelay(true);
        socket.setSendTimeout(Poco::Timespan(options.io_timeout.count(), 0));
        const std::string address = socket.peerAddress().host().toString();
        switch (counts.admit(address)) {
        case AddressCounts::Admission::Admitted: {
            auto connection = std::make_unique<Connection>(std::move(socket), address, &counts);
            connection->deadline = SteadyClock::now() + options.connections.header_timeout;
            return gate->hold(std::move(connection));
        }
        case AddressCounts::Admission::AddressFull:
            if (gate->held() >= options.connections.max_connections) return socket.close();
            return gate->refuse(std::make_unique<Connection>(std::move(socket), address, nullptr), 503,
                                "connections_per_address",
                                "too many connections from your address; close some or retry later");
        case AddressCounts::Admission::ServerFull:
            sendRefusal(socket, 503, "overloaded", "the server is full; retry later",
                        options.connections.retry_after_seconds);
            return socket.close();
        }
    }

    // On the gate's thread: a complete request head is waiting on `connection`.
    void dispatch(std::unique_ptr<Connection> connection) {
        if (work.push(connection)) return;
        gate->refuse(std::move(connection), 503, "overloaded", "the server is busy; retry later");
    }

    void workLoop() {
        while (auto connection = work.pop()) serve(std::move(connection));
    }

    // Answers the request whose head is complete, and the ones the client pipelined after it;
    // a connection kept alive then goes back to the gate.
    void serve(std::unique_ptr<Connection> connection) {
        bool keep_alive = false;
        {
            ServerSession session(connection->socket(), params);
            do {
                keep_alive = session.hasMoreRequests() && serveOne(session);
            } while (keep_alive && session.hasBufferedBytes() && !stopping);
            session.detachSocket();  // the session would close it
        }
        if (!keep_alive || stopping) return;
        connection->wait = Connection::Wait::Idle;
        connection->deadline = SteadyClock::now() + options.connections.keep_alive_timeout;
        connection->scanned = 0;
        gate->hold(std::move(connection));
    }

    // Whether the connection may carry another request.
    bool serveOne(Poco::Net::HTTPServerSession& session) {
        Poco::Net::HTTPServerResponseImpl response(session);
        try {
            Poco::Net::HTTPServerRequestImpl request(response, session, params.get());
            response.setDate(Poco::Timestamp());
            response.setVersion(isKnownVersion(request.getVersion()) ? request.getVersion()
                                                                     : Poco::Net::HTTPMessage::HTTP_1_1);
            response.setKeepAlive(request.getKeepAlive() && session.canKeepAlive() && !stopping);
            if (request.getExpectContinue()) response.sendContinue();
            dispatcher.handle(request, response);
            session.setKeepAlive(response.getKeepAlive() && session.canKeepAlive());
            return session.getKeepAlive();
        } catch (const Poco::Net::NoMessageException&) {
            return false;  // the client closed the connection
        } catch (const Poco::Net::MessageException& e) {
            return answerMalformed(session, response, e.message());
        } catch (const Poco::SyntaxException& e) {
            return answerMalformed(session, response, e.message());
        } catch (const std::exception&) {
            return false;  // the connection broke or timed out: nobody to answer
        }
    }

    // The failed request object is gone (it may not even have been built whole) while `response`
    // still points at it, so the answer goes out through a response of its own.
    bool answerMalformed(Poco::Net::HTTPServerSession& session, const Poco::Net::HTTPServerResponseImpl& response,
                         const std::string& why) {
        try {
            if (response.sent()) return false;
            Poco::Net::HTTPServerResponseImpl answer(session);
            answer.setDate(Poco::Timestamp());
            dispatcher.malformed(answer, why);
        } catch (const std::exception&) {
            // The client is gone.
        }
        return false;
    }

    ServerOptions options;
    Authenticator authenticator;
    RequestMetrics metrics;
    RequestIds ids;
    Router router;
    Endpoints endpoints;
    DispatchContext context;
    Dispatcher dispatcher;
    Poco::Net::HTTPServerParams::Ptr params;
    AddressCounts counts;
    WorkQueue work;
    Poco::Net::ServerSocket listener;
    std::unique_ptr<ConnectionGate> gate;
    std::vector<std::thread> workers;
    std::thread acceptor;
    std::atomic<bool> stopping{false};
    enum class State { Created, Running, Stopped } state = State::Created;
    int bound_port = 0;
};

Server::Server(Backend& backend, ServerOptions options) : impl_(std::make_unique<Impl>(backend, std::move(options))) {}

Server::~Server() { stop(); }

void Server::start() {
    if (impl_->state == Impl::State::Running) return;
    if (impl_->state == Impl::State::Stopped) throw std::logic_error("a stopped HTTP server cannot be restarted");
    impl_->start();
    impl_->state = Impl::State::Running;
}

void Server::stop() {
    if (impl_->state != Impl::State::Running) return;
    impl_->stop();
    impl_->state = Impl::State::Stopped;
}

int Server::port() const { return impl_->bound_port; }

}  // namespace ceres::http
