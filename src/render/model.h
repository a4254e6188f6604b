#pragma once
// The renderer-neutral document: pages of positioned items. Layout produces it, the PDF writer
// consumes it. Coordinates are points with the origin at the top-left corner, y growing downwards.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace ceres::render {

struct Color {
    double r = 0, g = 0, b = 0;
};

// Index of a face in the FontSet that shaped the run.
using FontId = int;

struct Glyph {
    std::uint32_t id = 0;       // glyph index in the font file
    std::uint32_t cluster = 0;  // byte offset in TextRun::text of the characters it shows
    float advance = 0;          // pen advance, points
    float dx = 0, dy = 0;       // offset from the pen position, points (dy grows upwards)
};

// One shaped run: a single font, a single direction, glyphs in visual order (left to right).
struct TextRun {
    FontId font = 0;
    double size = 10;
    double x = 0, y = 0;  // left end of the baseline
    std::string text;     // the logical Unicode text, for extraction and search
    bool right_to_left = false;
    std::vector<Glyph> glyphs;
    Color color;
};

struct Line {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    double width = 0.5;
    Color color;
};

struct Box {
    double x = 0, y = 0, width = 0, height = 0;
    double stroke_width = 0.5;
    bool stroke = true;
    bool fill = false;
    Color stroke_color;
    Color fill_color;
};

// 8-bit RGB pixels, row by row, drawn scaled into the given rectangle.
struct Image {
    double x = 0, y = 0, width = 0, height = 0;
    int pixel_width = 0, pixel_height = 0;
    std::vector<std::uint8_t> rgb;
};

// A barcode as a grid of dark (1) and light (0) modules, row by row from the top. A linear code is
// a single row stretched to the item's height.
struct ModuleMatrix {
    int width = 0, height = 0;
    std::vector<std::uint8_t> dark;  // width * height

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * width + x] != 0; }
};

struct Barcode {
    double x = 0, y = 0, width = 0, height = 0;
    ModuleMatrix modules;
};

using Item = std::variant<TextRun, Line, Box, Image, Barcode>;

struct Page {
    double width = 595.276, height = 841.89;  // A4 portrait
    std::vector<Item> items;
};

// One logical document (a PV, one convocation...). Several can be written into one PDF.
struct Document {
    std::vector<Page> pages;
};

}  // namespace ceres::render
