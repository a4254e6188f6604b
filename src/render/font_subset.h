#pragma once
// TrueType subsetting for embedding (HarfBuzz's subsetter), done once per process for a glyph set.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "render/fonts.h"

namespace ceres::render {

// A font program holding only `glyphs` (plus .notdef). Glyph ids are kept as they are, so page
// content written before subsetting stays valid (CIDToGIDMap /Identity). Layout and hinting
// tables are dropped: a PDF viewer needs outlines and metrics only.
std::string subsetFont(const FontFace& face, const std::vector<std::uint32_t>& glyphs);

// An embeddable font file stream: the subset program, deflated when that makes it smaller.
struct FontProgram {
    std::string tag;            // "ABCDEF+", derived from the glyph set
    std::string stream;         // the bytes of the FontFile2 stream
    bool deflated = false;      // stream is FlateDecode
    std::size_t length1 = 0;    // length of the program before compression
    std::string cid_set;        // PDF/A's CIDSet: one bit per glyph id the program holds, high bit first
};

// The program of face `id` for a document drawing `glyphs`, widened with the face's common glyphs
// (the letters, digits and punctuation of Latin-1 and Latin Extended-A that the font set draws
// with this face), so that documents differing by a name share one program. Subset and
// compressed once per process for each resulting glyph set; thread-safe.
std::shared_ptr<const FontProgram> sharedFontProgram(const FontSet& fonts, FontId id,
                                                     const std::vector<std::uint32_t>& glyphs);

}  // namespace ceres::render
