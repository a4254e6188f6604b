// Idle and slow clients against the in-process server: they cost no thread, so the service
// answers on; caps per client address and on ready requests answer 503 with Retry-After; a
// request head that does not arrive in time is answered 408.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "test_client.h"

namespace ceres::http::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

ServerOptions attackedOptions() {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 4;
    options.queue_length = 16;
    options.auth.development_key = kDevKey;
    options.auth.clock = [] { return kNow; };
    options.connections.max_per_address = 1000;
    options.connections.header_timeout = 3s;
    return options;
}

// A connection from `source` (a loopback address) to the server.
Poco::Net::StreamSocket connectFrom(const std::string& source, int port) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress::IPv4);
    socket.impl()->bind(Poco::Net::SocketAddress(source, 0));
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    return socket;
}

// Everything the server sends until it closes the connection (or `budget` passes).
std::string readAll(Poco::Net::StreamSocket& socket, Poco::Timespan budget = Poco::Timespan(10, 0)) {
    socket.setReceiveTimeout(budget);
    std::string answer;
    char buffer[4096];
    try {
        for (int got = 0; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, got);
    } catch (const Poco::Exception&) {
        // A reset or the budget: what came so far is the answer.
    }
    return answer;
}

std::string statusLine(const std::string& answer) { return answer.substr(0, answer.find("\r\n")); }

// Whether the peer has closed `socket` (pending bytes are read and dropped).
bool closedByPeer(Poco::Net::StreamSocket& socket) {
    char buffer[4096];
    while (true) {
        const ssize_t got = ::recv(socket.impl()->sockfd(), buffer, sizeof buffer, MSG_DONTWAIT);
        if (got > 0) continue;
        return got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
    }
}

double percentile(std::vector<double> values, double q) {
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(values.size()));
    return values[std::min(rank, values.size() - 1)];
}

class Attackers {
public:
    static constexpr const char* kSlowRequest = "GET /healthz HTTP/1.1\r\nHost: ceres\r\nX-Slow: ";

    Attackers(int port, int idle, int slow) : port_(port) {
        for (int i = 0; i < idle; ++i) idle_.push_back(connectFrom("127.0.0.1", port_));
        for (int i = 0; i < slow; ++i) slow_.push_back(Slow{connectFrom("127.0.0.1", port_), 0});
    }

    // One byte on each slow connection; a slow one the server closed is read (its answer kept)
    // and opened again, and so is an idle one: the pressure stays the same.
    void tick() {
        for (auto& s : slow_) {
            if (closedByPeer(s.socket)) {
                ++slow_closed_;
                s = Slow{connectFrom("127.0.0.1", port_), 0};
            }
            const char byte = kSlowRequest[std::min<std::size_t>(s.sent, std::strlen(kSlowRequest) - 1)];
            try {
                s.socket.sendBytes(&byte, 1);
                ++s.sent;
            } catch (const Poco::Exception&) {
                // Closed between the check and the byte: opened again on the next tick.
            }
        }
        for (auto& socket : idle_) {
            if (!closedByPeer(socket)) continue;
            ++idle_closed_;
            socket = connectFrom("127.0.0.1", port_);
        }
    }

    int slowClosed() const { return slow_closed_; }
    int idleClosed() const { return idle_closed_; }
    // A slow connection's own answer once the server gives up on it.
    std::string answerOfOneSlow() {
        Poco::Net::StreamSocket& socket = slow_.front().socket;
        return readAll(socket);
    }

private:
    struct Slow {
        Poco::Net::StreamSocket socket;
        std::size_t sent;
    };
    int port_;
    std::vector<Poco::Net::StreamSocket> idle_;
    std::vector<Slow> slow_;
    int slow_closed_ = 0;
    int idle_closed_ = 0;
};

// 300 silent connections and 20 sending their head a byte a second, held for 10 s (those the
// server closes after its 3 s header time-out are opened again at once): /healthz is answered
// every time, quickly, and a job submitted meanwhile is accepted.
TEST(Connections, IdleAndSlowClientsDoNotStarveTheServer) {
    FakeBackend backend;
    Server server(backend, attackedOptions());
    server.start();
    Attackers attackers(server.port(), 300, 20);

    std::vector<double> healthz_ms;
    int submitted = 0;
    const auto end = Clock::now() + 10s;
    auto next_tick = Clock::now();
    for (auto next_probe = Clock::now(); next_probe < end; next_probe += 20ms) {
        std::this_thread::sleep_until(next_probe);  // the probes' pace: 50 a second
        if (Clock::now() >= next_tick) {
            attackers.tick();
            next_tick += 1s;
        }
        const auto start = Clock::now();
        const Reply reply = send(server.port(), Request{"GET", "/healthz"});
        healthz_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        ASSERT_EQ(reply.status, 200) << "after " << healthz_ms.size() << " probes";
        if (healthz_ms.size() % 50 == 0) {
            const std::string job = R"({"kind":"dte_request","payload":{"centre":{"siret":"78184280200048"}}})";
            EXPECT_EQ(send(server.port(), Request{"POST", "/v1/jobs", tokenFor("SERVICE", "FR"), job}).status, 202);
            ++submitted;
        }
    }
    EXPECT_GT(submitted, 0);
    EXPECT_GT(healthz_ms.size(), 100u);
    const double p99 = percentile(healthz_ms, 0.99);
    RecordProperty("healthz_probes", static_cast<int>(healthz_ms.size()));
    RecordProperty("healthz_p99_ms", std::to_string(p99));
    EXPECT_LT(p99, 500.0) << "p99 of " << healthz_ms.size() << " probes";
    EXPECT_GT(attackers.slowClosed(), 0) << "the header time-out closes slow heads";
    const std::string answer = attackers.answerOfOneSlow();
    EXPECT_EQ(statusLine(answer), "HTTP/1.1 408 Request Time-out") << answer;
}

// One address may open `max_per_address` connections; the next is answered 503 with
// Retry-After, while another address is served as usual.
TEST(Connections, ConnectionsPerAddressAreCapped) {
    FakeBackend backend;
    ServerOptions options = attackedOptions();
    options.connections.max_per_address = 10;
    Server server(backend, options);
    server.start();
    std::vector<Poco::Net::StreamSocket> held;
    for (int i = 0; i < 10; ++i) held.push_back(connectFrom("127.0.0.1", server.port()));
    Poco::Net::StreamSocket extra = connectFrom("127.0.0.1", server.port());
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: ceres\r\n\r\n";
    extra.sendBytes(request.data(), static_cast<int>(request.size()));
    const std::string refused = readAll(extra);
    EXPECT_EQ(statusLine(refused), "HTTP/1.1 503 Service Unavailable") << refused;
    EXPECT_NE(refused.find("Retry-After: 5\r\n"), std::string::npos) << refused;
    EXPECT_NE(refused.find(R"("rule":"connections_per_address")"), std::string::npos) << refused;

    Poco::Net::StreamSocket other = connectFrom("127.0.0.2", server.port());
    other.sendBytes(request.data(), static_cast<int>(request.size()));
    other.shutdownSend();
    EXPECT_EQ(statusLine(readAll(other)), "HTTP/1.1 200 OK");

    held.pop_back();  // closing one gives its place back
    const auto deadline = Clock::now() + 10s;
    std::string again;
    do {
        Poco::Net::StreamSocket retry = connectFrom("127.0.0.1", server.port());
        retry.sendBytes(request.data(), static_cast<int>(request.size()));
        retry.shutdownSend();
        again = readAll(retry);
    } while (statusLine(again) != "HTTP/1.1 200 OK" && Clock::now() < deadline);
    EXPECT_EQ(statusLine(again), "HTTP/1.1 200 OK");
}

// One thread, held busy in the backend, and room for one ready request: of two more, one waits
// and is answered once the thread is free, the other is shed at once with 503 and Retry-After.
TEST(Connections, ReadyRequestsBeyondTheQueueAreShedWith503) {
    FakeBackend backend;
    ServerOptions options = attackedOptions();
    options.threads = 1;
    options.queue_length = 1;
    Server server(backend, options);
    server.start();
    backend.holdReads();
    const Request download{"GET", "/v1/documents/" + kPdfId, tokenFor("SERVICE", "FR")};
    auto busy = std::async(std::launch::async, [&] { return send(server.port(), download); });
    ASSERT_TRUE(backend.awaitHeldRead(10s));
    auto second = std::async(std::launch::async, [&] { return send(server.port(), Request{"GET", "/healthz"}); });
    auto third = std::async(std::launch::async, [&] { return send(server.port(), Request{"GET", "/healthz"}); });
    // The shed one is answered while the thread is still held.
    const auto shedFirst = [&](std::future<Reply>& a, std::future<Reply>& b) -> std::future<Reply>& {
        for (const auto deadline = Clock::now() + 10s; Clock::now() < deadline;) {
            if (a.wait_for(10ms) == std::future_status::ready) return a;
            if (b.wait_for(10ms) == std::future_status::ready) return b;
        }
        throw std::runtime_error("neither request was answered while the thread was busy");
    };
    std::future<Reply>& shed = shedFirst(second, third);
    const Reply refused = shed.get();
    EXPECT_EQ(refused.status, 503);
    EXPECT_EQ(refused.header("Retry-After"), "5");
    backend.releaseReads();
    EXPECT_EQ(busy.get().status, 200);
    std::future<Reply>& waited = &shed == &second ? third : second;
    EXPECT_EQ(waited.get().status, 200);
}

// A keep-alive connection left idle longer than the server keeps it is closed by the server,
// without a word; one reused in time is answered.
TEST(Connections, IdleKeepAliveConnectionsAreClosedAfterTheirTimeOut) {
    FakeBackend backend;
    ServerOptions options = attackedOptions();
    options.connections.keep_alive_timeout = 1s;
    Server server(backend, options);
    server.start();
    Poco::Net::StreamSocket socket = connectFrom("127.0.0.1", server.port());
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: ceres\r\n\r\n";
    socket.sendBytes(request.data(), static_cast<int>(request.size()));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    char buffer[4096];
    const int first = socket.receiveBytes(buffer, sizeof buffer);
    ASSERT_GT(first, 0);
    EXPECT_EQ(statusLine(std::string(buffer, static_cast<std::size_t>(first))), "HTTP/1.1 200 OK");
    EXPECT_NE(std::string(buffer, static_cast<std::size_t>(first)).find("Keep-Alive: timeout=1\r\n"), std::string::npos);
    const auto idle_from = Clock::now();
    EXPECT_EQ(readAll(socket), "") << "closed without an answer: nothing was asked";
    const double idle_s = std::chrono::duration<double>(Clock::now() - idle_from).count();
    EXPECT_GE(idle_s, 0.9);
    EXPECT_LT(idle_s, 5.0);
}

// A body trickling in a byte at a time is cut off with 408 once it falls behind the minimum
// pace, and the only thread is free again for the next client.
TEST(Connections, ASlowBodyIsAnswered408AndFreesItsThread) {
    FakeBackend backend;
    ServerOptions options = attackedOptions();
    options.threads = 1;
    options.connections.header_timeout = 1s;  // also the body's grace
    Server server(backend, options);
    server.start();
    Poco::Net::StreamSocket socket = connectFrom("127.0.0.1", server.port());
    const std::string head = "POST /v1/verify HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n";
    socket.sendBytes(head.data(), static_cast<int>(head.size()));
    auto trickle = std::async(std::launch::async, [&socket] {
        const auto until = Clock::now() + 10s;
        for (auto next = Clock::now(); Clock::now() < until; next += 100ms) {
            std::this_thread::sleep_until(next);  // the attacker's pace: ten bytes a second
            if (::send(socket.impl()->sockfd(), "x", 1, MSG_NOSIGNAL) != 1) return;
        }
    });
    const auto started = Clock::now();
    const std::string answer = readAll(socket);
    EXPECT_EQ(statusLine(answer), "HTTP/1.1 408 Request Time-out") << answer;
    EXPECT_NE(answer.find(R"("rule":"body_timeout")"), std::string::npos) << answer;
    EXPECT_LT(Clock::now() - started, 5s);
    EXPECT_EQ(send(server.port(), Request{"GET", "/healthz"}).status, 200);
    socket.shutdown();
    trickle.get();
}

// Requests sent back to back in one write are answered in order on the same connection.
TEST(Connections, PipelinedRequestsAreAnsweredInOrder) {
    FakeBackend backend;
    Server server(backend, attackedOptions());
    server.start();
    Poco::Net::StreamSocket socket = connectFrom("127.0.0.1", server.port());
    const std::string requests = "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\nGET /v1/verify/" + kIssuedNumber +
                                 " HTTP/1.1\r\nHost: a\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n";
    socket.sendBytes(requests.data(), static_cast<int>(requests.size()));
    const std::string answers = readAll(socket);
    const auto first = answers.find("HTTP/1.1 200 OK");
    const auto second = answers.find("HTTP/1.1 200 OK", first + 1);
    const auto third = answers.find("HTTP/1.1 404 Not Found");
    EXPECT_EQ(first, 0u) << answers;
    EXPECT_NE(second, std::string::npos) << answers;
    EXPECT_NE(third, std::string::npos) << answers;
    EXPECT_LT(second, third) << answers;
    EXPECT_NE(answers.find(R"("valid":true)"), std::string::npos) << answers;
}

}  // namespace
}  // namespace ceres::http::testing
