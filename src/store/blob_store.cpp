#include "store/blob_store.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <Poco/Data/LOB.h>
#include <Poco/Exception.h>

#include "files/held_files.h"
#include "store/database.h"
#include "files/transient.h"

namespace ceres::store {
namespace {

using namespace Poco::Data::Keywords;
namespace fs = std::filesystem;

[[noreturn]] void throwErrno(const std::string& action, const fs::path& path) {
    throw files::systemError("store: cannot " + action + " " + path.string(), errno);
}

class FileDescriptor {
public:
    FileDescriptor(const fs::path& path, int flags, const std::string& action)
        : fd_(::open(path.c_str(), flags | O_CLOEXEC, 0644)) {
        if (fd_ < 0) throwErrno(action, path);
    }
    explicit FileDescriptor(int adopted) : fd_(adopted) {}
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
}

void flush(const fs::path& path, int flags) {
    if (::fsync(FileDescriptor(path, flags, "open").get()) != 0) throwErrno("flush", path);
}

// Copied in slices: a spooled file may be far bigger than what a worker should hold in memory.
void copyInto(const FileDescriptor& target, const fs::path& target_path, const fs::path& source) {
    const FileDescriptor in(source, O_RDONLY, "open");
    std::string slice(1 << 20, '\0');
    for (;;) {
        const auto got = ::read(in.get(), slice.data(), slice.size());
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) throwErrno("read", source);
        if (got == 0) return;
        writeAll(target, std::string_view(slice.data(), static_cast<std::size_t>(got)), target_path);
    }
}

bool referenced(Database& database, const std::string& sha256) {
    auto connection = database.connect();
    std::vector<std::string> found;
    try {
        connection.session() << database.sql("SELECT id FROM documents WHERE sha256 = ? LIMIT 1"), useRef(sha256),
            into(found), now;
    } catch (const Poco::Exception& e) {
        throw files::TransientError("store: cannot read documents: " + e.displayText());
    }
    return !found.empty();
}

// var_dir/docs/ab/cdef…: the first two hex digits fan the files out over 256 directories.
// Files are written in var_dir/docs/.tmp, held while written (files/held_files.h); what a killed
// process left there is removed when a store opens.
class FileBlobStore final : public BlobStore {
public:
    FileBlobStore(Database& database, fs::path root) : database_(database), root_(std::move(root)) {
        files::sweepLeftovers(temporaryDirectory(), kBlobPrefix);
    }

    bool put(const std::string& sha256, std::string_view bytes) override {
        const auto target = pathOf(sha256);
        if (fs::exists(target)) return false;
        writeAside(target, [&](const FileDescriptor& file, const fs::path& path) { writeAll(file, bytes, path); });
        return true;
    }

    // A second name for the finished file appears at once, whole, without a copy; across file
    // systems (a spool directory elsewhere) the file is copied aside, then renamed.
    bool putFile(const std::string& sha256, const fs::path& file) override {
        const auto target = pathOf(sha256);
        if (fs::exists(target)) return false;
        fs::create_directories(target.parent_path());
        flush(file, O_RDONLY);  // the content reaches the disk before its new name does
        if (::link(file.c_str(), target.c_str()) == 0) {
            flush(target.parent_path(), O_RDONLY | O_DIRECTORY);
            return true;
        }
        if (errno == EEXIST) return false;  // stored by someone else meanwhile
        if (errno != EXDEV && errno != EPERM && errno != EMLINK && errno != EOPNOTSUPP)
            throwErrno("link into place", target);
        writeAside(target, [&](const FileDescriptor& out, const fs::path& path) { copyInto(out, path, file); });
        return true;
    }

    // Another job storing the same bytes meanwhile would find the file there and skip writing it;
    // the row check just before the removal makes that window a few microseconds wide.
    void removeUnreferenced(const std::string& sha256) override {
        if (referenced(database_, sha256)) return;
        std::error_code ignored;  // already gone is what we want
        fs::remove(pathOf(sha256), ignored);
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
    // Written aside then renamed: readers see the whole file or none of it.
    template <typename Fill>
    void writeAside(const fs::path& target, Fill&& fill) {
        const auto directory = target.parent_path();
        fs::create_directories(directory);
        files::HeldFile held = files::createHeldFile(temporaryDirectory(), kBlobPrefix);
        const fs::path temporary = std::move(held.path);
        // Renamed while still held: it has left the temporary directory before a sweep could see it unheld.
        const FileDescriptor file(held.fd);
        try {
            fill(file, temporary);
            if (::fsync(file.get()) != 0) throwErrno("flush", temporary);
            if (::rename(temporary.c_str(), target.c_str()) != 0) throwErrno("rename into place", target);
        } catch (...) {
            std::error_code ignored;  // keep the error that brought us here
            fs::remove(temporary, ignored);
            throw;
        }
        // The rename itself survives a crash only once the directory is flushed.
        flush(directory, O_RDONLY | O_DIRECTORY);
    }

    static constexpr const char* kBlobPrefix = "blob-";

    fs::path temporaryDirectory() const { return root_ / ".tmp"; }

    fs::path pathOf(const std::string& sha256) const {
        if (sha256.size() != 64) throw std::invalid_argument("store: not a SHA-256: " + sha256);
        return root_ / sha256.substr(0, 2) / sha256.substr(2);
    }

    Database& database_;
    fs::path root_;
};

class DatabaseBlobStore final : public BlobStore {
public:
    explicit DatabaseBlobStore(Database& database) : database_(database) {}

    bool put(const std::string& sha256, std::string_view bytes) override {
        auto connection = database_.connect();
        Poco::Data::BLOB blob(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
        try {
            std::vector<std::string> stored;
            connection.session() << database_.sql("INSERT INTO document_blobs (sha256, bytes) VALUES (?, ?) "
                                                  "ON CONFLICT DO NOTHING RETURNING sha256"),
                useRef(sha256), use(blob), into(stored), now;
            return !stored.empty();
        } catch (const Poco::Exception& e) {
            throw files::TransientError("store: cannot save document bytes " + sha256 + ": " + e.displayText());
        }
    }

    // Sent a slice at a time into a server-side large object that becomes the row at the end, in
    // one transaction: the row appears whole or not at all, and this process never holds more
    // than a slice.
    bool putFile(const std::string& sha256, const fs::path& file) override {
        auto connection = database_.connect();
        try {
            return inTransaction(connection, [&] {
                auto& session = connection.session();
                std::vector<std::string> present;
                session << database_.sql("SELECT sha256 FROM document_blobs WHERE sha256 = ?"), useRef(sha256),
                    into(present), now;
                if (!present.empty()) return false;
                std::int64_t object = 0;
                session << "SELECT CAST(lo_create(0) AS BIGINT)", into(object), now;
                const FileDescriptor in(file, O_RDONLY, "open");
                std::vector<unsigned char> slice(kSlice);
                std::int64_t offset = 0;
                for (;;) {
                    const auto got = ::read(in.get(), slice.data(), slice.size());
                    if (got < 0 && errno == EINTR) continue;
                    if (got < 0) throwErrno("read", file);
                    if (got == 0) break;
                    Poco::Data::BLOB part(slice.data(), static_cast<std::size_t>(got));
                    int done = 0;
                    session << database_.sql("SELECT 1 FROM (SELECT lo_put(CAST(? AS OID), ?, ?)) AS put"),
                        bind(object), bind(offset), use(part), into(done), now;
                    offset += got;
                }
                session << database_.sql("INSERT INTO document_blobs (sha256, bytes) SELECT ?, lo_get(CAST(? AS OID)) "
                                         "ON CONFLICT DO NOTHING"),
                    useRef(sha256), bind(object), now;
                int unlinked = 0;
                session << database_.sql("SELECT lo_unlink(CAST(? AS OID))"), bind(object), into(unlinked), now;
                return true;
            });
        } catch (const Poco::Exception& e) {
            throw files::TransientError("store: cannot save document bytes " + sha256 + ": " + e.displayText());
        }
    }

    void removeUnreferenced(const std::string& sha256) override {
        auto connection = database_.connect();
        try {
            connection.session() << database_.sql("DELETE FROM document_blobs WHERE sha256 = ? AND NOT EXISTS "
                                                  "(SELECT 1 FROM documents WHERE documents.sha256 = ?)"),
                useRef(sha256), useRef(sha256), now;
        } catch (const Poco::Exception& e) {
            throw files::TransientError("store: cannot remove document bytes " + sha256 + ": " + e.displayText());
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
            throw files::TransientError("store: cannot read document bytes " + sha256 + ": " + e.displayText());
        }
        if (blob.size() != length) {
            throw std::runtime_error("store: document bytes " + sha256 + " are missing or shorter than recorded");
        }
        return std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
    }

private:
    static constexpr std::size_t kSlice = 4 << 20;

    Database& database_;
};

}  // namespace

std::unique_ptr<BlobStore> makeBlobStore(Database& database) {
    if (database.backend() == Backend::PostgreSQL) return std::make_unique<DatabaseBlobStore>(database);
    return std::make_unique<FileBlobStore>(database, database.config().var_dir / "docs");
}

}  // namespace ceres::store
