#pragma once
// TrueType subsetting for embedding (HarfBuzz's subsetter).
#include <cstdint>
#include <string>
#include <vector>

#include "render/fonts.h"

namespace ceres::render {

// A font program holding only `glyphs` (plus .notdef). Glyph ids are kept as they are, so page
// content written before subsetting stays valid (CIDToGIDMap /Identity). Layout and hinting
// tables are dropped: a PDF viewer needs outlines and metrics only.
std::string subsetFont(const FontFace& face, const std::vector<std::uint32_t>& glyphs);

}  // namespace ceres::render
