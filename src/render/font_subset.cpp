#include "render/font_subset.h"

#include <hb-subset.h>

#include <stdexcept>

namespace ceres::render {
namespace {

constexpr hb_tag_t kDroppedTables[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('B', 'A', 'S', 'E'),
    HB_TAG('J', 'S', 'T', 'F'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('h', 'd', 'm', 'x'),
    HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('P', 'C', 'L', 'T'),
    HB_TAG('F', 'F', 'T', 'M'), HB_TAG('m', 'e', 't', 'a'), HB_TAG('M', 'A', 'T', 'H'),
};

}  // namespace

std::string subsetFont(const FontFace& face, const std::vector<std::uint32_t>& glyphs) {
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input) throw std::runtime_error("font subsetting: out of memory");
    hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
    hb_set_add(glyph_set, 0);
    for (std::uint32_t glyph : glyphs) hb_set_add(glyph_set, glyph);
    hb_set_t* dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (hb_tag_t tag : kDroppedTables) hb_set_add(dropped, tag);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);

    hb_face_t* subset = hb_subset_or_fail(face.face(), input);
    hb_subset_input_destroy(input);
    if (!subset) throw std::runtime_error("font subsetting failed for " + face.postscriptName());
    hb_blob_t* blob = hb_face_reference_blob(subset);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    std::string program(data, length);
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    return program;
}

}  // namespace ceres::render
