#include "store/withdrawals.h"

#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include "store/database.h"
#include "store/rows.h"
#include "files/transient.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kColumns =
    "unique_number, withdrawn_on, reason, reason_public, withdrawn_by_user, withdrawn_by_profile, "
    "withdrawn_by_perimeter, recorded_at";

WithdrawalRecord recordFrom(const Rows& rows, std::size_t row) {
    return {rows.text(row, "unique_number"),
            rows.text(row, "withdrawn_on"),
            rows.text(row, "reason"),
            rows.integer(row, "reason_public") != 0,
            rows.text(row, "withdrawn_by_user"),
            rows.text(row, "withdrawn_by_profile"),
            rows.text(row, "withdrawn_by_perimeter"),
            fromMillis(rows.integer(row, "recorded_at"))};
}

}  // namespace

std::pair<WithdrawalRecord, bool> WithdrawalStore::record(const WithdrawalRecord& w) {
    std::vector<std::string> inserted;
    try {
        auto connection = database_.connect();
        connection.session() << database_.sql(std::string("INSERT INTO parchemin_withdrawals (") + kColumns +
                                              ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unique_number) "
                                              "DO NOTHING RETURNING unique_number"),
            useRef(w.unique_number), useRef(w.withdrawn_on), useRef(w.reason), bind(w.reason_public ? 1 : 0),
            useRef(w.user), useRef(w.profile), useRef(w.perimeter), bind(toMillis(database_.now())), into(inserted),
            now;
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("store: recording the withdrawal of " + w.unique_number + " failed: " + e.displayText());
    }
    auto stored = find(w.unique_number);
    if (!stored) throw std::runtime_error("store: the withdrawal just recorded cannot be read back");
    return {*stored, !inserted.empty()};
}

std::optional<WithdrawalRecord> WithdrawalStore::find(const std::string& unique_number) {
    auto found = select("WHERE unique_number = ?", {unique_number});
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<WithdrawalRecord> WithdrawalStore::all() { return select("ORDER BY unique_number", {}); }

std::vector<WithdrawalRecord> WithdrawalStore::select(const std::string& where, const std::vector<std::string>& values) {
    try {
        auto connection = database_.connect();
        Poco::Data::Statement statement(connection.session());
        statement << database_.sql(std::string("SELECT ") + kColumns + " FROM parchemin_withdrawals " + where);
        for (const auto& value : values) statement.addBind(useRef(value));
        statement.execute();
        const Rows rows(statement);
        std::vector<WithdrawalRecord> records;
        for (std::size_t row = 0; row < rows.size(); ++row) records.push_back(recordFrom(rows, row));
        return records;
    } catch (const Poco::Exception& e) {
        throw files::TransientError("store: reading withdrawals failed: " + e.displayText());
    }
}

}  // namespace ceres::store
