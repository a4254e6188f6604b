#pragma once
// The font chain, loaded once and shared (read-only) by every layout and PDF export.
#include <array>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "render/model.h"

struct hb_face_t;
struct hb_font_t;

namespace ceres::render {

enum class Weight { Regular, Bold };

class FontFace {
public:
    FontFace(const std::filesystem::path& file);
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    const std::string& postscriptName() const { return postscript_name_; }
    unsigned unitsPerEm() const { return units_per_em_; }
    bool hasCharacter(char32_t c) const;
    // Horizontal advance of a glyph in font units, as the font's hmtx table says.
    int defaultAdvance(std::uint32_t glyph) const;
    // That advance in thousandths of an em as a PDF /W array writes it: at most three decimals,
    // no trailing zeros ("%.3f", trimmed).
    const std::string& pdfWidth(std::uint32_t glyph) const;
    int ascender() const { return ascender_; }
    int descender() const { return descender_; }
    int capHeight() const { return cap_height_; }
    // xMin, yMin, xMax, yMax of all glyphs, font units (the head table).
    const std::array<int, 4>& boundingBox() const { return bbox_; }
    hb_face_t* face() const { return face_; }
    hb_font_t* font() const { return font_; }

private:
    hb_face_t* face_ = nullptr;
    hb_font_t* font_ = nullptr;
    std::string postscript_name_;
    unsigned units_per_em_ = 1000;
    int ascender_ = 800, descender_ = -200, cap_height_ = 700;
    std::array<int, 4> bbox_{0, -200, 1000, 800};
    // Advances and PDF widths of every glyph, read and formatted once, on first use: every
    // document asks for the same glyphs again.
    void readMetrics() const;
    mutable std::once_flag metrics_once_;
    mutable std::vector<int> advances_;
    mutable std::vector<std::string> pdf_widths_;
};

// Faces tried character by character, in order, for each weight (fonts/README.md).
class FontSet {
public:
    explicit FontSet(const std::filesystem::path& fonts_dir);

    const FontFace& face(FontId id) const { return *faces_.at(static_cast<size_t>(id)); }
    int faceCount() const { return static_cast<int>(faces_.size()); }
    // The first face of the weight's chain that has `c`, or the chain's first face.
    FontId faceFor(char32_t c, Weight weight) const;
    FontId primary(Weight weight) const;

private:
    FontId searchFaceFor(char32_t c, Weight weight) const;

    std::vector<std::unique_ptr<FontFace>> faces_;
    struct Preference {
        char32_t from, to;
        FontId regular, bold;
    };
    std::vector<FontId> regular_chain_, bold_chain_;
    std::vector<Preference> preferred_;
    // faceFor of the first code points (Latin, Greek, Cyrillic...), worked out once: layout asks for
    // every character of every line.
    static constexpr char32_t kTabulated = 0x800;
    std::vector<FontId> regular_table_, bold_table_;
};

// A number as the PDF writer prints it: "%.3f" without trailing zeros (glyph widths, boxes).
std::string pdfNumber(double value);

}  // namespace ceres::render
