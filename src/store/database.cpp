#include "store/database.h"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include "store/migrations.h"
#include "files/transient.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;

void registerConnectorsOnce() {
    static std::once_flag registered;
    std::call_once(registered, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
}

bool startsWith(const std::string& text, std::string_view prefix) {
    return text.compare(0, prefix.size(), prefix) == 0;
}

bool isPostgresUrl(const std::string& url) {
    return startsWith(url, "postgresql://") || startsWith(url, "postgres://");
}

// libpq keyword values are single-quoted with ' and \ escaped.
std::string keyword(const std::string& name, const std::string& value) {
    std::string quoted = "'";
    for (char c : value) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return name + "=" + quoted + "' ";
}

// Poco::URI leaves the user information encoded; passwords often need escaping in URLs.
std::string percentDecoded(const std::string& text) {
    std::string decoded;
    Poco::URI::decode(text, decoded);
    return decoded;
}

// Called by SQLite while another connection holds the write lock; returning 0 gives up. Writers
// hold it for a fraction of a millisecond, but SQLite's own busy_timeout sleeps 1, 2, 5, 10… ms
// between tries, which made a job wait several milliseconds for each of its writes under load.
// This one tries again after 50 µs, doubling up to 1 ms, and gives up after about 30 s.
int retryWhileBusy(void*, int tries) {
    constexpr int kDoublings = 5;
    constexpr int kMaxTries = kDoublings + 30'000;
    if (tries >= kMaxTries) return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(std::min(50 << std::min(tries, kDoublings), 1000)));
    return 1;
}

void configureSqlite(Poco::Data::Session& session) {
    std::string journal_mode;
    session << "PRAGMA journal_mode=WAL", into(journal_mode), now;
    // Writers from other workers wait for the lock instead of failing at once.
    sqlite3_busy_handler(Poco::Data::SQLite::Utility::dbHandle(session), retryWhileBusy, nullptr);
    // With WAL, NORMAL survives a killed process intact; only a power cut may lose the last
    // commits. FULL would cost an fsync per commit, several per job.
    session << "PRAGMA synchronous=NORMAL", now;
}

void configurePostgres(Poco::Data::Session& session) {
    // libpq prints notices on stderr, e.g. for every CREATE … IF NOT EXISTS at start.
    session << "SET client_min_messages TO WARNING", now;
}

}  // namespace

std::string postgresConnectionString(const std::string& database_url) {
    if (!isPostgresUrl(database_url)) return database_url;
    const Poco::URI uri(database_url);
    std::string result;
    if (!uri.getHost().empty()) result += keyword("host", uri.getHost());
    if (uri.getPort() != 0 && uri.getPort() != 5432) result += keyword("port", std::to_string(uri.getPort()));
    const std::string user_info = uri.getUserInfo();
    const auto colon = user_info.find(':');
    if (!user_info.empty()) result += keyword("user", percentDecoded(user_info.substr(0, colon)));
    if (colon != std::string::npos) result += keyword("password", percentDecoded(user_info.substr(colon + 1)));
    const std::string path = uri.getPath();
    if (path.size() > 1) result += keyword("dbname", path.substr(1));
    for (const auto& [name, value] : uri.getQueryParameters()) result += keyword(name, value);
    if (!result.empty()) result.pop_back();
    return result;
}

std::int64_t toMillis(TimePoint time) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

TimePoint fromMillis(std::int64_t millis) {
    return TimePoint(std::chrono::milliseconds(millis));
}

void rollbackQuietly(Poco::Data::Session& session) noexcept {
    try {
        session.rollback();
    } catch (...) {
        // The connection is likely broken; Connection drops sessions left in a transaction.
    }
}

Database::Connection::Connection(Database& owner, std::unique_ptr<Poco::Data::Session> session)
    : owner_(&owner), session_(std::move(session)) {}

Database::Connection::~Connection() {
    if (session_) owner_->giveBack(std::move(session_));
}

std::unique_ptr<Database> Database::open(StoreConfig config) {
    registerConnectorsOnce();
    std::unique_ptr<Database> database;
    if (config.database_url.empty()) {
        std::filesystem::create_directories(config.var_dir);
        const auto file = (config.var_dir / "ceres.db").string();
        database.reset(new Database(std::move(config), Backend::SQLite, "SQLite", file));
    } else {
        auto connection = postgresConnectionString(config.database_url);
        database.reset(new Database(std::move(config), Backend::PostgreSQL, "PostgreSQL",
                                    std::move(connection)));
    }
    applyMigrations(*database);
    return database;
}

Database::Database(StoreConfig config, Backend backend, std::string connector, std::string connection)
    : config_(std::move(config)),
      backend_(backend),
      connector_(std::move(connector)),
      connection_(std::move(connection)) {
    if (config_.pool_size < 1) throw std::invalid_argument("store: pool_size must be at least 1");
}

Database::~Database() = default;

std::unique_ptr<Poco::Data::Session> Database::newSession() const {
    try {
        auto session = std::make_unique<Poco::Data::Session>(connector_, connection_);
        if (backend_ == Backend::SQLite) configureSqlite(*session);
        if (backend_ == Backend::PostgreSQL) configurePostgres(*session);
        return session;
    } catch (const Poco::Exception& e) {
        const auto where = backend_ == Backend::SQLite ? connection_ : std::string("PostgreSQL");
        throw files::TransientError("store: cannot connect to " + where + ": " + e.displayText());
    }
}

Database::Connection Database::connect() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_sessions_ < config_.pool_size; });
    if (!idle_.empty()) {
        auto session = std::move(idle_.back());
        idle_.pop_back();
        return Connection(*this, std::move(session));
    }
    ++open_sessions_;
    lock.unlock();
    try {
        return Connection(*this, newSession());
    } catch (...) {
        giveBack(nullptr);
        throw;
    }
}

void Database::giveBack(std::unique_ptr<Poco::Data::Session> session) {
    if (session && session->isTransaction()) rollbackQuietly(*session);
    const bool reusable = session && session->isConnected() && !session->isTransaction();
    {
        std::lock_guard lock(mutex_);
        if (reusable) {
            idle_.push_back(std::move(session));
        } else {
            --open_sessions_;
        }
    }
    available_.notify_one();
}

std::string Database::sql(std::string_view statement) const {
    if (backend_ == Backend::SQLite) return std::string(statement);
    std::string rewritten;
    int parameter = 0;
    bool in_literal = false;
    for (char c : statement) {
        if (c == '\'') in_literal = !in_literal;
        if (c == '?' && !in_literal) {
            rewritten += '$' + std::to_string(++parameter);
        } else {
            rewritten += c;
        }
    }
    return rewritten;
}

}  // namespace ceres::store
