#pragma once
// Parchemins withdrawn (R-DOC-7): one row per number, with who recorded it and when. Rows are
// never deleted nor changed; the database refuses it (migration 6).
#include <optional>
#include <string>
#include <vector>

#include "store/config.h"

namespace ceres::store {

class Database;

struct WithdrawalRecord {
    std::string unique_number;
    std::string withdrawn_on;  // YYYY-MM-DD, the date the withdrawal takes effect
    std::string reason;
    bool reason_public = true;  // false: verification says the parchemin is withdrawn, not why
    std::string user;           // who recorded it: the token's sub, profile and perimeter
    std::string profile;
    std::string perimeter;
    TimePoint recorded_at{};    // set by record()
};

class WithdrawalStore {
public:
    explicit WithdrawalStore(Database& database) : database_(database) {}

    // Records the withdrawal unless the number already has one; either way returns the stored
    // record and whether it is this call's. Two concurrent calls for one number record one.
    std::pair<WithdrawalRecord, bool> record(const WithdrawalRecord& withdrawal);
    std::optional<WithdrawalRecord> find(const std::string& unique_number);
    // Every withdrawal, in number order.
    std::vector<WithdrawalRecord> all();

private:
    std::vector<WithdrawalRecord> select(const std::string& where, const std::vector<std::string>& values);

    Database& database_;
};

}  // namespace ceres::store
