#include "render/pdf_content.h"

#include <charconv>
#include <cmath>

#include "render/utf8.h"

namespace ceres::render {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";

void appendGlyphHex(std::string& out, std::uint32_t id) {
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHexDigits[(id >> shift) & 0xF]);
}

// Byte range [begin, end) of the logical text shown by each glyph: up to the next cluster start.
std::string clusterText(const TextRun& run, std::uint32_t cluster) {
    std::uint32_t end = static_cast<std::uint32_t>(run.text.size());
    for (const Glyph& other : run.glyphs)
        if (other.cluster > cluster && other.cluster < end) end = other.cluster;
    return run.text.substr(cluster, end - cluster);
}

// Extractors put right-to-left glyphs back into logical order character by character, so the
// characters of a ligature (lam-alef) are listed in visual order for them to come out right.
std::string visualOrder(const std::string& cluster) {
    Utf8Text decoded = decodeUtf8(cluster);
    std::string reversed;
    for (size_t i = decoded.chars.size(); i-- > 0;)
        reversed.append(cluster, decoded.offsets[i], decoded.offsets[i + 1] - decoded.offsets[i]);
    return reversed;
}

}  // namespace

ContentWriter::ContentWriter(const FontSet& fonts)
    : fonts_(fonts), usage_(static_cast<size_t>(fonts.faceCount())) {}

void ContentWriter::number(double value) {
    char buffer[32];
    if (std::fabs(value) < 0.0005) value = 0;
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 3);
    char* end = result.ptr;
    while (end > buffer && end[-1] == '0') --end;
    if (end > buffer && end[-1] == '.') --end;
    out_.append(buffer, end);
    out_.push_back(' ');
}

void ContentWriter::fillColor(const Color& color) {
    number(color.r), number(color.g), number(color.b);
    out_.append("rg ");
}

void ContentWriter::strokeColor(const Color& color) {
    number(color.r), number(color.g), number(color.b);
    out_.append("RG ");
}

std::string ContentWriter::page(const Page& page) {
    out_.clear();
    for (const Item& item : page.items) {
        if (auto* run = std::get_if<TextRun>(&item))
            text(*run, page.height);
        else if (auto* rule = std::get_if<Line>(&item))
            line(*rule, page.height);
        else if (auto* rect = std::get_if<Box>(&item))
            box(*rect, page.height);
        else if (auto* picture = std::get_if<Image>(&item))
            image(*picture, page.height);
        else if (auto* code = std::get_if<Barcode>(&item))
            barcode(*code, page.height);
    }
    return out_;
}

void ContentWriter::recordGlyphs(const TextRun& run) {
    auto& known = usage_[static_cast<size_t>(run.font)].text_of_glyph;
    for (const Glyph& glyph : run.glyphs)
        if (known.find(glyph.id) == known.end()) {
            std::string text = clusterText(run, glyph.cluster);
            known.emplace(glyph.id, run.right_to_left ? visualOrder(text) : text);
        }
}

// Glyph ids are written as they are (Identity-H, CID = GID); positions the font's own advance
// does not give are TJ adjustments, vertical mark offsets are text rise.
void ContentWriter::text(const TextRun& run, double page_height) {
    if (run.glyphs.empty()) return;
    recordGlyphs(run);
    const FontFace& face = fonts_.face(run.font);
    const double to_text_space = 1000.0 / run.size;
    out_.append("BT /F").append(std::to_string(run.font)).push_back(' ');
    number(run.size);
    out_.append("Tf ");
    fillColor(run.color);
    out_.append("1 0 0 1 ");
    number(run.x);
    number(page_height - run.y);
    out_.append("Tm [");
    bool in_string = false;
    float rise = 0;
    auto adjust = [&](double points) {
        if (std::fabs(points) < 0.001) return;
        if (in_string) out_.append("> ");
        in_string = false;
        number(-points * to_text_space);
    };
    for (const Glyph& glyph : run.glyphs) {
        if (glyph.dy != rise) {
            if (in_string) out_.push_back('>');
            in_string = false;
            out_.append("] TJ ");
            number(glyph.dy);
            out_.append("Ts [");
            rise = glyph.dy;
        }
        adjust(glyph.dx);
        if (!in_string) out_.push_back('<');
        in_string = true;
        appendGlyphHex(out_, glyph.id);
        double natural = face.defaultAdvance(glyph.id) * run.size / face.unitsPerEm();
        adjust(glyph.advance - glyph.dx - natural);
    }
    if (in_string) out_.push_back('>');
    out_.append("] TJ ");
    if (rise != 0) out_.append("0 Ts ");
    out_.append("ET\n");
}

void ContentWriter::line(const Line& rule, double page_height) {
    out_.append("q ");
    number(rule.width);
    out_.append("w ");
    strokeColor(rule.color);
    number(rule.x1), number(page_height - rule.y1);
    out_.append("m ");
    number(rule.x2), number(page_height - rule.y2);
    out_.append("l S Q\n");
}

void ContentWriter::box(const Box& rect, double page_height) {
    if (!rect.stroke && !rect.fill) return;
    out_.append("q ");
    number(rect.stroke_width);
    out_.append("w ");
    strokeColor(rect.stroke_color);
    fillColor(rect.fill_color);
    number(rect.x), number(page_height - rect.y - rect.height), number(rect.width), number(rect.height);
    out_.append(rect.stroke && rect.fill ? "re B Q\n" : rect.fill ? "re f Q\n" : "re S Q\n");
}

void ContentWriter::image(const Image& picture, double page_height) {
    out_.append("q ");
    number(picture.width), out_.append("0 0 "), number(picture.height);
    number(picture.x), number(page_height - picture.y - picture.height);
    out_.append("cm /Im").append(std::to_string(images_.size())).append(" Do Q\n");
    images_.push_back(&picture);
}

// Dark modules merged into horizontal bars: one rectangle per run instead of per module.
void ContentWriter::barcode(const Barcode& code, double page_height) {
    if (code.modules.empty() || code.modules.front().empty()) return;
    const double module_width = code.width / static_cast<double>(code.modules.front().size());
    const double module_height = code.height / static_cast<double>(code.modules.size());
    out_.append("q 0 0 0 rg\n");
    for (size_t row = 0; row < code.modules.size(); ++row) {
        const auto& modules = code.modules[row];
        for (size_t column = 0; column < modules.size();) {
            if (!modules[column]) {
                ++column;
                continue;
            }
            size_t end = column;
            while (end < modules.size() && modules[end]) ++end;
            number(code.x + static_cast<double>(column) * module_width);
            number(page_height - code.y - static_cast<double>(row + 1) * module_height);
            number(static_cast<double>(end - column) * module_width);
            number(module_height);
            out_.append("re\n");
            column = end;
        }
    }
    out_.append("f Q\n");
}

}  // namespace ceres::render
