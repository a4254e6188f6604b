#pragma once
// Rendered documents: metadata in the database, bytes content-addressed by SHA-256 (files
// under var_dir/docs with SQLite, bytea with PostgreSQL).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "jobs/document.h"
#include "store/config.h"

namespace Poco::Data { class Session; }

namespace ceres::store {

class BlobStore;
class Database;

// What the documents of one job share: the job and the perimeter they belong to.
struct DocumentScope {
    std::string job_id;
    domain::Perimeter perimeter;
};

struct DocumentInfo {
    std::string id;
    std::string job_id;
    std::string kind;
    std::string file_name;
    std::string mime;
    std::string session_id;
    std::string candidate_id;
    int version = 0;
    int supersedes = 0;
    std::string sha256;
    int pages = 0;
    std::uint64_t size = 0;
    std::string unique_number;  // parchemins only
    domain::Perimeter perimeter;
    TimePoint created_at;
};

// A byte range as HTTP Range asks for it; clipped to the document.
struct ByteRange {
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
};

struct StoredDocument {
    DocumentInfo info;
    std::string bytes;  // the whole document, or the requested range of it
};

// Document bytes put in place ahead of their rows: invisible until rows point at them.
struct StagedDocuments {
    std::vector<std::string> sha256;   // one per document, in order
    std::vector<std::string> created;  // the blobs this staging stored (a failed attempt removes them)
};

class DocumentStore {
public:
    explicit DocumentStore(Database& database);
    ~DocumentStore();
    DocumentStore(const DocumentStore&) = delete;
    DocumentStore& operator=(const DocumentStore&) = delete;

    // Saving a job's documents again (a re-run) replaces them under the same ids; identical
    // bytes are stored once. A spooled document is taken over from its file, never read whole
    // into memory.
    std::vector<DocumentInfo> save(const DocumentScope& scope, const std::vector<jobs::Document>& documents);

    // save() in three steps, so that a job's documents appear in one transaction with the rest
    // of what its attempt did, or not at all: the bytes first (outside any transaction), then
    // the rows in the caller's transaction; discard() removes the bytes of an attempt whose
    // transaction did not commit.
    StagedDocuments stage(const std::vector<jobs::Document>& documents);
    void record(Poco::Data::Session& session, const DocumentScope& scope, const std::vector<jobs::Document>& documents,
                const StagedDocuments& staged);
    void discard(const StagedDocuments& staged) noexcept;

    std::optional<DocumentInfo> find(const std::string& id);
    std::optional<StoredDocument> get(const std::string& id, std::optional<ByteRange> range = std::nullopt);
    // The highest version of each document (kind, candidate) of the session.
    std::vector<DocumentInfo> latestOfSession(const std::string& session_id);
    std::vector<DocumentInfo> ofJob(const std::string& job_id);

    // Deterministic: the same job and file name always give the same id.
    static std::string documentId(const std::string& job_id, const std::string& file_name);

private:
    std::vector<DocumentInfo> select(const std::string& where, const std::string& value);
    void upsert(Poco::Data::Session& session, const DocumentScope& scope, const jobs::Document& document,
                const std::string& sha256);

    Database& database_;
    std::unique_ptr<BlobStore> blobs_;
};

}  // namespace ceres::store
