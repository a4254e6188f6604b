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

// Tagged PDF. Each item of a page belongs to an element of its document's structure tree, or is
// an artifact: layout decoration (cell frames, rules) or pagination (running header and footer).
inline constexpr int kArtifact = -1;
inline constexpr int kPagination = -2;

// Marks where an element's own content comes, among its children: the next run of consecutive
// items of the element on one page (one marked-content sequence, one MCID).
inline constexpr int kContentRun = -1;

// One element of the structure tree, in the standard structure types of ISO 32000-1 14.8.4.
struct StructElement {
    std::string role;         // "Document", "H1", "P", "Table", "TR", "TH", "TD", "L", "LI", "LBody", "Figure", "Span"...
    int parent = -1;          // index in PageModel::structure; -1 for the document element
    std::vector<int> kids;    // child element indices and kContentRun marks, in logical order
    std::string alt;          // /Alt of a Figure
    std::string actual_text;  // /ActualText: the logical text where glyphs are in visual order
    std::string lang;         // /Lang where the text is in another language than the document's
    std::string scope;        // /Scope of a TH: "Column" or "Row"
};

struct Page {
    double width = 595.276, height = 841.89;  // A4 portrait
    std::vector<Item> items;
    // By item: the index of its element in PageModel::structure, or kArtifact / kPagination.
    // Empty: every item is an artifact (pages not laid out from a template).
    std::vector<int> tags;
};

// The laid-out pages of one logical document (a PV, one convocation...) and its structure tree:
// what layout makes and the PDF writer takes. Several can be written into one PDF.
struct PageModel {
    std::vector<Page> pages;
    std::vector<StructElement> structure;  // element 0, when there is one, is the Document element
};

}  // namespace ceres::render
