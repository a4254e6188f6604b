#pragma once
// Page content streams: turns model items into PDF operators and records which glyphs each font
// needs, with the text they stand for (the ToUnicode map).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "render/fonts.h"
#include "render/model.h"

namespace ceres::render {

struct GlyphUsage {
    std::map<std::uint32_t, std::string> text_of_glyph;  // glyph id -> logical text (UTF-8)
};

class ContentWriter {
public:
    explicit ContentWriter(const FontSet& fonts);

    // Operators of one page; image XObjects are named /Im<n> with n counted across pages.
    std::string page(const Page& page);
    const std::vector<GlyphUsage>& glyphUsage() const { return usage_; }
    const std::vector<const Image*>& images() const { return images_; }

private:
    void text(const TextRun& run, double page_height);
    void line(const Line& line, double page_height);
    void box(const Box& box, double page_height);
    void image(const Image& image, double page_height);
    void barcode(const Barcode& barcode, double page_height);
    void recordGlyphs(const TextRun& run);
    void number(double value);
    void fillColor(const Color& color);
    void strokeColor(const Color& color);

    const FontSet& fonts_;
    std::vector<GlyphUsage> usage_;
    std::vector<const Image*> images_;
    std::string out_;
};

}  // namespace ceres::render
