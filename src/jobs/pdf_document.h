#pragma once
// Turns rendered PDFs into pipeline Documents with deterministic metadata.
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "files/sha256.h"
#include "jobs/document.h"
#include "render/engine.h"


namespace ceres::jobs {

// Metadata taken from the job (never the clock) so the same job gives the same bytes.
render::PdfMeta pdfMeta(const std::string& title, const std::string& author, const std::string& date_iso,
                        const std::string& id_seed);

// A document held in memory; the store and perimeter metadata are filled by the caller.
Document fileDocument(std::string kind, std::string file_name, std::string mime, std::string bytes);
Document pdfDocument(std::string kind, std::string file_name, render::RenderedPdf pdf);

// A document streamed into a fresh file of `directory` (the system's temporary directory when
// empty), its SHA-256 computed on the way: a merged PDF written page by page, a CSV manifest
// line by line. The file is removed unless finish() hands it over.
// Spool files are named kSpoolPrefix… in their directory, where files::sweepLeftovers finds the
// ones a killed process left.
inline constexpr std::string_view kSpoolPrefix = "spool-";

class SpoolWriter final : public render::PdfOutput {
public:
    explicit SpoolWriter(const std::filesystem::path& directory);
    ~SpoolWriter() override;
    SpoolWriter(const SpoolWriter&) = delete;
    SpoolWriter& operator=(const SpoolWriter&) = delete;

    void write(std::string_view bytes) override;
    // Closes the file; from then on it belongs to the returned SpoolFile.
    std::shared_ptr<const SpoolFile> finish();

private:
    std::filesystem::path path_;
    int fd_ = -1;
    std::uint64_t size_ = 0;
    files::Sha256 sha256_;
};

// File names say what a document is; characters outside [A-Za-z0-9._-] become '-'.
std::string safeFilePart(const std::string& text);

}  // namespace ceres::jobs
