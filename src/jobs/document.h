#pragma once
// A rendered output file and the metadata the store and the manifest need.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include <unistd.h>

namespace ceres::jobs {

// A rendered file kept on disk instead of in memory (a print batch runs to hundreds of
// megabytes): written once, complete before any Document refers to it, then linked, copied or
// read by whoever stores it. The file is removed with the last Document that refers to it; until
// then `held_fd` (see files/held_files.h), when there is one, keeps sweeps of leftovers off it.
class SpoolFile {
public:
    SpoolFile(std::filesystem::path path, std::uint64_t size, std::string sha256, int held_fd = -1)
        : path_(std::move(path)), size_(size), sha256_(std::move(sha256)), held_fd_(held_fd) {}
    // The name goes first, then the hold: never an unheld file a sweep would take for a leftover.
    ~SpoolFile() {
        std::error_code ignored;  // nothing to do about a temporary file already gone
        std::filesystem::remove(path_, ignored);
        if (held_fd_ >= 0) ::close(held_fd_);
    }
    SpoolFile(const SpoolFile&) = delete;
    SpoolFile& operator=(const SpoolFile&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::uint64_t size() const { return size_; }
    const std::string& sha256() const { return sha256_; }  // lowercase hex of the content

private:
    std::filesystem::path path_;
    std::uint64_t size_;
    std::string sha256_;
    int held_fd_;
};

struct Document {
    std::string kind;       // pv_general, pv_individuel, parchemin, convocation, convocations_merged,
                            // dte_request, juror_export, dashboard_xlsx, dashboard_pdf,
                            // print_batch, print_manifest_xlsx, print_manifest_csv
    std::string file_name;  // what it is, e.g. pv-general_<session>_v<N>.pdf
    std::string mime;
    int pages = 0;          // PDF only
    std::string bytes;      // the content, unless it is spooled
    std::shared_ptr<const SpoolFile> spool;  // the content when too big for memory (bytes is then empty)
    std::string sha256;     // lowercase hex of the content, filled by the pipeline
    std::optional<std::string> unique_number;  // parchemins only
    // Metadata for the store and for perimeter checks.
    std::string session_id;
    std::string candidate_id;
    int version = 0;
    int supersedes = 0;

    std::uint64_t size() const { return spool ? spool->size() : bytes.size(); }
};

inline constexpr const char* kPdfMime = "application/pdf";
inline constexpr const char* kXlsxMime =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kCsvMime = "text/csv; charset=utf-8";

}  // namespace ceres::jobs
