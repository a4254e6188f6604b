#include "store/database.h"

#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "store/store.h"
#include "store/test_database.h"

namespace ceres::store {
namespace {

using testing::BackendTest;

class DatabaseTest : public BackendTest {};

TEST_P(DatabaseTest, OpeningMigratesTheSchemaOnce) {
    auto database = Database::open(config());
    EXPECT_EQ(appliedMigrations(*database), (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
    EXPECT_TRUE(applyMigrations(*database).empty());
}

TEST_P(DatabaseTest, ReopeningAnExistingDatabaseAppliesNothingAgain) {
    Database::open(config());
    auto reopened = Database::open(config());
    EXPECT_TRUE(applyMigrations(*reopened).empty());
    EXPECT_EQ(appliedMigrations(*reopened), (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

TEST_P(DatabaseTest, ConcurrentStartsMigrateOnce) {
    std::vector<std::thread> starts;
    for (int i = 0; i < 4; ++i) starts.emplace_back([&] { Database::open(config()); });
    for (auto& start : starts) start.join();
    EXPECT_EQ(appliedMigrations(*Database::open(config())), (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

TEST_P(DatabaseTest, MoreThreadsThanConnectionsWaitForOne) {
    auto small = config();
    small.pool_size = 2;
    auto database = Database::open(small);
    std::vector<std::thread> users;
    std::atomic<int> answered{0};
    for (int i = 0; i < 8; ++i) {
        users.emplace_back([&] {
            for (int n = 0; n < 20; ++n) {
                int one = 0;
                database->connect().session() << "SELECT 1", Poco::Data::Keywords::into(one),
                    Poco::Data::Keywords::now;
                answered += one;
            }
        });
    }
    for (auto& user : users) user.join();
    EXPECT_EQ(answered, 160);
}

TEST_P(DatabaseTest, StoreOpensEveryPartOnOneDatabase) {
    Store store(config(), [](std::uint64_t value) { return "N" + std::to_string(value); });
    EXPECT_EQ(store.parchemins().issue({"C1", "TP-01281", "S1"}, "75", "2026-03-12", "75011", "{}").unique_number, "N1");
    EXPECT_TRUE(store.documents().ofJob("job_1").empty());
    EXPECT_TRUE(store.downloads().ofDocument("doc_1").empty());
    EXPECT_EQ(appliedMigrations(store.database()), (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

CERES_ON_BOTH_BACKENDS(DatabaseTest);

TEST(DatabaseConfig, EmptyUrlMeansSqliteUnderVarDir) {
    testing::TestDatabase scratch(testing::BackendKind::SQLite);
    auto database = Database::open(scratch.config([] { return TimePoint(); }));
    EXPECT_EQ(database->backend(), Backend::SQLite);
    EXPECT_TRUE(std::filesystem::exists(scratch.varDir() / "ceres.db"));
}

TEST(DatabaseConfig, PostgresUrlBecomesKeywords) {
    EXPECT_EQ(postgresConnectionString("postgresql://ceres:s3cr%27t@db.example:6543/ceres?sslmode=require"),
              "host='db.example' port='6543' user='ceres' password='s3cr\\'t' dbname='ceres' sslmode='require'");
    EXPECT_EQ(postgresConnectionString("postgres://127.0.0.1/ceres"), "host='127.0.0.1' dbname='ceres'");
}

TEST(DatabaseConfig, KeywordStringsPassThrough) {
    EXPECT_EQ(postgresConnectionString("host=/run/postgresql dbname=ceres"), "host=/run/postgresql dbname=ceres");
}

TEST(DatabaseConfig, UnreachablePostgresIsAnErrorWithContext) {
    StoreConfig config;
    config.database_url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2";
    try {
        Database::open(config);
        FAIL() << "opened an unreachable database";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot connect to PostgreSQL"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace ceres::store
