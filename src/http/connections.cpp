#include "http/connections.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPResponse.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace ceres::http {
namespace {

constexpr std::chrono::milliseconds kClosingGrace{2'000};  // reading what follows a refusal
constexpr std::chrono::milliseconds kLongestSleep{1'000};
constexpr int kEventsPerWait = 256;

std::string jsonEscaped(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

// Where the head ends in `bytes` (CRLF CRLF, or LF LF as lenient parsers accept), searching
// from `from`; npos when not yet.
std::size_t headEnd(const char* bytes, std::size_t size, std::size_t from) {
    for (std::size_t i = from; i + 1 < size; ++i) {
        if (bytes[i] != '\n') continue;
        if (bytes[i + 1] == '\n') return i + 2;
        if (i + 2 < size && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
    }
    return std::string::npos;
}

void closeQuietly(int fd) {
    if (fd >= 0) ::close(fd);
}

}  // namespace

AddressCounts::Admission AddressCounts::admit(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (total_ >= limits_.max_connections) return Admission::ServerFull;
    auto& count = by_address_[address];
    if (count >= limits_.max_per_address) return Admission::AddressFull;
    ++count;
    ++total_;
    return Admission::Admitted;
}

void AddressCounts::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    const auto found = by_address_.find(address);
    if (found == by_address_.end()) return;
    --total_;
    if (--found->second == 0) by_address_.erase(found);
}

std::size_t AddressCounts::open() const {
    std::lock_guard lock(mutex_);
    return total_;
}

Connection::Connection(Poco::Net::StreamSocket socket, std::string address, AddressCounts* counts)
    : socket_(std::move(socket)), fd_(socket_.impl()->sockfd()), address_(std::move(address)), counts_(counts) {}

Connection::~Connection() {
    try {
        socket_.close();
    } catch (const Poco::Exception&) {
        // Already closed or reset by the peer: nothing left to release but the place.
    }
    if (counts_) counts_->release(address_);
}

void sendRefusal(Poco::Net::StreamSocket& socket, int status, const std::string& rule, const std::string& message,
                 int retry_after_seconds) {
    const std::string reason =
        Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    const std::string body = R"({"errors":[{"pointer":"","rule":")" + jsonEscaped(rule) + R"(","message":")" +
                             jsonEscaped(message) + "\"}]}";
    std::string response = "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\n";
    if (status == 503) response += "Retry-After: " + std::to_string(retry_after_seconds) + "\r\n";
    response += "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\nConnection: close\r\n\r\n" + body;
    const int fd = socket.impl()->sockfd();
    if (fd < 0) return;
    (void)::send(fd, response.data(), response.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
}

ConnectionGate::ConnectionGate(const ConnectionLimits& limits, Ready ready)
    : limits_(limits), ready_(std::move(ready)), peek_(limits.max_head_bytes + 1) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (epoll_ < 0 || wake_ < 0) {
        closeQuietly(epoll_);
        closeQuietly(wake_);
        throw std::runtime_error(std::string("HTTP server: cannot watch connections: ") + std::strerror(errno));
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = wake_;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &event);
    thread_ = std::thread([this] { run(); });
}

ConnectionGate::~ConnectionGate() {
    stop();
    closeQuietly(wake_);
    closeQuietly(epoll_);
}

void ConnectionGate::hold(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;  // closed here, as it goes out of scope
        pending_.push_back(std::move(connection));
    }
    const std::uint64_t one = 1;
    (void)::write(wake_, &one, sizeof one);
}

void ConnectionGate::refuse(std::unique_ptr<Connection> connection, int status, const std::string& rule,
                            const std::string& message) {
    close(*connection, status, rule, message);
    hold(std::move(connection));
}

void ConnectionGate::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopped_) return;
        stopped_ = true;
    }
    const std::uint64_t one = 1;
    (void)::write(wake_, &one, sizeof one);
    if (thread_.joinable()) thread_.join();
    held_.clear();
    std::lock_guard lock(mutex_);
    pending_.clear();
    held_count_ = 0;
}

std::size_t ConnectionGate::held() const {
    std::lock_guard lock(mutex_);
    return held_count_ + pending_.size();
}

void ConnectionGate::run() {
    epoll_event events[kEventsPerWait];
    auto next_expiry = SteadyClock::now() + kLongestSleep;
    while (true) {
        const auto now = SteadyClock::now();
        const auto wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(next_expiry - now),
                                     std::chrono::milliseconds(0), kLongestSleep);
        const int count = ::epoll_wait(epoll_, events, kEventsPerWait, static_cast<int>(wait.count()));
        {
            std::lock_guard lock(mutex_);
            if (stopped_) return;
        }
        for (int i = 0; i < count; ++i) {
            const int fd = events[i].data.fd;
            if (fd == wake_) {
                std::uint64_t drained = 0;
                (void)::read(wake_, &drained, sizeof drained);
                takePending();
                continue;
            }
            const auto found = held_.find(fd);
            if (found == held_.end()) continue;
            inspect(*found->second, (events[i].events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0);
        }
        if (SteadyClock::now() >= next_expiry) {
            expire(SteadyClock::now());
            next_expiry = SteadyClock::now() + kLongestSleep;
            for (const auto& [fd, connection] : held_) next_expiry = std::min(next_expiry, connection->deadline);
        } else {
            for (const auto& [fd, connection] : held_) next_expiry = std::min(next_expiry, connection->deadline);
        }
        std::lock_guard lock(mutex_);
        held_count_ = held_.size();
    }
}

// New connections are looked at once at once: the bytes that make them ready may have come
// before they were watched, and the watch only reports later arrivals.
void ConnectionGate::takePending() {
    std::vector<std::unique_ptr<Connection>> taken;
    {
        std::lock_guard lock(mutex_);
        taken.swap(pending_);
    }
    for (auto& connection : taken) {
        const int fd = connection->fd();
        epoll_event event{};
        event.events = EPOLLIN | EPOLLRDHUP | EPOLLET;
        event.data.fd = fd;
        if (fd < 0 || ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event) != 0) continue;  // closed as `taken` goes
        Connection& held = *connection;
        held_[fd] = std::move(connection);
        inspect(held, false);
    }
}

void ConnectionGate::inspect(Connection& connection, bool peer_closed) {
    const int fd = connection.fd();
    if (connection.wait == Connection::Wait::Closing) {
        char sink[4096];
        ssize_t got = 0;
        while ((got = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT)) > 0) {
        }
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) drop(fd);
        return;
    }
    const ssize_t got = ::recv(fd, peek_.data(), peek_.size(), MSG_PEEK | MSG_DONTWAIT);
    if (got < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) drop(fd);
        return;
    }
    if (got == 0) return drop(fd);  // the client closed without a word: nothing to answer
    const auto size = static_cast<std::size_t>(got);
    if (connection.wait == Connection::Wait::Idle) {
        connection.wait = Connection::Wait::Head;
        connection.deadline = SteadyClock::now() + limits_.header_timeout;
    }
    if (headEnd(peek_.data(), size, connection.scanned > 2 ? connection.scanned - 2 : 0) != std::string::npos) {
        ready_(take(fd));
        return;
    }
    connection.scanned = size;
    if (size > limits_.max_head_bytes) {
        return close(connection, 431, "header_size",
                     "the request head exceeds " + std::to_string(limits_.max_head_bytes) + " bytes");
    }
    if (peer_closed) drop(fd);  // half a head, and the client will send no more
}

void ConnectionGate::close(Connection& connection, int status, const std::string& rule, const std::string& message) {
    sendRefusal(connection.socket(), status, rule, message, limits_.retry_after_seconds);
    connection.wait = Connection::Wait::Closing;
    connection.deadline = SteadyClock::now() + kClosingGrace;
}

void ConnectionGate::expire(SteadyClock::time_point now) {
    std::vector<int> expired;
    for (const auto& [fd, connection] : held_) {
        if (connection->deadline <= now) expired.push_back(fd);
    }
    for (const int fd : expired) {
        auto& connection = *held_.at(fd);
        const bool partial = connection.wait == Connection::Wait::Head ||
                             (connection.wait == Connection::Wait::NewConnection && connection.scanned > 0);
        if (!partial) {
            drop(fd);  // idle, new and silent, or done closing: closed without a word
            continue;
        }
        close(connection, 408, "header_timeout",
              "the request head did not arrive within " + std::to_string(limits_.header_timeout.count()) + " ms");
    }
}

std::unique_ptr<Connection> ConnectionGate::take(int fd) {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
    auto connection = std::move(held_.at(fd));
    held_.erase(fd);
    return connection;
}

void ConnectionGate::drop(int fd) { take(fd); }

}  // namespace ceres::http
