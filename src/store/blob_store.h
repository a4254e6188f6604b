#pragma once
// Where document bytes live, addressed by their SHA-256: files under var_dir/docs with SQLite,
// a bytea table with PostgreSQL so every worker machine sees them.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ceres::store {

class Database;

class BlobStore {
public:
    virtual ~BlobStore() = default;
    // Stores `bytes` under `sha256` unless already there; never leaves a partial blob visible.
    // True when this call stored it.
    virtual bool put(const std::string& sha256, std::string_view bytes) = 0;
    // The same for the content of `file`, a finished file the caller keeps (a spooled print
    // batch): taken over without ever being held in memory whole.
    virtual bool putFile(const std::string& sha256, const std::filesystem::path& file) = 0;
    // Removes the blob unless a document row refers to it: what a failed attempt stored.
    virtual void removeUnreferenced(const std::string& sha256) = 0;
    // `length` bytes from `offset`, which the caller keeps within the blob.
    virtual std::string read(const std::string& sha256, std::uint64_t offset, std::uint64_t length) = 0;
};

std::unique_ptr<BlobStore> makeBlobStore(Database& database);

}  // namespace ceres::store
