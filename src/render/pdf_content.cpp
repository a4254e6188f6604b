#include "render/pdf_content.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "render/utf8.h"

namespace ceres::render {
namespace {

// Below this, invoking a form saves too little to pay for its object.
constexpr std::size_t kShortestFormContent = 32;
constexpr std::size_t kMaxCountedContents = 1 << 14;
constexpr std::size_t kMaxForms = 1024;

// Two bytes per glyph id in a literal string, half the size of hex: the stream is binary
// (Flate-compressed) anyway. Delimiters and the line-end bytes, which a reader would normalise,
// are escaped.
void appendGlyphCode(std::string& out, std::uint32_t id) {
    for (const unsigned char byte : {static_cast<unsigned char>(id >> 8), static_cast<unsigned char>(id)}) {
        switch (byte) {
            case '(':
            case ')':
            case '\\':
                out.push_back('\\');
                out.push_back(static_cast<char>(byte));
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\n':
                out.append("\\n");
                break;
            default:
                out.push_back(static_cast<char>(byte));
        }
    }
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
    Utf8Text decoded = domain::decodeUtf8Replacing(cluster);
    std::string reversed;
    for (size_t i = decoded.chars.size(); i-- > 0;)
        reversed.append(cluster, decoded.offsets[i], decoded.offsets[i + 1] - decoded.offsets[i]);
    return reversed;
}

// A module count and a space: grids are small, so mostly one or two digits.
char* appendSmall(char* at, std::size_t value) {
    if (value < 10) {
        *at++ = static_cast<char>('0' + value);
    } else if (value < 100) {
        *at++ = static_cast<char>('0' + value / 10);
        *at++ = static_cast<char>('0' + value % 10);
    } else {
        at = std::to_chars(at, at + 20, value).ptr;
    }
    *at++ = ' ';
    return at;
}

// A form costs an object (some 150 bytes) and invoking it ten bytes, where short operators
// repeated inline compress to little: the shorter they are, the more often they must have been
// seen. A box drawn on each of a dozen pages stays inline; a title on every page of a batch does not.
std::uint8_t occurrencesBeforeForm(std::size_t length) {
    return static_cast<std::uint8_t>(std::clamp<std::size_t>(2048 / length, 3, 64));
}

// A word at a time, the same on every platform, so which contents become forms never varies.
std::uint64_t contentHash(std::string_view bytes, double page_width, double page_height) {
    constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
    auto mix = [](std::uint64_t hash, std::uint64_t word) {
        hash = (hash ^ word) * kMultiplier;
        return hash ^ (hash >> 29);
    };
    std::uint64_t hash = mix(bytes.size(), static_cast<std::uint64_t>(std::llround(page_width * 1000)));
    hash = mix(hash, static_cast<std::uint64_t>(std::llround(page_height * 1000)));
    std::size_t at = 0;
    for (; at + 8 <= bytes.size(); at += 8) {
        std::uint64_t word = 0;
        for (int i = 0; i < 8; ++i) word |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
        hash = mix(hash, word);
    }
    std::uint64_t tail = 0;
    for (int shift = 0; at < bytes.size(); ++at, shift += 8)
        tail |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at])) << shift;
    return mix(hash, tail);
}

}  // namespace

int RepeatedContent::formFor(std::string_view operators, double page_width, double page_height, bool& created) {
    created = false;
    if (operators.size() < kShortestFormContent) return -1;
    const std::uint64_t hash = contentHash(operators, page_width, page_height);
    auto [first, last] = forms_by_hash_.equal_range(hash);
    for (auto it = first; it != last; ++it) {
        const Form& form = forms_[static_cast<std::size_t>(it->second)];
        if (form.operators == operators && form.width == page_width && form.height == page_height) return it->second;
    }
    if (forms_.size() >= kMaxForms) return -1;
    // Counts start over when the table is full: contents that really recur are soon seen again.
    if (seen_.size() >= kMaxCountedContents) seen_.clear();
    if (++seen_[hash] < occurrencesBeforeForm(operators.size())) return -1;
    const int index = static_cast<int>(forms_.size());
    forms_.push_back({std::string(operators), page_width, page_height});
    forms_by_hash_.emplace(hash, index);
    created = true;
    return index;
}

ContentWriter::ContentWriter(const FontSet& fonts)
    : fonts_(fonts), usage_(static_cast<size_t>(fonts.faceCount())), advances_(usage_.size()) {}

// Three decimals at most, trailing zeros dropped: integer arithmetic, the hottest formatting.
void ContentWriter::number(double value) {
    long long thousandths = std::llround(value * 1000.0);
    if (thousandths < 0) {
        out_.push_back('-');
        thousandths = -thousandths;
    }
    char buffer[32];
    char* end = std::to_chars(buffer, buffer + sizeof buffer, thousandths / 1000).ptr;
    if (int fraction = static_cast<int>(thousandths % 1000); fraction != 0) {
        *end++ = '.';
        for (int divisor = 100; fraction != 0; divisor /= 10) {
            *end++ = static_cast<char>('0' + fraction / divisor);
            fraction %= divisor;
        }
    }
    *end++ = ' ';
    out_.append(buffer, end);
}

void ContentWriter::fillColor(const Color& color) {
    number(color.r), number(color.g), number(color.b);
    out_.append("rg ");
}

void ContentWriter::strokeColor(const Color& color) {
    number(color.r), number(color.g), number(color.b);
    out_.append("RG ");
}

void ContentWriter::beginMarked(int tag, const std::vector<StructElement>* structure) {
    std::string& out = content_.operators;
    if (tag == kPagination) {
        out.append("/Artifact <</Type/Pagination>> BDC\n");
    } else if (tag < 0 || !structure || static_cast<size_t>(tag) >= structure->size()) {
        out.append("/Artifact BMC\n");
    } else {
        out.push_back('/');
        out.append((*structure)[static_cast<size_t>(tag)].role).append(" <</MCID ");
        out.append(std::to_string(content_.marked.size())).append(">> BDC\n");
        content_.marked.push_back(tag);
    }
}

const PageContent& ContentWriter::page(const Page& page, const std::vector<StructElement>* structure) {
    PageContent& content = content_;
    content.operators.clear();
    content.new_forms.clear();
    content.images.clear();
    content.marked.clear();
    constexpr int kNoSequence = std::numeric_limits<int>::min();
    int open = kNoSequence;
    for (size_t index = 0; index < page.items.size(); ++index) {
        const Item& item = page.items[index];
        const int tag = index < page.tags.size() ? page.tags[index] : kArtifact;
        if (tag != open) {
            if (open != kNoSequence) content.operators.append("EMC\n");
            beginMarked(tag, structure);
            open = tag;
        }
        if (auto* picture = std::get_if<Image>(&item)) {
            content.operators.append("q ");
            out_.clear();
            number(picture->width), out_.append("0 0 "), number(picture->height);
            number(picture->x), number(page.height - picture->y - picture->height);
            content.operators.append(out_).append("cm /Im").append(std::to_string(image_count_++)).append(" Do Q\n");
            content.images.push_back(picture);
            continue;
        }
        out_.clear();
        this->item(item, page.height);
        if (out_.empty()) continue;
        bool created = false;
        const int form = repeated_.formFor(out_, page.width, page.height, created);
        if (form < 0) {
            content.operators.append(out_);
            continue;
        }
        if (created) content.new_forms.push_back({form, out_, page.width, page.height});
        content.operators.append("/Fm").append(std::to_string(form)).append(" Do\n");
    }
    if (open != kNoSequence) content.operators.append("EMC\n");
    return content;
}

void ContentWriter::item(const Item& item, double page_height) {
    if (auto* run = std::get_if<TextRun>(&item))
        text(*run, page_height);
    else if (auto* rule = std::get_if<Line>(&item))
        line(*rule, page_height);
    else if (auto* rect = std::get_if<Box>(&item))
        box(*rect, page_height);
    else if (auto* code = std::get_if<Barcode>(&item))
        barcode(*code, page_height);
}

// The font's own advance, asked of HarfBuzz once per glyph and batch.
int ContentWriter::naturalAdvance(FontId font, std::uint32_t glyph) {
    constexpr int kUnknown = std::numeric_limits<int>::min();
    auto& known = advances_[static_cast<size_t>(font)];
    if (glyph >= known.size()) known.resize(glyph + 1, kUnknown);
    if (known[glyph] == kUnknown) known[glyph] = fonts_.face(font).defaultAdvance(glyph);
    return known[glyph];
}

void ContentWriter::recordGlyphs(const TextRun& run) {
    auto& usage = usage_[static_cast<size_t>(run.font)];
    for (const Glyph& glyph : run.glyphs) {
        if (glyph.id < usage.seen.size() && usage.seen[glyph.id]) continue;
        if (glyph.id >= usage.seen.size()) usage.seen.resize(glyph.id + 1);
        usage.seen[glyph.id] = true;
        std::string text = clusterText(run, glyph.cluster);
        usage.text_of_glyph.emplace(glyph.id, run.right_to_left ? visualOrder(text) : text);
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
    number(run.x);
    number(page_height - run.y);
    out_.append("Td [");
    bool in_string = false;
    float rise = 0;
    auto adjust = [&](double points) {
        if (std::fabs(points) < 0.001) return;
        if (in_string) out_.append(") ");
        in_string = false;
        number(-points * to_text_space);
    };
    for (const Glyph& glyph : run.glyphs) {
        if (glyph.dy != rise) {
            if (in_string) out_.push_back(')');
            in_string = false;
            out_.append("] TJ ");
            number(glyph.dy);
            out_.append("Ts [");
            rise = glyph.dy;
        }
        adjust(glyph.dx);
        if (!in_string) out_.push_back('(');
        in_string = true;
        appendGlyphCode(out_, glyph.id);
        double natural = naturalAdvance(run.font, glyph.id) * run.size / face.unitsPerEm();
        adjust(glyph.advance - glyph.dx - natural);
    }
    if (in_string) out_.push_back(')');
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

// Drawn in module units (one `cm` maps the grid onto the page), dark modules merged into
// rectangles: a horizontal run, stretched down over the rows that repeat it exactly. A 2D code
// then takes a few hundred short `re` instead of one per module.
void ContentWriter::barcode(const Barcode& code, double page_height) {
    const ModuleMatrix& modules = code.modules;
    if (modules.width <= 0 || modules.height <= 0) return;
    const auto rows = static_cast<std::size_t>(modules.height), columns = static_cast<std::size_t>(modules.width);
    if (modules.dark.size() != rows * columns) throw std::invalid_argument("barcode modules do not fill their grid");
    out_.append("q 0 0 0 rg ");
    number(code.width / static_cast<double>(columns));
    out_.append("0 0 ");
    number(-code.height / static_cast<double>(rows));
    number(code.x);
    number(page_height - code.y);
    out_.append("cm\n");
    // Dark runs by their first module: where each ends, or 0 for a run already drawn from above.
    run_end_.assign(rows * columns, 0);
    for (std::size_t row = 0; row < rows; ++row) {
        const std::uint8_t* line = &modules.dark[row * columns];
        for (std::size_t column = 0; column < columns;) {
            if (!line[column]) {
                ++column;
                continue;
            }
            std::size_t end = column;
            while (end < columns && line[end]) ++end;
            run_end_[row * columns + column] = static_cast<std::uint32_t>(end);
            column = end;
        }
    }
    out_.reserve(out_.size() + rows * columns * 4);
    char rect[96];
    for (std::size_t row = 0; row < rows; ++row) {
        for (std::size_t column = 0; column < columns; ++column) {
            const std::uint32_t end = run_end_[row * columns + column];
            if (end == 0) continue;
            std::size_t height = 1;
            while (row + height < rows && run_end_[(row + height) * columns + column] == end) {
                run_end_[(row + height) * columns + column] = 0;
                ++height;
            }
            char* at = rect;
            for (const std::size_t value : {column, row, end - column, height}) at = appendSmall(at, value);
            std::memcpy(at, "re\n", 3);
            out_.append(rect, static_cast<std::size_t>(at + 3 - rect));
            column = end - 1;
        }
    }
    out_.append("f Q\n");
}

}  // namespace ceres::render
