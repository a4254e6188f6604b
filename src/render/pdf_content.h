#pragma once
// Page content streams: turns model items into PDF operators and records which glyphs each font
// needs, with the text they stand for (the ToUnicode map).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "render/fonts.h"
#include "render/model.h"

namespace ceres::render {

struct GlyphUsage {
    std::map<std::uint32_t, std::string> text_of_glyph;  // glyph id -> logical text (UTF-8)
    std::vector<bool> seen;                               // by glyph id: already in text_of_glyph
};

// Operators drawn once into a form XObject `/Fm<index>` and invoked from every page that needs them.
struct FormXObject {
    int index = 0;
    std::string operators;
    double width = 0, height = 0;  // its bounding box, the page it was made from
};

struct PageContent {
    std::string operators;
    std::vector<int> marked;             // by MCID: the structure element (index) its sequence belongs to
    std::vector<FormXObject> new_forms;  // invoked for the first time on this page
    std::vector<const Image*> images;    // first drawn on this page, named /Im<n> in file order
};

// The operators of one item that recur from page to page (a template's fixed wording, the title
// or the signatory shared by a whole print batch) become a form XObject once they have been seen
// often enough (the shorter, the more often): a page then invokes it in ten bytes instead of
// repeating (and compressing) the operators. Exact bytes decide, so the drawing never changes; memory stays bounded whatever the
// number of pages (a capped count table and a capped set of forms).
class RepeatedContent {
public:
    // The form already made for `operators`, or a new one once they are seen often enough (then
    // `created` is true), or -1: draw them inline.
    int formFor(std::string_view operators, double page_width, double page_height, bool& created);
    int formCount() const { return static_cast<int>(forms_.size()); }

private:
    struct Form {
        std::string operators;
        double width, height;
    };
    std::unordered_map<std::uint64_t, std::uint8_t> seen_;  // content hash -> occurrences
    std::unordered_multimap<std::uint64_t, int> forms_by_hash_;
    std::vector<Form> forms_;  // by index
};

class ContentWriter {
public:
    explicit ContentWriter(const FontSet& fonts);

    // Operators of one page, valid until the next call; image XObjects are named /Im<n> with n
    // counted across pages. Each run of consecutive items of one structure element (page.tags)
    // is a marked-content sequence with an MCID, artifacts are /Artifact sequences; `structure`
    // gives the elements' roles (the sequences' tags).
    const PageContent& page(const Page& page, const std::vector<StructElement>* structure = nullptr);
    const std::vector<GlyphUsage>& glyphUsage() const { return usage_; }
    int formCount() const { return repeated_.formCount(); }
    int imageCount() const { return image_count_; }

private:
    void item(const Item& item, double page_height);
    void beginMarked(int tag, const std::vector<StructElement>* structure);
    void text(const TextRun& run, double page_height);
    void line(const Line& line, double page_height);
    void box(const Box& box, double page_height);
    void barcode(const Barcode& barcode, double page_height);
    void recordGlyphs(const TextRun& run);
    int naturalAdvance(FontId font, std::uint32_t glyph);
    void number(double value);
    void fillColor(const Color& color);
    void strokeColor(const Color& color);

    const FontSet& fonts_;
    std::vector<GlyphUsage> usage_;
    std::vector<std::vector<int>> advances_;  // by font, glyph id: the font's advance, once known
    RepeatedContent repeated_;
    int image_count_ = 0;
    PageContent content_;               // reused from page to page, as its buffers are
    std::string out_;                   // the operators of the item being written
    std::vector<std::uint32_t> run_end_;  // barcode runs, reused
};

}  // namespace ceres::render
