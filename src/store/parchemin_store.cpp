#include "store/parchemin_store.h"

#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include "store/database.h"
#include "store/ids.h"
#include "store/rows.h"
#include "store/withdrawals.h"
#include "files/transient.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;

constexpr const char* kColumns =
    "unique_number, candidate_id, title_code, session_id, ud_code, issued_on, postal_code, data_json";
// R-DOC-7: a withdrawn parchemin is never put in a print batch, nor printed from one opened
// before its withdrawal.
constexpr const char* kNotWithdrawn =
    " AND NOT EXISTS (SELECT 1 FROM parchemin_withdrawals w WHERE w.unique_number = parchemins.unique_number)";

jobs::ParcheminRecord recordFrom(const Rows& rows, std::size_t row) {
    jobs::ParcheminRecord record;
    record.unique_number = rows.text(row, "unique_number");
    record.key = {rows.text(row, "candidate_id"), rows.text(row, "title_code"), rows.text(row, "session_id")};
    record.ud_code = rows.text(row, "ud_code");
    record.issued_on = rows.text(row, "issued_on");
    record.postal_code = rows.text(row, "postal_code");
    record.data_json = rows.text(row, "data_json");
    return record;
}

template <typename Work>
auto guarded(const std::string& action, Work&& work) {
    try {
        return work();
    } catch (const Poco::Exception& e) {
        throw files::TransientError("store: " + action + " failed: " + e.displayText());
    }
}

}  // namespace

ParcheminStore::ParcheminStore(Database& database, NumberFormatter formatNumber, std::size_t batch_page_size)
    : database_(database), formatNumber_(std::move(formatNumber)), batch_page_size_(batch_page_size) {
    if (!formatNumber_) throw std::invalid_argument("store: ParcheminStore needs a number formatter");
    if (batch_page_size_ == 0) throw std::invalid_argument("store: print batches are read at least one parchemin at a time");
}

jobs::ParcheminRecord ParcheminStore::issue(const jobs::ParcheminKey& key, const std::string& ud_code,
                                            const std::string& issued_on, const std::string& postal_code,
                                            const std::string& data_json) {
    const auto record = reserve(key, ud_code, issued_on, postal_code, data_json);
    recordIssued({record});
    auto stored = find(key);
    if (!stored) throw std::runtime_error("store: the parchemin just issued cannot be read back");
    return *stored;
}

std::optional<std::string> ParcheminStore::reservedNumber(const jobs::ParcheminKey& key) {
    std::vector<std::string> numbers;
    guarded("reading parchemin reservations", [&] {
        auto connection = database_.connect();
        connection.session() << database_.sql("SELECT unique_number FROM parchemin_reservations WHERE candidate_id = ? "
                                              "AND title_code = ? AND session_id = ?"),
            useRef(key.candidate_id), useRef(key.title_code), useRef(key.session_id), into(numbers), now;
    });
    if (numbers.empty()) return std::nullopt;
    return numbers.front();
}

jobs::ParcheminRecord ParcheminStore::reserve(const jobs::ParcheminKey& key, const std::string& ud_code,
                                              const std::string& issued_on, const std::string& postal_code,
                                              const std::string& data_json) {
    if (auto existing = find(key)) return *existing;
    auto number = reservedNumber(key);
    if (!number) {
        reserveNext(key);
        number = reservedNumber(key);
        if (!number) throw std::runtime_error("store: the parchemin number just reserved cannot be read back");
    }
    return jobs::ParcheminRecord{*number, key, ud_code, issued_on, postal_code, data_json};
}

// The next value of the counter row and the reservation holding it are written in one
// transaction, so numbers have no gaps: a process killed before the commit takes its value back
// with it (a PostgreSQL sequence would not: nextval is never rolled back), and a concurrent call
// that reserved the key first leaves the counter as it was. The counter row, locked from the
// increment to the commit, makes reservations take their turn.
void ParcheminStore::reserveNext(const jobs::ParcheminKey& key) {
    guarded("reserving a parchemin number", [&] {
        auto connection = database_.connect();
        inTransaction(connection, [&] {
            auto& session = connection.session();
            std::int64_t seq = 0;
            session << "UPDATE sequences SET value = value + 1 WHERE name = 'parchemin' RETURNING value", into(seq), now;
            if (seq <= 0) throw std::runtime_error("store: the parchemin counter returned no value");
            const std::string formatted = formatNumber_(static_cast<std::uint64_t>(seq));
            std::vector<std::int64_t> inserted;
            session << database_.sql("INSERT INTO parchemin_reservations (candidate_id, title_code, session_id, seq, "
                                     "unique_number, reserved_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING "
                                     "RETURNING seq"),
                useRef(key.candidate_id), useRef(key.title_code), useRef(key.session_id), useRef(seq),
                useRef(formatted), bind(toMillis(database_.now())), into(inserted), now;
            if (inserted.empty()) session << "UPDATE sequences SET value = value - 1 WHERE name = 'parchemin'", now;
        });
    });
}

void ParcheminStore::recordIssued(const std::vector<jobs::ParcheminRecord>& records) {
    if (records.empty()) return;
    guarded("issuing parchemins", [&] {
        auto connection = database_.connect();
        inTransaction(connection, [&] { recordIssued(connection.session(), records); });
    });
}

// From the reservation: the number and its sequence value stay what the documents print.
void ParcheminStore::recordIssued(Poco::Data::Session& session, const std::vector<jobs::ParcheminRecord>& records) {
    guarded("issuing parchemins", [&] {
        for (const auto& r : records) {
            session << database_.sql(std::string("INSERT INTO parchemins (seq, ") + kColumns +
                                     ") SELECT seq, unique_number, candidate_id, title_code, session_id, ?, ?, ?, ? "
                                     "FROM parchemin_reservations WHERE candidate_id = ? AND title_code = ? "
                                     "AND session_id = ? AND unique_number = ? "
                                     "ON CONFLICT DO NOTHING"),  // recorded by a concurrent attempt: the same row
                useRef(r.ud_code), useRef(r.issued_on), useRef(r.postal_code), useRef(r.data_json),
                useRef(r.key.candidate_id), useRef(r.key.title_code), useRef(r.key.session_id),
                useRef(r.unique_number), now;
        }
    });
}

std::optional<jobs::ParcheminRecord> ParcheminStore::find(const jobs::ParcheminKey& key) {
    auto found = select("candidate_id = ? AND title_code = ? AND session_id = ?",
                        {key.candidate_id, key.title_code, key.session_id});
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<jobs::ParcheminRecord> ParcheminStore::findByNumber(const std::string& unique_number) {
    auto found = select("unique_number = ?", {unique_number});
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<domain::Withdrawal> ParcheminStore::withdrawalOf(const std::string& unique_number) {
    const auto withdrawal = WithdrawalStore(database_).find(unique_number);
    if (!withdrawal) return std::nullopt;
    const auto date = domain::Date::parse(withdrawal->withdrawn_on);
    if (!date) throw std::runtime_error("store: the withdrawal of " + unique_number + " has no valid date");
    return domain::Withdrawal{*date, withdrawal->reason};
}

jobs::PrintBatch ParcheminStore::openBatch(const std::string& ud_code, const std::string& issued_from,
                                           const std::string& issued_to) {
    if (auto open = openBatchFor(ud_code, issued_from, issued_to)) {
        open->reopened = true;
        open->waiting = waitingCount(ud_code, issued_from, issued_to);
        return *open;
    }
    createBatch(ud_code, issued_from, issued_to);
    auto created = openBatchFor(ud_code, issued_from, issued_to);
    if (!created) throw std::runtime_error("store: the print batch just opened cannot be read back");
    return *created;
}

// The unique index on open batches lets one of two concurrent openers create it; the other
// finds it afterwards.
void ParcheminStore::createBatch(const std::string& ud_code, const std::string& issued_from,
                                 const std::string& issued_to) {
    guarded("opening a print batch", [&] {
        auto connection = database_.connect();
        inTransaction(connection, [&] {
            auto& session = connection.session();
            std::vector<std::string> created;
            session << database_.sql("INSERT INTO print_batches (id, ud_code, issued_from, issued_to, acknowledged, "
                                     "created_at) VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (ud_code, issued_from, "
                                     "issued_to) WHERE acknowledged = 0 DO NOTHING RETURNING id"),
                bind(randomId("batch_")), useRef(ud_code), useRef(issued_from), useRef(issued_to),
                bind(toMillis(database_.now())), into(created), now;
            if (created.empty()) return;
            session << database_.sql("UPDATE parchemins SET batch_id = ? WHERE ud_code = ? AND issued_on >= ? "
                                     "AND issued_on <= ? AND dispatched = 0 AND batch_id = ''" + std::string(kNotWithdrawn)),
                useRef(created.front()), useRef(ud_code), useRef(issued_from), useRef(issued_to), now;
        });
    });
}

// What the next batch of this UD and range would hold: the parchemins createBatch would take.
std::size_t ParcheminStore::waitingCount(const std::string& ud_code, const std::string& issued_from,
                                         const std::string& issued_to) {
    std::int64_t count = 0;
    guarded("counting parchemins waiting for a print batch", [&] {
        auto connection = database_.connect();
        connection.session() << database_.sql("SELECT COUNT(*) FROM parchemins WHERE ud_code = ? AND issued_on >= ? "
                                              "AND issued_on <= ? AND dispatched = 0 AND batch_id = ''" +
                                              std::string(kNotWithdrawn)),
            useRef(ud_code), useRef(issued_from), useRef(issued_to), into(count), now;
    });
    return static_cast<std::size_t>(count);
}

std::optional<jobs::PrintBatch> ParcheminStore::openBatchFor(const std::string& ud_code,
                                                             const std::string& issued_from,
                                                             const std::string& issued_to) {
    std::vector<std::string> ids;
    guarded("reading print batches", [&] {
        auto connection = database_.connect();
        connection.session() << database_.sql("SELECT id FROM print_batches WHERE ud_code = ? AND issued_from = ? "
                                              "AND issued_to = ? AND acknowledged = 0"),
            useRef(ud_code), useRef(issued_from), useRef(issued_to), into(ids), now;
    });
    if (ids.empty()) return std::nullopt;
    return jobs::PrintBatch{ids.front(), ud_code, issued_from, issued_to, false, batchSize(ids.front())};
}

std::optional<jobs::PrintBatch> ParcheminStore::findBatch(const std::string& batch_id) {
    std::vector<std::string> ud_code, issued_from, issued_to;
    std::vector<int> acknowledged;
    guarded("reading print batch " + batch_id, [&] {
        auto connection = database_.connect();
        connection.session() << database_.sql("SELECT ud_code, issued_from, issued_to, acknowledged FROM print_batches "
                                              "WHERE id = ?"),
            useRef(batch_id), into(ud_code), into(issued_from), into(issued_to), into(acknowledged), now;
    });
    if (ud_code.empty()) return std::nullopt;
    return jobs::PrintBatch{batch_id,           ud_code.front(),          issued_from.front(),
                            issued_to.front(), acknowledged.front() != 0, batchSize(batch_id)};
}

std::size_t ParcheminStore::batchSize(const std::string& batch_id) {
    std::int64_t count = 0;
    guarded("counting print batch " + batch_id, [&] {
        auto connection = database_.connect();
        connection.session() << database_.sql("SELECT COUNT(*) FROM parchemins WHERE batch_id = ?" +
                                              std::string(kNotWithdrawn)),
            useRef(batch_id),
            into(count), now;
    });
    return static_cast<std::size_t>(count);
}

// Keyset pagination on (postal_code, seq), the batch's order: each page starts after the last
// record of the previous one, so no statement stays open while the caller renders.
void ParcheminStore::forEachInBatch(const std::string& batch_id, const jobs::ParcheminVisitor& visit) {
    const std::string page_size = std::to_string(batch_page_size_);
    std::string after_postal_code;
    std::int64_t after_seq = -1;
    for (;;) {
        std::vector<jobs::ParcheminRecord> records;
        guarded("reading print batch " + batch_id, [&] {
            auto connection = database_.connect();
            Poco::Data::Statement statement(connection.session());
            statement << database_.sql(std::string("SELECT seq, ") + kColumns +
                                       " FROM parchemins WHERE batch_id = ? AND (postal_code > ? OR "
                                       "(postal_code = ? AND seq > ?))" + kNotWithdrawn + " ORDER BY postal_code, seq LIMIT " +
                                       page_size),
                useRef(batch_id), useRef(after_postal_code), useRef(after_postal_code), useRef(after_seq);
            statement.execute();
            const Rows rows(statement);
            for (std::size_t row = 0; row < rows.size(); ++row) records.push_back(recordFrom(rows, row));
            if (!rows.empty()) after_seq = rows.integer(rows.size() - 1, "seq");
        });
        for (const auto& record : records) visit(record);
        if (records.size() < batch_page_size_) return;
        after_postal_code = records.back().postal_code;
    }
}

bool ParcheminStore::acknowledgeBatch(const std::string& batch_id) {
    return guarded("acknowledging print batch " + batch_id, [&] {
        auto connection = database_.connect();
        return inTransaction(connection, [&] {
            auto& session = connection.session();
            std::vector<std::string> acknowledged;
            session << database_.sql("UPDATE print_batches SET acknowledged = 1 WHERE id = ? AND acknowledged = 0 "
                                     "RETURNING id"),
                useRef(batch_id), into(acknowledged), now;
            if (acknowledged.empty()) return false;
            session << database_.sql("UPDATE parchemins SET dispatched = 1 WHERE batch_id = ?"), useRef(batch_id),
                now;
            return true;
        });
    });
}

std::vector<jobs::ParcheminRecord> ParcheminStore::select(const std::string& where,
                                                          const std::vector<std::string>& values) {
    return guarded("reading parchemins", [&] {
        auto connection = database_.connect();
        Poco::Data::Statement statement(connection.session());
        statement << database_.sql(std::string("SELECT ") + kColumns + " FROM parchemins WHERE " + where);
        for (const auto& value : values) statement.addBind(useRef(value));
        statement.execute();
        const Rows rows(statement);
        std::vector<jobs::ParcheminRecord> records;
        for (std::size_t row = 0; row < rows.size(); ++row) records.push_back(recordFrom(rows, row));
        return records;
    });
}

std::optional<std::vector<jobs::CandidateResult>> ParcheminStore::pvResults(const std::string& session_id,
                                                                              int version) {
    std::vector<jobs::CandidateResult> results;
    guarded("reading the results of a PV version", [&] {
        auto connection = database_.connect();
        Poco::Data::Statement statement(connection.session());
        statement << database_.sql("SELECT candidate_id, last_name, first_name, decision, units FROM pv_results "
                                   "WHERE session_id = ? AND version = ? ORDER BY position"),
            useRef(session_id), useRef(version);
        statement.execute();
        const Rows rows(statement);
        for (std::size_t row = 0; row < rows.size(); ++row)
            results.push_back({rows.text(row, "candidate_id"), rows.text(row, "last_name"), rows.text(row, "first_name"),
                               rows.text(row, "decision"), rows.text(row, "units")});
    });
    if (results.empty()) return std::nullopt;
    return results;
}

void ParcheminStore::recordPvResults(const jobs::PvResults& results) {
    guarded("recording the results of a PV version", [&] {
        auto connection = database_.connect();
        inTransaction(connection, [&] { recordPvResults(connection.session(), results); });
    });
}

void ParcheminStore::recordPvResults(Poco::Data::Session& session, const jobs::PvResults& results) {
    guarded("recording the results of a PV version", [&] {
        int version = results.version;
        session << database_.sql("DELETE FROM pv_results WHERE session_id = ? AND version = ?"),
            useRef(results.session_id), useRef(version), now;
        int position = 0;
        for (const auto& c : results.candidates) {
            ++position;
            session << database_.sql("INSERT INTO pv_results (session_id, version, candidate_id, position, last_name, "
                                     "first_name, decision, units) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                                     "(session_id, version, candidate_id) DO UPDATE SET position = excluded.position, "
                                     "last_name = excluded.last_name, first_name = excluded.first_name, "
                                     "decision = excluded.decision, units = excluded.units"),
                useRef(results.session_id), useRef(version), useRef(c.candidate_id), useRef(position),
                useRef(c.last_name), useRef(c.first_name), useRef(c.decision), useRef(c.units), now;
        }
    });
}

}  // namespace ceres::store
