#pragma once
// One database, SQLite or PostgreSQL, behind a small pool of Poco::Data sessions.
// The schema is migrated when the database is opened.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <Poco/Data/Session.h>

#include "store/config.h"

namespace ceres::store {

enum class Backend { SQLite, PostgreSQL };

class Database {
public:
    // A pooled session, handed back when this goes out of scope. A transaction left open
    // (an exception escaped) is rolled back first.
    class Connection {
    public:
        Connection(Database& owner, std::unique_ptr<Poco::Data::Session> session);
        Connection(Connection&&) noexcept = default;
        Connection& operator=(Connection&&) = delete;
        ~Connection();
        Poco::Data::Session& session() { return *session_; }

    private:
        Database* owner_;
        std::unique_ptr<Poco::Data::Session> session_;
    };

    // Connects to the backend named by config.database_url and applies pending migrations.
    static std::unique_ptr<Database> open(StoreConfig config);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Backend backend() const { return backend_; }
    const StoreConfig& config() const { return config_; }
    TimePoint now() const { return config_.clock(); }

    Connection connect();
    // `statement` written with `?` placeholders, rewritten to `$1, $2…` for PostgreSQL.
    std::string sql(std::string_view statement) const;

private:
    Database(StoreConfig config, Backend backend, std::string connector, std::string connection);
    std::unique_ptr<Poco::Data::Session> newSession() const;
    void giveBack(std::unique_ptr<Poco::Data::Session> session);

    StoreConfig config_;
    Backend backend_;
    std::string connector_;
    std::string connection_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Poco::Data::Session>> idle_;
    int open_sessions_ = 0;
};

// Rolls back, keeping the error that made us roll back rather than one from the rollback.
void rollbackQuietly(Poco::Data::Session& session) noexcept;

// Runs `work` inside a transaction on `connection`: committed when it returns, rolled back
// when it throws.
template <typename Work>
auto inTransaction(Database::Connection& connection, Work&& work) {
    auto& session = connection.session();
    session.begin();
    try {
        if constexpr (std::is_void_v<decltype(work())>) {
            work();
            session.commit();
        } else {
            auto result = work();
            session.commit();
            return result;
        }
    } catch (...) {
        rollbackQuietly(session);
        throw;
    }
}

// The libpq keyword string for a "postgresql://" or "postgres://" URL; keyword strings pass
// through unchanged.
std::string postgresConnectionString(const std::string& database_url);

std::int64_t toMillis(TimePoint time);
TimePoint fromMillis(std::int64_t millis);

}  // namespace ceres::store
