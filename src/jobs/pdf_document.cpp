#include "jobs/pdf_document.h"

#include "files/held_files.h"
#include "files/sha256.h"
#include "files/transient.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ceres::jobs {
namespace fs = std::filesystem;

render::PdfMeta pdfMeta(const std::string& title, const std::string& author, const std::string& date_iso,
                        const std::string& id_seed) {
    render::PdfMeta meta;
    meta.title = title;
    meta.author = author;
    meta.subject = "CERES — titres professionnels";
    meta.creation_date = date_iso;
    meta.document_id_seed = id_seed;
    return meta;
}

Document fileDocument(std::string kind, std::string file_name, std::string mime, std::string bytes) {
    Document d;
    d.kind = std::move(kind);
    d.file_name = std::move(file_name);
    d.mime = std::move(mime);
    d.bytes = std::move(bytes);
    return d;
}

Document pdfDocument(std::string kind, std::string file_name, render::RenderedPdf pdf) {
    Document d = fileDocument(std::move(kind), std::move(file_name), kPdfMime, std::move(pdf.bytes));
    d.pages = pdf.pages;
    return d;
}

namespace {

[[noreturn]] void throwErrno(const std::string& action, const fs::path& path) {
    throw files::systemError("cannot " + action + " spool file " + path.string(), errno);
}

}  // namespace

// The SHA-256 is computed as the bytes are written: the file is never read back for it.
SpoolWriter::SpoolWriter(const fs::path& directory) {
    files::HeldFile file =
        files::createHeldFile(directory.empty() ? fs::temp_directory_path() : directory, std::string(kSpoolPrefix));
    fd_ = file.fd;
    path_ = std::move(file.path);
}

// The name goes before the descriptor, and its hold, so that a sweep never sees it unheld.
SpoolWriter::~SpoolWriter() {
    if (fd_ < 0) return;
    std::error_code ignored;
    fs::remove(path_, ignored);
    ::close(fd_);
}

void SpoolWriter::write(std::string_view bytes) {
    if (fd_ < 0) throw std::logic_error("spool file already finished");
    sha256_.update(bytes);
    size_ += bytes.size();
    while (!bytes.empty()) {
        const auto written = ::write(fd_, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) throwErrno("write", path_);
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

std::shared_ptr<const SpoolFile> SpoolWriter::finish() {
    if (fd_ < 0) throw std::logic_error("spool file already finished");
    std::string hex = sha256_.finishHex();
    // From here on the file is held through a descriptor of its own, taken before the writer's
    // goes; on any failure the file is removed, by the destructor or by the SpoolFile.
    const int held = files::holdFile(path_);
    std::shared_ptr<const SpoolFile> file;
    try {
        file = std::make_shared<const SpoolFile>(path_, size_, std::move(hex), held);
    } catch (...) {
        ::close(held);
        throw;
    }
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) throwErrno("close", path_);
    return file;
}

std::string safeFilePart(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                          c == '_' || c == '-';
        out += keep ? static_cast<char>(c) : '-';
    }
    return out;
}

}  // namespace ceres::jobs
