#include "store/migrations.h"

#include <stdexcept>
#include <string>

#include <Poco/Exception.h>

#include "store/database.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;

struct Migration {
    int version;
    std::vector<std::string> common;
    std::vector<std::string> sqlite_only;
    std::vector<std::string> postgres_only;
};

// Append only: a released migration is never edited, a change is a new version.
const std::vector<Migration>& migrations() {
    static const std::vector<Migration> all = {
        {1,
         {R"(CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                job_json TEXT NOT NULL,
                idempotency_key TEXT NOT NULL DEFAULT '',
                requested_by_user TEXT NOT NULL DEFAULT '',
                requested_by_profile TEXT NOT NULL DEFAULT '',
                requested_by_perimeter TEXT NOT NULL DEFAULT '',
                callback_url TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                max_attempts INTEGER NOT NULL,
                last_error TEXT NOT NULL DEFAULT '',
                lease_owner TEXT NOT NULL DEFAULT '',
                lease_expires_at BIGINT NOT NULL DEFAULT 0,
                next_run_at BIGINT NOT NULL,
                pages_done INTEGER NOT NULL DEFAULT 0,
                pages_total INTEGER NOT NULL DEFAULT 0,
                document_ids TEXT NOT NULL DEFAULT '[]',
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL))",
          "CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency_key ON jobs (idempotency_key) "
          "WHERE idempotency_key <> ''",
          "CREATE INDEX IF NOT EXISTS jobs_claimable ON jobs (status, next_run_at)"},
         {},
         {}},
        {2,
         {R"(CREATE TABLE IF NOT EXISTS documents (
                id TEXT PRIMARY KEY,
                job_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                mime TEXT NOT NULL,
                session_id TEXT NOT NULL DEFAULT '',
                candidate_id TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 0,
                supersedes INTEGER NOT NULL DEFAULT 0,
                sha256 TEXT NOT NULL,
                pages INTEGER NOT NULL DEFAULT 0,
                size BIGINT NOT NULL,
                unique_number TEXT NOT NULL DEFAULT '',
                ud_code TEXT NOT NULL DEFAULT '',
                region TEXT NOT NULL DEFAULT '',
                siret TEXT NOT NULL DEFAULT '',
                created_at BIGINT NOT NULL))",
          "CREATE INDEX IF NOT EXISTS documents_job ON documents (job_id)",
          "CREATE INDEX IF NOT EXISTS documents_session ON documents (session_id, kind, candidate_id, version)",
          R"(CREATE TABLE IF NOT EXISTS download_audit (
                document_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                profile TEXT NOT NULL,
                perimeter TEXT NOT NULL,
                downloaded_at BIGINT NOT NULL))",
          "CREATE INDEX IF NOT EXISTS download_audit_document ON download_audit (document_id)"},
         {},
         {"CREATE TABLE IF NOT EXISTS document_blobs (sha256 TEXT PRIMARY KEY, bytes BYTEA NOT NULL)"}},
        {3,
         {R"(CREATE TABLE IF NOT EXISTS parchemins (
                seq BIGINT PRIMARY KEY,
                unique_number TEXT NOT NULL UNIQUE,
                candidate_id TEXT NOT NULL,
                title_code TEXT NOT NULL,
                session_id TEXT NOT NULL,
                ud_code TEXT NOT NULL,
                issued_on TEXT NOT NULL,
                postal_code TEXT NOT NULL,
                data_json TEXT NOT NULL,
                dispatched INTEGER NOT NULL DEFAULT 0,
                batch_id TEXT NOT NULL DEFAULT '',
                UNIQUE (candidate_id, title_code, session_id)))",
          "CREATE INDEX IF NOT EXISTS parchemins_ud_issued ON parchemins (ud_code, issued_on)",
          R"(CREATE TABLE IF NOT EXISTS print_batches (
                id TEXT PRIMARY KEY,
                ud_code TEXT NOT NULL,
                issued_from TEXT NOT NULL,
                issued_to TEXT NOT NULL,
                acknowledged INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL))",
          "CREATE UNIQUE INDEX IF NOT EXISTS print_batches_open ON print_batches "
          "(ud_code, issued_from, issued_to) WHERE acknowledged = 0"},
         // SQLite has no sequences: a counter row, bumped by one UPDATE … RETURNING.
         {"CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
          "INSERT INTO sequences (name, value) VALUES ('parchemin', 0) ON CONFLICT DO NOTHING"},
         {"CREATE SEQUENCE IF NOT EXISTS parchemin_seq"}},
        // Render metrics kept with each job, so that any process can report every worker's work:
        // when its last attempt was claimed, and once done, how long it took and the pages it
        // stored. Jobs done before this version keep no duration; their pages are counted.
        // jobs_due gives claims the queued jobs in due order without sorting the backlog.
        {4,
         {"DROP INDEX IF EXISTS jobs_claimable",
          "CREATE INDEX IF NOT EXISTS jobs_due ON jobs (status, next_run_at, created_at)",
          "ALTER TABLE jobs ADD COLUMN started_at BIGINT NOT NULL DEFAULT 0",
          "ALTER TABLE jobs ADD COLUMN render_ms BIGINT",
          "ALTER TABLE jobs ADD COLUMN pages_rendered INTEGER NOT NULL DEFAULT 0",
          "UPDATE jobs SET pages_rendered = (SELECT COALESCE(SUM(pages), 0) FROM documents "
          "WHERE documents.job_id = jobs.id) WHERE status = 'done'",
          "CREATE INDEX IF NOT EXISTS jobs_metrics ON jobs (kind, status, next_run_at, render_ms, pages_rendered)"},
         {},
         {}},
        // Print batches read their parchemins a page at a time in postal-code order.
        {5,
         {"CREATE INDEX IF NOT EXISTS parchemins_batch ON parchemins (batch_id, postal_code, seq)"},
         {},
         {}},
        // Withdrawn parchemins (R-DOC-7): recorded with who and when, never deleted nor changed.
        {6,
         {R"(CREATE TABLE IF NOT EXISTS parchemin_withdrawals (
                unique_number TEXT PRIMARY KEY,
                withdrawn_on TEXT NOT NULL,
                reason TEXT NOT NULL,
                reason_public INTEGER NOT NULL,
                withdrawn_by_user TEXT NOT NULL,
                withdrawn_by_profile TEXT NOT NULL,
                withdrawn_by_perimeter TEXT NOT NULL,
                recorded_at BIGINT NOT NULL))"},
         {"CREATE TRIGGER IF NOT EXISTS parchemin_withdrawals_no_delete BEFORE DELETE ON parchemin_withdrawals "
          "BEGIN SELECT RAISE(ABORT, 'parchemin withdrawals are never deleted'); END",
          "CREATE TRIGGER IF NOT EXISTS parchemin_withdrawals_no_update BEFORE UPDATE ON parchemin_withdrawals "
          "BEGIN SELECT RAISE(ABORT, 'parchemin withdrawals are never changed'); END"},
         {"CREATE OR REPLACE FUNCTION parchemin_withdrawals_keep() RETURNS trigger LANGUAGE plpgsql AS "
          "'BEGIN RAISE EXCEPTION ''parchemin withdrawals are never deleted nor changed''; END'",
          "CREATE TRIGGER parchemin_withdrawals_keep BEFORE UPDATE OR DELETE ON parchemin_withdrawals "
          "FOR EACH ROW EXECUTE FUNCTION parchemin_withdrawals_keep()"}},
        // Lost leases (a worker killed or cut off mid-job) are counted apart from attempts, with
        // their own limit, kept per job like max_attempts.
        {7,
         {"ALTER TABLE jobs ADD COLUMN lease_losses INTEGER NOT NULL DEFAULT 0",
          "ALTER TABLE jobs ADD COLUMN max_lease_losses INTEGER NOT NULL DEFAULT 20"},
         {},
         {}},
        // A job's attempt becomes visible whole or not at all: while it renders, a parchemin's
        // number is only reserved for its (candidate, TP, session), here; the parchemins row is
        // written with the documents and the job's completion, in one transaction. A number
        // reserved stays the key's, so a retried or killed attempt prints the same one. Numbers
        // issued before this version have no reservation: they are found as issued first.
        // The job keeps the warnings of the attempt that completed it.
        {8,
         {R"(CREATE TABLE IF NOT EXISTS parchemin_reservations (
                candidate_id TEXT NOT NULL,
                title_code TEXT NOT NULL,
                session_id TEXT NOT NULL,
                seq BIGINT NOT NULL UNIQUE,
                unique_number TEXT NOT NULL UNIQUE,
                reserved_at BIGINT NOT NULL,
                PRIMARY KEY (candidate_id, title_code, session_id)))",
          "ALTER TABLE jobs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'"},
         {},
         {}},
        // PostgreSQL numbers from a counter row too, bumped in the transaction that reserves the
        // number: a sequence's nextval survives the rollback of a killed attempt and left a gap.
        // The row starts at the last value the sequence gave, which is then no longer used.
        {9,
         {},
         {},
         {"CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
          "INSERT INTO sequences (name, value) SELECT 'parchemin', GREATEST(CASE WHEN is_called THEN last_value "
          "ELSE 0 END, (SELECT COALESCE(MAX(seq), 0) FROM parchemins), (SELECT COALESCE(MAX(seq), 0) FROM "
          "parchemin_reservations)) FROM parchemin_seq ON CONFLICT DO NOTHING",
          "DROP SEQUENCE parchemin_seq"}},
        // Each candidate's result on each PV version, written with its documents: a later version
        // says whose results changed since the one it supersedes.
        {10,
         {R"(CREATE TABLE IF NOT EXISTS pv_results (
                session_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                candidate_id TEXT NOT NULL,
                position INTEGER NOT NULL,
                last_name TEXT NOT NULL,
                first_name TEXT NOT NULL,
                decision TEXT NOT NULL,
                units TEXT NOT NULL,
                PRIMARY KEY (session_id, version, candidate_id)))"},
         {},
         {}},
    };
    return all;
}

// Several processes may start at once: PostgreSQL serialises them on an advisory lock,
// SQLite on its single writer lock, which the CREATE takes.
void createMigrationTable(Database& database, Database::Connection& connection) {
    inTransaction(connection, [&] {
        auto& session = connection.session();
        if (database.backend() == Backend::PostgreSQL) {
            session << "SELECT pg_advisory_xact_lock(7305280001)", now;
        }
        session << "CREATE TABLE IF NOT EXISTS schema_migrations "
                   "(version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
            now;
    });
}

// Claiming the version row first makes a concurrent runner wait, then skip it.
bool applyOnce(Database& database, Database::Connection& connection, const Migration& migration) {
    return inTransaction(connection, [&] {
        auto& session = connection.session();
        int version = migration.version;
        auto applied_at = toMillis(database.now());
        std::vector<int> claimed;
        session << database.sql("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?) "
                                "ON CONFLICT DO NOTHING RETURNING version"),
            useRef(version), useRef(applied_at), into(claimed), now;
        if (claimed.empty()) return false;
        const auto& specific =
            database.backend() == Backend::SQLite ? migration.sqlite_only : migration.postgres_only;
        for (const auto* statements : {&migration.common, &specific}) {
            for (const auto& statement : *statements) session << statement, now;
        }
        return true;
    });
}

}  // namespace

std::vector<int> applyMigrations(Database& database) {
    auto connection = database.connect();
    std::vector<int> applied;
    try {
        createMigrationTable(database, connection);
        for (const auto& migration : migrations()) {
            if (applyOnce(database, connection, migration)) applied.push_back(migration.version);
        }
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("store: schema migration failed: " + e.displayText());
    }
    return applied;
}

std::vector<int> appliedMigrations(Database& database) {
    auto connection = database.connect();
    std::vector<int> versions;
    connection.session() << "SELECT version FROM schema_migrations ORDER BY version", into(versions), now;
    return versions;
}

}  // namespace ceres::store
