#include "render/text.h"

#include <fribidi.h>
#include <hb.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "render/utf8.h"

namespace ceres::render {
namespace {

// Right-to-left scripts, the right-to-left mark, and the explicit controls that open a
// right-to-left embedding, override or isolate (RLE, RLO, RLI): "abc RLO def PDF" shows "fed"
// though it holds no right-to-left letter.
bool mayBeRightToLeft(char32_t c) {
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) ||
           (c >= 0x10800 && c <= 0x10FFF) || (c >= 0x1E800 && c <= 0x1EFFF) || c == 0x200F || c == 0x202B ||
           c == 0x202E || c == 0x2067;
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

// Unicode bidi rule L2 applied to whole runs: from the highest level down to the lowest odd
// level of the line, every sequence at that level or above is reversed. (Going on down to
// level 1 would give the same order: below the lowest odd level, each pair of levels reverses
// the same sequences twice.) Levels are counted in int: FriBidiLevel is a signed char.
void reorderVisually(std::vector<BidiItem>& items) {
    if (items.empty()) return;
    int highest = 0, lowest_odd = FRIBIDI_BIDI_MAX_EXPLICIT_LEVEL + 2;
    for (const BidiItem& item : items) {
        const int level = item.level;
        highest = std::max(highest, level);
        if (level % 2) lowest_odd = std::min(lowest_odd, level);
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

// No face of fonts/ draws the character: printing a blank box instead would change what the
// reader sees, so the document is not made.
std::runtime_error missingGlyph(std::string_view utf8, size_t byte) {
    const Utf8Text character =
        domain::decodeUtf8Replacing(utf8.substr(byte, std::min<size_t>(4, utf8.size() - byte)));
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", character.chars.empty() ? 0u : unsigned(character.chars.front()));
    return std::runtime_error(std::string("no font of fonts/ has a glyph for ") + code + " in \"" +
                              std::string(utf8) + "\"");
}

}  // namespace

// A shaped string at 1 pt, so that one shaping serves every font size.
struct Typesetter::UnitLine {
    std::vector<TextRun> runs;
    double width = 0;
};

Typesetter::Typesetter(const FontSet& fonts) : fonts_(fonts), buffer_(hb_buffer_create()) {
    cache_.reserve(kCacheGeneration);
}

Typesetter::~Typesetter() { hb_buffer_destroy(buffer_); }

// Text in one face, left to right, is laid out word by word: each word is shaped once and kept,
// and a line is its words and spaces end to end. Names and numbers make most lines of a print
// batch unique, but few of their words. Our faces kern no pair with a space, so the glyphs and
// positions are those of the whole line shaped at once (tests/render/text_test.cpp checks it).
bool Typesetter::composeFromWords(std::string_view utf8, FontId face, Weight weight, UnitLine& line) {
    TextRun run;
    run.font = face;
    run.size = 1;
    run.text = std::string(utf8);
    run.glyphs.reserve(utf8.size());
    size_t start = 0;
    for (;;) {
        const size_t end = std::min(utf8.find(' ', start), utf8.size());
        for (std::string_view part : {utf8.substr(start, end - start), utf8.substr(end, 1)}) {
            if (part.empty()) continue;
            const UnitLine& word = unitLine(part, weight);
            if (word.runs.size() != 1 || word.runs.front().font != face || word.runs.front().right_to_left) return false;
            const auto offset = static_cast<std::uint32_t>(part.data() - utf8.data());
            for (Glyph glyph : word.runs.front().glyphs) {
                glyph.cluster += offset;
                run.glyphs.push_back(glyph);
            }
            line.width += word.width;
        }
        if (end >= utf8.size()) break;
        start = end + 1;
    }
    line.runs.push_back(std::move(run));
    return true;
}

Typesetter::UnitLine Typesetter::shapeUncached(std::string_view utf8, Weight weight) {
    Utf8Text decoded = domain::decodeUtf8Replacing(utf8);
    const std::vector<FontId> faces = chooseFaces(fonts_, decoded.chars, weight);
    const std::vector<FriBidiLevel> levels = bidiLevels(decoded.chars);
    const bool one_face_left_to_right =
        std::all_of(faces.begin(), faces.end(), [&](FontId f) { return f == faces.front(); }) &&
        std::all_of(levels.begin(), levels.end(), [](FriBidiLevel level) { return level == 0; });
    const bool words_and_spaces =
        utf8.find(' ') != std::string_view::npos && utf8.find_first_not_of(' ') != std::string_view::npos;
    if (one_face_left_to_right && words_and_spaces) {
        UnitLine composed;
        if (composeFromWords(utf8, faces.front(), weight, composed)) return composed;
    }
    std::vector<BidiItem> items = itemize(faces, levels);
    reorderVisually(items);
    UnitLine line;
    hb_buffer_t* buffer = buffer_;
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
            if (infos[g].codepoint == 0) throw missingGlyph(utf8, infos[g].cluster);
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
    return line;
}

// Layout asks for one string several times in a row (fit, measure, draw): the last answer is
// kept aside, and the lookup key is built in a reused buffer.
const Typesetter::UnitLine& Typesetter::unitLine(std::string_view utf8, Weight weight) {
    key_.assign(1, weight == Weight::Bold ? 'B' : 'R');
    key_.append(utf8);
    if (last_ && key_ == last_key_) return *last_;
    auto found = cache_.find(key_);
    if (found == cache_.end()) {
        std::string key = key_;  // shaping a line looks its words up, with key_
        std::unique_ptr<UnitLine> shaped;
        auto old = older_.find(key);
        if (old != older_.end()) {
            shaped = std::move(old->second);
            older_.erase(old);
        } else {
            shaped = std::make_unique<UnitLine>(shapeUncached(utf8, weight));
        }
        if (cache_.size() >= kCacheGeneration) {
            older_ = std::move(cache_);
            cache_ = Cache();
            cache_.reserve(kCacheGeneration);
        }
        found = cache_.emplace(std::move(key), std::move(shaped)).first;
        last_key_ = found->first;
    } else {
        last_key_ = key_;
    }
    last_ = found->second.get();
    return *last_;
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

// Chinese and Japanese ideographs and kana are written without spaces and may break between any
// two of them.
bool breaksAfter(char32_t c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FFFF);
}

// Where a word may break without a hyphen being added: after a hyphen that has letters on both
// sides ("Jean-|Christophe", "Saint-|Étienne"), and between ideographs.
std::vector<std::string_view> hyphenPieces(std::string_view word) {
    std::vector<std::string_view> pieces;
    const Utf8Text decoded = domain::decodeUtf8Replacing(word);
    const size_t count = decoded.chars.size();
    size_t start = 0;
    for (size_t i = 0; i + 1 < count; ++i) {
        const char32_t c = decoded.chars[i];
        const bool hyphen = c == '-' && i > 0 && decoded.chars[i - 1] != '-' && decoded.chars[i + 1] != '-';
        if (!hyphen && !breaksAfter(c)) continue;
        const size_t end = decoded.offsets[i + 1];
        pieces.push_back(word.substr(start, end - start));
        start = end;
    }
    pieces.push_back(word.substr(start));
    return pieces;
}

// Greedy, piece by piece: at spaces, and after the hyphens of compound words. A long text is
// first judged by the widths of its words (each shaped and cached on its own) and spaces, which
// only kerning against a space makes differ from the shaped line: a paragraph clearly too wide is
// broken without being shaped whole for nothing.
std::vector<std::string> Typesetter::wrap(std::string_view utf8, const TextStyle& style, double width,
                                          bool* split_word) {
    constexpr double kKerningMargin = 1.05;
    if (split_word) *split_word = false;
    std::vector<std::string> lines;
    const bool long_single_spaced = utf8.size() >= 64 && utf8.find("  ") == std::string_view::npos &&
                                    utf8.front() != ' ' && utf8.back() != ' ';
    if (utf8.empty() || (!long_single_spaced && measure(utf8, style) <= width)) {
        lines.emplace_back(utf8);
        return lines;
    }
    const std::vector<std::string_view> words = splitWords(utf8);
    const double space = measure(" ", style);
    if (long_single_spaced) {
        double estimate = space * static_cast<double>(words.size() - 1);
        for (std::string_view word : words) estimate += measure(word, style);
        if (estimate <= width * kKerningMargin && measure(utf8, style) <= width) {
            lines.emplace_back(utf8);
            return lines;
        }
    }
    std::string current;
    double current_width = 0;
    auto flush = [&] {
        if (!current.empty()) lines.push_back(std::move(current));
        current.clear();
        current_width = 0;
    };
    for (std::string_view whole : words) {
        bool glued = false;  // a piece after a hyphen follows without a space
        for (std::string_view piece : hyphenPieces(whole)) {
            double piece_width = measure(piece, style);
            const double gap = glued ? 0 : space;
            const bool first_of_line = current.empty();
            glued = true;
            if (!first_of_line && current_width + gap + piece_width <= width) {
                if (gap > 0) current.push_back(' ');
                current.append(piece);
                current_width += gap + piece_width;
                continue;
            }
            flush();
            // Only a piece wider than the whole line is cut between characters; the layout shrinks
            // the text first, so this is the last resort and is reported.
            while (piece_width > width) {
                if (split_word) *split_word = true;
                size_t cut = longestFittingPrefix(
                    piece, [&](std::string_view prefix) { return measure(prefix, style) <= width; });
                lines.emplace_back(piece.substr(0, cut));
                piece.remove_prefix(cut);
                piece_width = measure(piece, style);
            }
            current = std::string(piece);
            current_width = piece_width;
        }
    }
    flush();
    return lines;
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
