#pragma once
// The connections of the HTTP server while no request of theirs is being handled. A connection
// costs a thread only once a whole request head has arrived: until then (a client that says
// nothing, sends its head a byte at a time, or idles between keep-alive requests) it waits here,
// in one epoll set watched by one thread, against a deadline. Caps on open connections, overall
// and per client address, keep one client from using them all.
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace ceres::http {

using SteadyClock = std::chrono::steady_clock;

struct ConnectionLimits {
    std::size_t max_connections = 4096;   // open at once, every client together
    std::size_t max_per_address = 256;    // open at once from one client address
    std::chrono::milliseconds header_timeout{10'000};      // a new connection, or the first byte of a
                                                           // next request, to the end of its head
    std::chrono::milliseconds keep_alive_timeout{30'000};  // idle between two requests
    std::size_t max_head_bytes = 32 * 1024;                // request line and header fields
    std::size_t min_body_bytes_per_second = 1024;          // after header_timeout, else 408
    int retry_after_seconds = 5;                           // in the 503s of shed connections
};

// Open connections per client address, with their total. Thread-safe.
class AddressCounts {
public:
    explicit AddressCounts(const ConnectionLimits& limits) : limits_(limits) {}
    enum class Admission { Admitted, AddressFull, ServerFull };
    Admission admit(const std::string& address);
    void release(const std::string& address);
    std::size_t open() const;

private:
    const ConnectionLimits& limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> by_address_;
    std::size_t total_ = 0;
};

// An open connection admitted by AddressCounts; closing it (destruction) gives its place back.
class Connection {
public:
    enum class Wait {
        NewConnection,  // nothing received yet: header_timeout from the accept
        Idle,           // between keep-alive requests: keep_alive_timeout
        Head,           // part of a head received: header_timeout from its first byte
        Closing,        // answered with an error: what the client still sends is read and dropped
    };

    Connection(Poco::Net::StreamSocket socket, std::string address, AddressCounts* counts);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Poco::Net::StreamSocket& socket() { return socket_; }
    int fd() const { return fd_; }
    const std::string& address() const { return address_; }

    Wait wait = Wait::NewConnection;
    SteadyClock::time_point deadline{};
    std::size_t scanned = 0;  // bytes of the head already searched for its end

private:
    Poco::Net::StreamSocket socket_;
    int fd_;
    std::string address_;
    AddressCounts* counts_;  // null: not counted (a connection refused at the door)
};

// Sends a small complete response (status line, JSON error body, Connection: close) without
// blocking; what does not fit in the socket buffer is dropped.
void sendRefusal(Poco::Net::StreamSocket& socket, int status, const std::string& rule, const std::string& message,
                 int retry_after_seconds);

class ConnectionGate {
public:
    // `ready` gets each connection whose next request head is complete, on the gate's thread.
    using Ready = std::function<void(std::unique_ptr<Connection>)>;

    ConnectionGate(const ConnectionLimits& limits, Ready ready);
    ~ConnectionGate();  // stops
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    // Watches `connection` until its next request head is complete or its deadline passes
    // (then it is closed, with a 408 when part of a head had come). After stop(): closed at once.
    void hold(std::unique_ptr<Connection> connection);
    // Answers `connection` with a refusal (sendRefusal), then reads and drops what the client
    // still sends for a short while before closing, so that the answer is not lost to a reset.
    void refuse(std::unique_ptr<Connection> connection, int status, const std::string& rule,
                const std::string& message);
    // Closes every connection held; later ones are closed as they come.
    void stop();
    std::size_t held() const;

private:
    void run();
    void takePending();
    void inspect(Connection& connection, bool peer_closed);
    void expire(SteadyClock::time_point now);
    // Answers with an error and moves the connection to Closing.
    void close(Connection& connection, int status, const std::string& rule, const std::string& message);
    std::unique_ptr<Connection> take(int fd);  // out of the set, to be handed on
    void drop(int fd);                         // out of the set, closed

    const ConnectionLimits& limits_;
    Ready ready_;
    int epoll_ = -1;
    int wake_ = -1;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Connection>> pending_;
    bool stopped_ = false;
    std::map<int, std::unique_ptr<Connection>> held_;  // the gate thread's own
    std::size_t held_count_ = 0;                       // held_.size(), readable from any thread
    std::vector<char> peek_;
    std::thread thread_;
};

}  // namespace ceres::http
