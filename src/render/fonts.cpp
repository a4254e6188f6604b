#include "render/fonts.h"

#include <hb-ot.h>
#include <hb.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace ceres::render {
namespace {

std::string readPostscriptName(hb_face_t* face) {
    char buffer[128];
    unsigned length = sizeof buffer;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, buffer);
    std::string name(buffer, length);
    return name.empty() ? "Font" : name;
}

std::array<int, 4> readBoundingBox(hb_face_t* face) {
    hb_blob_t* head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned length = 0;
    const char* data = hb_blob_get_data(head, &length);
    std::array<int, 4> box{0, -200, 1000, 800};
    if (length >= 44) {
        for (int i = 0; i < 4; ++i) {
            auto high = static_cast<unsigned char>(data[36 + 2 * i]);
            auto low = static_cast<unsigned char>(data[37 + 2 * i]);
            box[static_cast<size_t>(i)] = static_cast<std::int16_t>((high << 8) | low);
        }
    }
    hb_blob_destroy(head);
    return box;
}

struct ChainEntry {
    const char* regular;
    const char* bold;
    // Characters this face is preferred for even when an earlier face has them too: DejaVu covers
    // some Arabic and Hebrew, but the Noto faces are the ones designed for those scripts.
    std::vector<std::pair<char32_t, char32_t>> preferred;
};

// Order matters: Latin/Greek/Cyrillic first so that digits and punctuation come from DejaVu.
const ChainEntry kChain[] = {
    {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", {}},
    {"NotoSansArabic-Regular.ttf",
     "NotoSansArabic-Bold.ttf",
     {{0x0600, 0x06FF}, {0x0750, 0x077F}, {0x08A0, 0x08FF}, {0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}}},
    {"NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", {{0x0590, 0x05FF}, {0xFB1D, 0xFB4F}}},
    {"DroidSansFallbackFull.ttf", "DroidSansFallbackFull.ttf", {}},
};

}  // namespace

std::string pdfNumber(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", value);
    std::string text(buffer);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

FontFace::FontFace(const std::filesystem::path& file) {
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
    if (!blob) throw std::runtime_error("cannot read font file " + file.string());
    face_ = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    units_per_em_ = hb_face_get_upem(face_);
    font_ = hb_font_create(face_);
    // Font units throughout: positions are scaled to points by the caller.
    hb_font_set_scale(font_, static_cast<int>(units_per_em_), static_cast<int>(units_per_em_));
    hb_font_make_immutable(font_);
    postscript_name_ = readPostscriptName(face_);
    bbox_ = readBoundingBox(face_);
    hb_font_extents_t extents{};
    if (hb_font_get_h_extents(font_, &extents)) {
        ascender_ = extents.ascender;
        descender_ = extents.descender;
    }
    hb_position_t cap = 0;
    if (hb_ot_metrics_get_position(font_, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0)
        cap_height_ = cap;
    else
        cap_height_ = ascender_ * 7 / 10;
}

FontFace::~FontFace() {
    hb_font_destroy(font_);
    hb_face_destroy(face_);
}

bool FontFace::hasCharacter(char32_t c) const {
    hb_codepoint_t glyph = 0;
    return hb_font_get_nominal_glyph(font_, c, &glyph) && glyph != 0;
}

void FontFace::readMetrics() const {
    std::call_once(metrics_once_, [this] {
        const unsigned count = hb_face_get_glyph_count(face_);
        advances_.resize(count);
        pdf_widths_.resize(count);
        for (unsigned glyph = 0; glyph < count; ++glyph) {
            advances_[glyph] = hb_font_get_glyph_h_advance(font_, glyph);
            pdf_widths_[glyph] = pdfNumber(advances_[glyph] * 1000.0 / units_per_em_);
        }
    });
}

int FontFace::defaultAdvance(std::uint32_t glyph) const {
    readMetrics();
    return glyph < advances_.size() ? advances_[glyph] : hb_font_get_glyph_h_advance(font_, glyph);
}

const std::string& FontFace::pdfWidth(std::uint32_t glyph) const {
    readMetrics();
    if (glyph < pdf_widths_.size()) return pdf_widths_[glyph];
    thread_local std::string beyond;  // not a glyph of the face: formatted each time
    beyond = pdfNumber(hb_font_get_glyph_h_advance(font_, glyph) * 1000.0 / units_per_em_);
    return beyond;
}

FontSet::FontSet(const std::filesystem::path& fonts_dir) {
    std::vector<std::string> loaded;
    auto load = [&](const std::string& file) -> FontId {
        for (size_t i = 0; i < loaded.size(); ++i)
            if (loaded[i] == file) return static_cast<FontId>(i);
        faces_.push_back(std::make_unique<FontFace>(fonts_dir / file));
        loaded.push_back(file);
        return static_cast<FontId>(faces_.size() - 1);
    };
    for (const ChainEntry& entry : kChain) {
        regular_chain_.push_back(load(entry.regular));
        bold_chain_.push_back(load(entry.bold));
        for (const auto& range : entry.preferred) {
            preferred_.push_back({range.first, range.second, regular_chain_.back(), bold_chain_.back()});
        }
    }
    for (char32_t c = 0; c < kTabulated; ++c) {
        regular_table_.push_back(searchFaceFor(c, Weight::Regular));
        bold_table_.push_back(searchFaceFor(c, Weight::Bold));
    }
}

FontId FontSet::primary(Weight weight) const {
    return weight == Weight::Bold ? bold_chain_.front() : regular_chain_.front();
}

FontId FontSet::faceFor(char32_t c, Weight weight) const {
    if (c < kTabulated) return (weight == Weight::Bold ? bold_table_ : regular_table_)[c];
    return searchFaceFor(c, weight);
}

FontId FontSet::searchFaceFor(char32_t c, Weight weight) const {
    for (const Preference& preference : preferred_) {
        FontId id = weight == Weight::Bold ? preference.bold : preference.regular;
        if (c >= preference.from && c <= preference.to && faces_[static_cast<size_t>(id)]->hasCharacter(c))
            return id;
    }
    const auto& chain = weight == Weight::Bold ? bold_chain_ : regular_chain_;
    for (FontId id : chain)
        if (faces_[static_cast<size_t>(id)]->hasCharacter(c)) return id;
    return chain.front();
}

}  // namespace ceres::render
