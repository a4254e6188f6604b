#pragma once
// Writes laid-out pages as one PDF, page by page, with subsetted CID fonts.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "render/fonts.h"
#include "render/model.h"

namespace ceres::render {

// Everything that would otherwise make two renders of one job differ comes from here.
struct PdfMeta {
    std::string title;
    std::string author;
    std::string subject;
    std::string creator = "ceres-docs";
    std::string producer = "ceres-docs";
    std::string creation_date;     // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS", taken as UTC
    std::string document_id_seed;  // hashed into the trailer /ID
    std::string language = "fr-FR";
};

struct RenderedPdf {
    std::string bytes;
    int pages = 0;
};

// Where the bytes of a PDF go, in file order, as they are produced.
class PdfOutput {
public:
    virtual ~PdfOutput() = default;
    virtual void write(std::string_view bytes) = 0;
};

// Keeps the file in memory.
class PdfBytes final : public PdfOutput {
public:
    void write(std::string_view bytes) override { bytes_.append(bytes); }
    std::string take() { return std::move(bytes_); }

private:
    std::string bytes_;
};

// The file grows page by page: each page's objects go to the output as soon as the page is
// added, and only what the end of the file needs is kept (object offsets, page object numbers,
// the glyphs each font uses, the repeated contents drawn as forms). `finish` then writes the
// fonts, subsetted once for the whole file, the page tree, the metadata and the trailer.
// Written with what PDF/A-2b asks for (embedded fonts with ToUnicode, XMP metadata matching the
// Info dictionary, an sRGB output intent), declared PDF/A-2B in the XMP, and tagged (PDF/UA-1):
// documents added with addDocument carry their structure tree, marked content with MCIDs, the
// parent tree, /MarkInfo, /Lang and /ViewerPreferences /DisplayDocTitle.
// `srgb_icc` is that ICC profile; empty leaves the intent out.
class PdfStreamWriter {
public:
    PdfStreamWriter(const FontSet& fonts, const std::string& srgb_icc, PdfOutput& output);
    ~PdfStreamWriter();
    PdfStreamWriter(const PdfStreamWriter&) = delete;
    PdfStreamWriter& operator=(const PdfStreamWriter&) = delete;

    // A page outside any structure: its content is all artifacts.
    void addPage(const Page& page);
    // A document's pages and its structure tree (tagged PDF: marked content with MCIDs, the
    // parent tree, /StructParents on pages).
    void addDocument(const PageModel& document);
    int pageCount() const;
    // Ends the file; the writer takes no page after that.
    void finish(const PdfMeta& meta);

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

// The pages of every document in order, in memory, sharing one subset per font.
RenderedPdf writePdf(const std::vector<const PageModel*>& documents, const FontSet& fonts,
                     const std::string& srgb_icc, const PdfMeta& meta);

}  // namespace ceres::render
