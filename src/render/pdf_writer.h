#pragma once
// Writes laid-out documents as one PDF (PoDoFo 0.9.8 objects), with subsetted CID fonts.
#include <string>
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

// The pages of every document in order, sharing one subset per font. Written with what PDF/A-2b
// asks for (embedded fonts with ToUnicode, XMP metadata matching the Info dictionary, an sRGB
// output intent) but without claiming conformance in the XMP. `srgb_icc` is that ICC profile;
// empty leaves the intent out.
RenderedPdf writePdf(const std::vector<const Document*>& documents, const FontSet& fonts,
                     const std::string& srgb_icc, const PdfMeta& meta);

}  // namespace ceres::render
