#pragma once
// Turns strings into shaped, bidi-ordered glyph runs, and measures, wraps and fits them.
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/fonts.h"
#include "render/model.h"

struct hb_buffer_t;

namespace ceres::render {

struct TextStyle {
    Weight weight = Weight::Regular;
    double size = 10;
    Color color;
};

// One line, runs in visual order; run x positions are relative to the start of the line, y is 0.
struct ShapedLine {
    std::vector<TextRun> runs;
    double width = 0;
};

// Shapes with HarfBuzz, orders with fribidi, falls back face by face along the FontSet chain.
// Keeps a cache of shaped strings, so one instance is meant to live for one render call or one
// batch (it is not thread-safe; the FontSet it reads is). The cache holds two generations of at
// most kCacheGeneration strings: what a batch keeps using stays, names seen once age out.
class Typesetter {
public:
    explicit Typesetter(const FontSet& fonts);
    ~Typesetter();
    Typesetter(const Typesetter&) = delete;
    Typesetter& operator=(const Typesetter&) = delete;

    ShapedLine shape(std::string_view utf8, const TextStyle& style);
    double measure(std::string_view utf8, const TextStyle& style);
    // Greedy line breaking at spaces and after the hyphens of compound words; no-break spaces
    // (U+00A0, U+202F) never break. Only a piece wider than the line is cut between characters,
    // and `split_word` then says so.
    std::vector<std::string> wrap(std::string_view utf8, const TextStyle& style, double width,
                                  bool* split_word = nullptr);
    // Widens the spaces of a shaped line so that it spans `width` exactly.
    static void justify(ShapedLine& line, double width);

    // Where the baseline sits below the top of a line box of lineHeight(style).
    double baselineOffset(const TextStyle& style) const;
    double lineHeight(const TextStyle& style) const;

private:
    struct UnitLine;
    const UnitLine& unitLine(std::string_view utf8, Weight weight);
    UnitLine shapeUncached(std::string_view utf8, Weight weight);
    bool composeFromWords(std::string_view utf8, FontId face, Weight weight, UnitLine& line);

    using Cache = std::unordered_map<std::string, std::unique_ptr<UnitLine>>;
    static constexpr size_t kCacheGeneration = 1024;

    const FontSet& fonts_;
    hb_buffer_t* buffer_;  // reused from one shaping to the next
    Cache cache_, older_;
    std::string key_, last_key_;
    const UnitLine* last_ = nullptr;  // what last_key_ gave; lives in cache_ (older_ after a turn)
};

}  // namespace ceres::render
