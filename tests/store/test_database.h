#pragma once
// A fresh, empty database for each test, on either backend: a temporary directory for SQLite,
// a schema of its own on the PostgreSQL cluster named by CERES_TEST_PG_URL (start one with
// scripts/pg-test-cluster.sh). Shared by the store and queue suites.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include <gtest/gtest.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/Session.h>

#include "store/config.h"
#include "store/database.h"
#include "store/ids.h"

namespace ceres::store::testing {

enum class BackendKind { SQLite, PostgreSQL };

inline void PrintTo(BackendKind kind, std::ostream* out) {
    *out << (kind == BackendKind::SQLite ? "SQLite" : "PostgreSQL");
}

inline std::string backendName(const ::testing::TestParamInfo<BackendKind>& info) {
    return info.param == BackendKind::SQLite ? "SQLite" : "PostgreSQL";
}

inline std::optional<std::string> postgresTestUrl() {
    const char* url = std::getenv("CERES_TEST_PG_URL");
    if (url == nullptr || *url == '\0') return std::nullopt;
    return std::string(url);
}

// Time stands still until a test moves it.
class FakeClock {
public:
    TimePoint now() const { return TimePoint(std::chrono::milliseconds(millis_.load())); }
    void advance(std::chrono::milliseconds by) { millis_ += by.count(); }
    Clock asClock() { return [this] { return now(); }; }

private:
    std::atomic<std::int64_t> millis_{1'780'000'000'000};  // 2026-05-28, any fixed instant does
};

// The same URL, with every connection's search_path set to `schema`.
inline std::string withSearchPath(const std::string& url, const std::string& schema) {
    const bool is_uri = url.rfind("postgres", 0) == 0 && url.find("://") != std::string::npos;
    if (!is_uri) return url + " options='-csearch_path=" + schema + "'";
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
}

class TestDatabase {
public:
    explicit TestDatabase(BackendKind kind) : kind_(kind) {
        var_dir_ = std::filesystem::temp_directory_path() / randomId("ceres-store-test-");
        std::filesystem::create_directories(var_dir_);
        if (kind_ == BackendKind::PostgreSQL) {
            schema_ = randomId("test_");
            admin() << "CREATE SCHEMA " + schema_, Poco::Data::Keywords::now;
        }
    }

    ~TestDatabase() {
        if (kind_ == BackendKind::PostgreSQL) admin() << "DROP SCHEMA " + schema_ + " CASCADE", Poco::Data::Keywords::now;
        std::filesystem::remove_all(var_dir_);
    }

    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    StoreConfig config(Clock clock) const {
        StoreConfig config;
        config.var_dir = var_dir_;
        config.clock = std::move(clock);
        if (kind_ == BackendKind::PostgreSQL) config.database_url = withSearchPath(*postgresTestUrl(), schema_);
        return config;
    }

    const std::filesystem::path& varDir() const { return var_dir_; }

private:
    static Poco::Data::Session admin() {
        Poco::Data::PostgreSQL::Connector::registerConnector();
        return Poco::Data::Session("PostgreSQL", postgresConnectionString(*postgresTestUrl()));
    }

    BackendKind kind_;
    std::filesystem::path var_dir_;
    std::string schema_;
};

// Base of the suites run on both backends; the PostgreSQL half is skipped without a cluster.
class BackendTest : public ::testing::TestWithParam<BackendKind> {
protected:
    void SetUp() override {
        if (GetParam() == BackendKind::PostgreSQL && !postgresTestUrl()) {
            GTEST_SKIP() << "reason: CERES_TEST_PG_URL is not set (scripts/test.sh sets it); start a cluster with scripts/pg-test-cluster.sh";
        }
        database_.emplace(GetParam());
    }

    StoreConfig config() { return database_->config(clock_.asClock()); }
    const std::filesystem::path& varDir() const { return database_->varDir(); }

    FakeClock clock_;
    std::optional<TestDatabase> database_;
};

#define CERES_ON_BOTH_BACKENDS(Suite)                                                              \
    INSTANTIATE_TEST_SUITE_P(Backends, Suite,                                                      \
                             ::testing::Values(::ceres::store::testing::BackendKind::SQLite,       \
                                               ::ceres::store::testing::BackendKind::PostgreSQL), \
                             ::ceres::store::testing::backendName)

}  // namespace ceres::store::testing
