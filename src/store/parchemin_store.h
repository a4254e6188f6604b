#pragma once
// Parchemin numbers and print batches in the database: a number is allocated once per
// (candidate, TP, session), never reused, unique across every process sharing the database.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "jobs/parchemin_registry.h"

namespace Poco::Data { class Session; }

namespace ceres::store {

class Database;

// Turns a sequence value into the printed number (with its check character).
using NumberFormatter = std::function<std::string(std::uint64_t)>;

class ParcheminStore final : public jobs::ParcheminRegistry {
public:
    // A print batch is read `batch_page_size` parchemins at a time.
    ParcheminStore(Database& database, NumberFormatter formatNumber, std::size_t batch_page_size = 256);

    // Reserves, then records at once.
    jobs::ParcheminRecord issue(const jobs::ParcheminKey& key, const std::string& ud_code,
                                const std::string& issued_on, const std::string& postal_code,
                                const std::string& data_json) override;
    jobs::ParcheminRecord reserve(const jobs::ParcheminKey& key, const std::string& ud_code,
                                  const std::string& issued_on, const std::string& postal_code,
                                  const std::string& data_json) override;
    void recordIssued(const std::vector<jobs::ParcheminRecord>& records) override;
    // The same inside the caller's transaction: with the job's documents and its completion.
    void recordIssued(Poco::Data::Session& session, const std::vector<jobs::ParcheminRecord>& records);
    std::optional<jobs::ParcheminRecord> find(const jobs::ParcheminKey& key) override;
    std::optional<jobs::ParcheminRecord> findByNumber(const std::string& unique_number) override;
    std::optional<domain::Withdrawal> withdrawalOf(const std::string& unique_number) override;
    jobs::PrintBatch openBatch(const std::string& ud_code, const std::string& issued_from,
                               const std::string& issued_to) override;
    void forEachInBatch(const std::string& batch_id, const jobs::ParcheminVisitor& visit) override;
    std::optional<jobs::PrintBatch> findBatch(const std::string& batch_id) override;
    bool acknowledgeBatch(const std::string& batch_id) override;
    std::optional<std::vector<jobs::CandidateResult>> pvResults(const std::string& session_id, int version) override;
    // Keeps a PV version's results (replacing those stored for that version before); the second
    // form inside the caller's transaction, with the job's documents.
    void recordPvResults(const jobs::PvResults& results);
    void recordPvResults(Poco::Data::Session& session, const jobs::PvResults& results);

private:
    void reserveNext(const jobs::ParcheminKey& key);
    std::optional<std::string> reservedNumber(const jobs::ParcheminKey& key);
    std::vector<jobs::ParcheminRecord> select(const std::string& where, const std::vector<std::string>& values);
    std::optional<jobs::PrintBatch> openBatchFor(const std::string& ud_code, const std::string& issued_from,
                                                 const std::string& issued_to);
    void createBatch(const std::string& ud_code, const std::string& issued_from, const std::string& issued_to);
    std::size_t batchSize(const std::string& batch_id);
    std::size_t waitingCount(const std::string& ud_code, const std::string& issued_from, const std::string& issued_to);

    Database& database_;
    NumberFormatter formatNumber_;
    std::size_t batch_page_size_;
};

}  // namespace ceres::store
