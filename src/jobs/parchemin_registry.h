#pragma once
// Where parchemin numbers are assigned and issued parchemins are kept for reprints and print
// batches. Implemented by the store (SQLite or PostgreSQL); the pipeline only sees this interface.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/documents.h"

namespace ceres::jobs {

// A parchemin is issued once per (candidate, TP, session) — R-DOC-2.
struct ParcheminKey {
    std::string candidate_id;
    std::string title_code;
    std::string session_id;
};

struct ParcheminRecord {
    std::string unique_number;  // formatted with its check character
    ParcheminKey key;
    std::string ud_code;
    std::string issued_on;      // YYYY-MM-DD, the session's validation date
    std::string postal_code;    // of the holder, for print-batch ordering
    std::string data_json;      // everything needed to render it again, as issued
};

// A batch's parchemins are not held here: forEachInBatch hands them over a few at a time.
struct PrintBatch {
    std::string id;
    std::string ud_code, issued_from, issued_to;
    bool acknowledged = false;
    std::size_t size = 0;  // parchemins in the batch
    // Set by openBatch when it answers a batch opened before and still unacknowledged: then
    // `waiting` counts the parchemins of the UD and range issued since, for the next batch.
    bool reopened = false;
    std::size_t waiting = 0;
};

using ParcheminVisitor = std::function<void(const ParcheminRecord&)>;

// One candidate's result on a version of a session's PV: what the next version compares with.
struct CandidateResult {
    std::string candidate_id, last_name, first_name;
    std::string decision;  // ADMIS, AJOURNE, ABSENT, or "" when none was given
    std::string units;     // each CCP of the title in its order with its result: "CCP1=ACQUIS;CCP2="
};

// The results a PV version records, kept with its documents.
struct PvResults {
    std::string session_id;
    int version = 1;
    std::vector<CandidateResult> candidates;
};

class ParcheminRegistry {
public:
    virtual ~ParcheminRegistry() = default;
    // The record already stored for `key`, or a new one with a freshly allocated number, atomically:
    // two concurrent calls for one key get one number; numbers are never reused.
    virtual ParcheminRecord issue(const ParcheminKey& key, const std::string& ud_code,
                                  const std::string& issued_on, const std::string& postal_code,
                                  const std::string& data_json) = 0;
    // What a job rendering parchemins calls: the record already issued for `key`, or one with the
    // number reserved for the key (reserved once, for good: an attempt that fails, or is killed,
    // and its retry print the same number, so numbers have no gaps). A reserved number is no
    // parchemin yet: not found, not verifiable, in no print batch, until recordIssued is given
    // its record with the documents, when the job completes.
    virtual ParcheminRecord reserve(const ParcheminKey& key, const std::string& ud_code, const std::string& issued_on,
                                    const std::string& postal_code, const std::string& data_json) {
        return issue(key, ud_code, issued_on, postal_code, data_json);
    }
    // Makes reserved records issued (those issued already are left as they are).
    virtual void recordIssued(const std::vector<ParcheminRecord>& records) { (void)records; }
    virtual std::optional<ParcheminRecord> find(const ParcheminKey& key) = 0;
    virtual std::optional<ParcheminRecord> findByNumber(const std::string& unique_number) = 0;
    // The parchemin's withdrawal (R-DOC-7), if it was withdrawn.
    virtual std::optional<domain::Withdrawal> withdrawalOf(const std::string& unique_number) = 0;
    // The open (not yet acknowledged) batch for this UD and range, or a new one holding every
    // parchemin issued in the range that is neither dispatched, withdrawn (R-DOC-7) nor in another
    // open batch. A parchemin withdrawn after its batch was opened is left out of forEachInBatch.
    // An open batch found is `reopened`, with the count of parchemins `waiting` outside it.
    virtual PrintBatch openBatch(const std::string& ud_code, const std::string& issued_from,
                                 const std::string& issued_to) = 0;
    // The batch's parchemins in postal-code order (then issue order), read from the store a page
    // at a time and handed to `visit` one by one: a batch of any size takes little memory.
    virtual void forEachInBatch(const std::string& batch_id, const ParcheminVisitor& visit) = 0;
    // Any batch, open or acknowledged, by its id.
    virtual std::optional<PrintBatch> findBatch(const std::string& batch_id) = 0;
    // Marks the batch and its parchemins dispatched; false when no such open batch exists.
    virtual bool acknowledgeBatch(const std::string& batch_id) = 0;
    // The candidates' results of that PV version as last stored with its documents, if it was.
    virtual std::optional<std::vector<CandidateResult>> pvResults(const std::string& session_id, int version) {
        (void)session_id;
        (void)version;
        return std::nullopt;
    }
};

}  // namespace ceres::jobs
