#pragma once
// Rendered documents: metadata in the database, bytes content-addressed by SHA-256 (files
// under var_dir/docs with SQLite, bytea with PostgreSQL).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jobs/document.h"
#include "store/config.h"

namespace ceres::store {

class BlobStore;
class Database;

// What the documents of one job share: the job and the perimeter they belong to.
struct DocumentScope {
    std::string job_id;
    std::string ud_code;
    std::string region;
    std::string siret;
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
    std::string ud_code;
    std::string region;
    std::string siret;
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

    std::optional<DocumentInfo> find(const std::string& id);
    std::optional<StoredDocument> get(const std::string& id, std::optional<ByteRange> range = std::nullopt);
    // The highest version of each document (kind, candidate) of the session.
    std::vector<DocumentInfo> latestOfSession(const std::string& session_id);
    std::vector<DocumentInfo> ofJob(const std::string& job_id);

    // Deterministic: the same job and file name always give the same id.
    static std::string documentId(const std::string& job_id, const std::string& file_name);

private:
    std::vector<DocumentInfo> select(const std::string& where, const std::string& value);
    void upsert(const DocumentScope& scope, const jobs::Document& document, const std::string& sha256);

    Database& database_;
    std::unique_ptr<BlobStore> blobs_;
};

}  // namespace ceres::store
