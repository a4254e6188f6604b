#include "render/text.h"

#include <fribidi.h>
#include <hb.h>

#include <algorithm>

#include "render/utf8.h"

namespace ceres::render {
namespace {

constexpr std::string_view kEllipsis = "\u2026";

bool mayBeRightToLeft(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
           (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF) || c == 0x200F;
}

// Embedding levels per code point; all zero (left to right) when no right-to-left character is
// present, which spares fribidi on the common case.
std::vector<FriBidiLevel> bidiLevels(const std::vector<char32_t>& text) {
    std::vector<FriBidiLevel> levels(text.size(), 0);
    if (std::none_of(text.begin(), text.end(), mayBeRightToLeft)) return levels;
    std::vector<FriBidiCharType> types(text.size());
    std::vector<FriBidiBracketType> brackets(text.size());
    const auto* chars = reinterpret_cast<const FriBidiChar*>(text.data());
    const auto length = static_cast<FriBidiStrIndex>(text.size());
    fribidi_get_bidi_types(chars, length, types.data());
    fribidi_get_bracket_types(chars, length, types.data(), brackets.data());
    FriBidiParType direction = FRIBIDI_PAR_ON;
    if (!fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), length, &direction,
                                             levels.data()))
        std::fill(levels.begin(), levels.end(), 0);
    return levels;
}

bool isLetterOrMark(char32_t c) {
    switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), c)) {
        case HB_UNICODE_GENERAL_CATEGORY_LOWERCASE_LETTER:
        case HB_UNICODE_GENERAL_CATEGORY_UPPERCASE_LETTER:
        case HB_UNICODE_GENERAL_CATEGORY_TITLECASE_LETTER:
        case HB_UNICODE_GENERAL_CATEGORY_OTHER_LETTER:
        case HB_UNICODE_GENERAL_CATEGORY_MODIFIER_LETTER:
            return true;
        default:
            return false;
    }
}

bool isMark(char32_t c) {
    auto category = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
    return category == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           category == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           category == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

// Neutral characters and marks stay in the face of the preceding text when it has them, so that
// an Arabic name with spaces remains one run (joining and extraction both need that).
std::vector<FontId> chooseFaces(const FontSet& fonts, const std::vector<char32_t>& text, Weight weight) {
    std::vector<FontId> faces(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char32_t c = text[i];
        bool sticky = i > 0 && (isMark(c) || !isLetterOrMark(c)) && fonts.face(faces[i - 1]).hasCharacter(c);
        faces[i] = sticky ? faces[i - 1] : fonts.faceFor(c, weight);
    }
    return faces;
}

struct BidiItem {
    size_t begin, end;  // code point indexes
    FontId face;
    FriBidiLevel level;
};

std::vector<BidiItem> itemize(const std::vector<FontId>& faces, const std::vector<FriBidiLevel>& levels) {
    std::vector<BidiItem> items;
    for (size_t i = 0; i < faces.size(); ++i) {
        if (!items.empty() && items.back().face == faces[i] && items.back().level == levels[i])
            items.back().end = i + 1;
        else
            items.push_back(BidiItem{i, i + 1, faces[i], levels[i]});
    }
    return items;
}

// Unicode bidi rule L2 applied to whole runs.
void reorderVisually(std::vector<BidiItem>& items) {
    if (items.empty()) return;
    FriBidiLevel highest = 0, lowest_odd = 255;
    for (const BidiItem& item : items) {
        highest = std::max(highest, item.level);
        if (item.level % 2) lowest_odd = std::min(lowest_odd, item.level);
    }
    for (int level = highest; level >= lowest_odd && level > 0; --level) {
        for (size_t i = 0; i < items.size();) {
            if (items[i].level < level) {
                ++i;
                continue;
            }
            size_t j = i;
            while (j < items.size() && items[j].level >= level) ++j;
            std::reverse(items.begin() + static_cast<long>(i), items.begin() + static_cast<long>(j));
            i = j;
        }
    }
}

}  // namespace

// A shaped string at 1 pt, so that one shaping serves every font size.
struct Typesetter::UnitLine {
    std::vector<TextRun> runs;
    double width = 0;
};

Typesetter::Typesetter(const FontSet& fonts) : fonts_(fonts) {}
Typesetter::~Typesetter() = default;

Typesetter::UnitLine Typesetter::shapeUncached(std::string_view utf8, Weight weight) const {
    Utf8Text decoded = decodeUtf8(utf8);
    std::vector<BidiItem> items =
        itemize(chooseFaces(fonts_, decoded.chars, weight), bidiLevels(decoded.chars));
    reorderVisually(items);
    UnitLine line;
    hb_buffer_t* buffer = hb_buffer_create();
    for (const BidiItem& item : items) {
        const FontFace& face = fonts_.face(item.face);
        size_t byte_begin = decoded.offsets[item.begin];
        size_t byte_end = decoded.offsets[item.end];
        hb_buffer_clear_contents(buffer);
        hb_buffer_add_utf8(buffer, utf8.data(), static_cast<int>(utf8.size()),
                           static_cast<unsigned>(byte_begin), static_cast<int>(byte_end - byte_begin));
        hb_buffer_set_direction(buffer, item.level % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_guess_segment_properties(buffer);
        hb_shape(face.font(), buffer, nullptr, 0);

        unsigned count = 0;
        const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
        const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
        const double scale = 1.0 / face.unitsPerEm();
        TextRun run;
        run.font = item.face;
        run.size = 1;
        run.x = line.width;
        run.text = std::string(utf8.substr(byte_begin, byte_end - byte_begin));
        run.right_to_left = item.level % 2;
        run.glyphs.reserve(count);
        for (unsigned g = 0; g < count; ++g) {
            Glyph glyph;
            glyph.id = infos[g].codepoint;
            glyph.cluster = infos[g].cluster - static_cast<std::uint32_t>(byte_begin);
            glyph.advance = static_cast<float>(positions[g].x_advance * scale);
            glyph.dx = static_cast<float>(positions[g].x_offset * scale);
            glyph.dy = static_cast<float>(positions[g].y_offset * scale);
            line.width += glyph.advance;
            run.glyphs.push_back(glyph);
        }
        line.runs.push_back(std::move(run));
    }
    hb_buffer_destroy(buffer);
    return line;
}

const Typesetter::UnitLine& Typesetter::unitLine(std::string_view utf8, Weight weight) {
    std::string key;
    key.reserve(utf8.size() + 1);
    key.push_back(weight == Weight::Bold ? 'B' : 'R');
    key.append(utf8);
    auto found = cache_.find(key);
    if (found != cache_.end()) return *found->second;
    auto shaped = std::make_unique<UnitLine>(shapeUncached(utf8, weight));
    return *cache_.emplace(std::move(key), std::move(shaped)).first->second;
}

ShapedLine Typesetter::shape(std::string_view utf8, const TextStyle& style) {
    const UnitLine& unit = unitLine(utf8, style.weight);
    const auto size = static_cast<float>(style.size);
    ShapedLine line;
    line.width = unit.width * style.size;
    line.runs = unit.runs;
    for (TextRun& run : line.runs) {
        run.size = style.size;
        run.x *= style.size;
        run.color = style.color;
        for (Glyph& glyph : run.glyphs) {
            glyph.advance *= size;
            glyph.dx *= size;
            glyph.dy *= size;
        }
    }
    return line;
}

double Typesetter::measure(std::string_view utf8, const TextStyle& style) {
    return unitLine(utf8, style.weight).width * style.size;
}

std::vector<std::string> Typesetter::wrap(std::string_view utf8, const TextStyle& style, double width) {
    std::vector<std::string> lines;
    if (measure(utf8, style) <= width) {
        lines.emplace_back(utf8);
        return lines;
    }
    const double space = measure(" ", style);
    std::string current;
    double current_width = 0;
    auto flush = [&] {
        if (!current.empty()) lines.push_back(std::move(current));
        current.clear();
        current_width = 0;
    };
    for (std::string_view word : splitWords(utf8)) {
        double word_width = measure(word, style);
        if (!current.empty() && current_width + space + word_width <= width) {
            current.append(" ").append(word);
            current_width += space + word_width;
            continue;
        }
        flush();
        while (word_width > width) {
            size_t cut = longestFittingPrefix(
                word, [&](std::string_view prefix) { return measure(prefix, style) <= width; });
            lines.emplace_back(word.substr(0, cut));
            word.remove_prefix(cut);
            word_width = measure(word, style);
        }
        current = std::string(word);
        current_width = word_width;
    }
    flush();
    return lines;
}

std::string Typesetter::ellipsize(std::string_view utf8, const TextStyle& style, double width) {
    if (measure(utf8, style) <= width) return std::string(utf8);
    size_t cut = longestFittingPrefix(utf8, [&](std::string_view prefix) {
        return measure(std::string(prefix).append(kEllipsis), style) <= width;
    });
    std::string shortened(utf8.substr(0, cut));
    while (!shortened.empty() && shortened.back() == ' ') shortened.pop_back();
    return shortened.append(kEllipsis);
}

void Typesetter::justify(ShapedLine& line, double width) {
    size_t spaces = 0;
    for (const TextRun& run : line.runs)
        for (const Glyph& glyph : run.glyphs) spaces += run.text[glyph.cluster] == ' ';
    if (spaces == 0 || line.width >= width) return;
    const auto extra = static_cast<float>((width - line.width) / static_cast<double>(spaces));
    double x = 0;
    for (TextRun& run : line.runs) {
        run.x = x;
        for (Glyph& glyph : run.glyphs) {
            if (run.text[glyph.cluster] == ' ') glyph.advance += extra;
            x += glyph.advance;
        }
    }
    line.width = width;
}

double Typesetter::baselineOffset(const TextStyle& style) const {
    const FontFace& face = fonts_.face(fonts_.primary(style.weight));
    const double ascent = face.ascender() * style.size / face.unitsPerEm();
    const double descent = -face.descender() * style.size / face.unitsPerEm();
    return (lineHeight(style) - ascent - descent) / 2 + ascent;
}

double Typesetter::lineHeight(const TextStyle& style) const {
    return style.size * 1.2;
}

}  // namespace ceres::render
