#include "store/blob_store.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <Poco/Data/LOB.h>
#include <Poco/Exception.h>

#include "store/database.h"
#include "store/ids.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

[[noreturn]] void throwErrno(const std::string& action, const fs::path& path) {
    throw std::runtime_error("store: cannot " + action + " " + path.string() + ": " + std::strerror(errno));
}

class FileDescriptor {
public:
    FileDescriptor(const fs::path& path, int flags, const std::string& action)
        : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0644)) {
        if (fd_ < 0) throwErrno(action, path);
    }
    ~FileDescriptor() { ::close(fd_); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }

private:
    int fd_;
};

void writeAll(const FileDescriptor& file, std::string_view bytes, const fs::path& path) {
    while (!bytes.empty()) {
        const auto written = ::write(file.get(), bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) throwErrno("write", path);
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    if (::fsync(file.get()) != 0) throwErrno("flush", path);
}

// var_dir/docs/ab/cdef…: the first two hex digits fan the files out over 256 directories.
class FileBlobStore final : public BlobStore {
public:
    explicit FileBlobStore(fs::path root) : root_(std::move(root)) {}

    void put(const std::string& sha256, std::string_view bytes) override {
        const auto target = pathOf(sha256);
        if (fs::exists(target)) return;
        const auto directory = target.parent_path();
        fs::create_directories(directory);
        // Written aside then renamed: readers see the whole file or none of it.
        const auto temporary = directory / (".tmp-" + randomId(""));
        try {
            writeAll(FileDescriptor(temporary, O_WRONLY | O_CREAT | O_EXCL, "create"), bytes, temporary);
            if (::rename(temporary.c_str(), target.c_str()) != 0) throwErrno("rename into place", target);
        } catch (...) {
            std::error_code ignored;  // keep the error that brought us here
            fs::remove(temporary, ignored);
            throw;
        }
        // The rename itself survives a crash only once the directory is flushed.
        if (::fsync(FileDescriptor(directory, O_RDONLY | O_DIRECTORY, "open").get()) != 0) {
            throwErrno("flush", directory);
        }
    }

    std::string read(const std::string& sha256, std::uint64_t offset, std::uint64_t length) override {
        const auto path = pathOf(sha256);
        std::ifstream in(path, std::ios::binary);
        if (!in) throwErrno("open", path);
        std::string bytes(length, '\0');
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(bytes.data(), static_cast<std::streamsize>(length));
        if (static_cast<std::uint64_t>(in.gcount()) != length) {
            throw std::runtime_error("store: " + path.string() + " is shorter than its recorded size");
        }
        return bytes;
    }

private:
    fs::path pathOf(const std::string& sha256) const {
        if (sha256.size() != 64) throw std::invalid_argument("store: not a SHA-256: " + sha256);
        return root_ / sha256.substr(0, 2) / sha256.substr(2);
    }

    fs::path root_;
};

class DatabaseBlobStore final : public BlobStore {
public:
    explicit DatabaseBlobStore(Database& database) : database_(database) {}

    void put(const std::string& sha256, std::string_view bytes) override {
        auto connection = database_.connect();
        Poco::Data::BLOB blob(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
        try {
            connection.session() << database_.sql("INSERT INTO document_blobs (sha256, bytes) VALUES (?, ?) "
                                                  "ON CONFLICT DO NOTHING"),
                useRef(sha256), use(blob), now;
        } catch (const Poco::Exception& e) {
            throw std::runtime_error("store: cannot save document bytes " + sha256 + ": " + e.displayText());
        }
    }

    std::string read(const std::string& sha256, std::uint64_t offset, std::uint64_t length) override {
        auto connection = database_.connect();
        Poco::Data::BLOB blob;
        try {
            connection.session() << database_.sql("SELECT substring(bytes FROM CAST(? AS INTEGER) FOR CAST(? AS INTEGER)) "
                                                  "FROM document_blobs WHERE sha256 = ?"),
                bind(static_cast<std::int64_t>(offset + 1)), bind(static_cast<std::int64_t>(length)),
                useRef(sha256), into(blob), now;
        } catch (const Poco::Exception& e) {
            throw std::runtime_error("store: cannot read document bytes " + sha256 + ": " + e.displayText());
        }
        if (blob.size() != length) {
            throw std::runtime_error("store: document bytes " + sha256 + " are missing or shorter than recorded");
        }
        return std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
    }

private:
    Database& database_;
};

}  // namespace

std::unique_ptr<BlobStore> makeBlobStore(Database& database) {
    if (database.backend() == Backend::PostgreSQL) return std::make_unique<DatabaseBlobStore>(database);
    return std::make_unique<FileBlobStore>(database.config().var_dir / "docs");
}

}  // namespace ceres::store
