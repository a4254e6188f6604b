#include "render/font_subset.h"

#include <hb-subset.h>
#include <hb.h>
#include <zlib.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace ceres::render {
namespace {

constexpr hb_tag_t kDroppedTables[] = {
    HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
    HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'), HB_TAG('B', 'A', 'S', 'E'),
    HB_TAG('J', 'S', 'T', 'F'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('h', 'd', 'm', 'x'),
    HB_TAG('V', 'D', 'M', 'X'), HB_TAG('L', 'T', 'S', 'H'), HB_TAG('P', 'C', 'L', 'T'),
    HB_TAG('F', 'F', 'T', 'M'), HB_TAG('m', 'e', 't', 'a'), HB_TAG('M', 'A', 'T', 'H'),
};

// Characters any French document may draw: Basic Latin, the letters of French with their
// diacritics, the typographic quotes, apostrophe, dashes and spaces, a few signs. Kept short: a
// program grows with every glyph, and names outside it make a set of their own.
constexpr char32_t kCommon[] = U"\u00A0\u00AB\u00BB\u00B0\u00A7\u00B7\u202F\u2018\u2019\u201C\u201D\u2013\u2014\u2026\u20AC"
                               U"àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ";

std::vector<std::uint32_t> commonGlyphs(const FontSet& fonts, FontId id) {
    const FontFace& face = fonts.face(id);
    std::vector<std::uint32_t> glyphs;
    auto add = [&](char32_t c) {
        if (fonts.faceFor(c, Weight::Regular) != id && fonts.faceFor(c, Weight::Bold) != id) return;
        hb_codepoint_t glyph = 0;
        if (hb_font_get_nominal_glyph(face.font(), c, &glyph)) glyphs.push_back(glyph);
    };
    for (char32_t c = 0x20; c < 0x7F; ++c) add(c);
    for (const char32_t* c = kCommon; *c; ++c) add(*c);
    return glyphs;
}

std::string subsetTagOf(const std::vector<std::uint32_t>& glyphs) {
    std::uint32_t hash = 2166136261u;
    for (std::uint32_t glyph : glyphs) hash = (hash ^ glyph) * 16777619u;
    std::string tag;
    for (int i = 0; i < 6; ++i) {
        tag.push_back(static_cast<char>('A' + hash % 26));
        hash /= 26;
    }
    return tag + "+";
}

std::shared_ptr<const FontProgram> makeProgram(const FontFace& face, const std::vector<std::uint32_t>& glyphs) {
    auto program = std::make_shared<FontProgram>();
    program->tag = subsetTagOf(glyphs);
    program->cid_set.assign(glyphs.back() / 8 + 1, '\0');
    program->cid_set[0] = static_cast<char>(0x80);  // .notdef, always in the program
    for (std::uint32_t glyph : glyphs) program->cid_set[glyph / 8] |= static_cast<char>(0x80 >> (glyph % 8));
    const std::string raw = subsetFont(face, glyphs);
    program->length1 = raw.size();
    uLongf packed_size = compressBound(static_cast<uLong>(raw.size()));
    std::string packed(packed_size, '\0');
    // Once per process, so the best compression is worth its time.
    if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                  reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()), 9) != Z_OK)
        throw std::runtime_error("zlib: cannot compress the font program of " + face.postscriptName());
    packed.resize(packed_size);
    program->deflated = packed.size() < raw.size();
    program->stream = program->deflated ? std::move(packed) : raw;
    return program;
}

// Keyed by the face and the widened glyph set. A few dozen sets at most in practice (one per
// face and unusual repertoire); emptied when it reaches the bound, so memory stays bounded.
class ProgramCache {
public:
    std::shared_ptr<const FontProgram> get(const FontSet& fonts, FontId id, const std::vector<std::uint32_t>& used) {
        const FontFace& face = fonts.face(id);
        std::unique_lock<std::mutex> lock(mutex_);
        auto common = common_.find(&face);
        if (common == common_.end()) common = common_.emplace(&face, commonGlyphs(fonts, id)).first;
        std::vector<std::uint32_t> glyphs = common->second;
        lock.unlock();
        glyphs.insert(glyphs.end(), used.begin(), used.end());
        std::sort(glyphs.begin(), glyphs.end());
        glyphs.erase(std::unique(glyphs.begin(), glyphs.end()), glyphs.end());
        Key key{&face, std::move(glyphs)};
        lock.lock();
        if (auto found = programs_.find(key); found != programs_.end()) return found->second;
        lock.unlock();
        // Made outside the lock; two threads racing on a new set make the same bytes.
        auto program = makeProgram(face, key.second);
        lock.lock();
        if (programs_.size() >= kBound) programs_.clear();
        return programs_.emplace(std::move(key), std::move(program)).first->second;
    }

private:
    using Key = std::pair<const FontFace*, std::vector<std::uint32_t>>;
    static constexpr std::size_t kBound = 64;
    std::mutex mutex_;
    std::map<const FontFace*, std::vector<std::uint32_t>> common_;
    std::map<Key, std::shared_ptr<const FontProgram>> programs_;
};

}  // namespace

std::shared_ptr<const FontProgram> sharedFontProgram(const FontSet& fonts, FontId id,
                                                     const std::vector<std::uint32_t>& glyphs) {
    static ProgramCache cache;
    return cache.get(fonts, id, glyphs);
}

std::string subsetFont(const FontFace& face, const std::vector<std::uint32_t>& glyphs) {
    hb_subset_input_t* input = hb_subset_input_create_or_fail();
    if (!input) throw std::runtime_error("font subsetting: out of memory");
    hb_set_t* glyph_set = hb_subset_input_glyph_set(input);
    hb_set_add(glyph_set, 0);
    for (std::uint32_t glyph : glyphs) hb_set_add(glyph_set, glyph);
    hb_set_t* dropped = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (hb_tag_t tag : kDroppedTables) hb_set_add(dropped, tag);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS | HB_SUBSET_FLAGS_NO_HINTING);

    hb_face_t* subset = hb_subset_or_fail(face.face(), input);
    hb_subset_input_destroy(input);
    if (!subset) throw std::runtime_error("font subsetting failed for " + face.postscriptName());
    hb_blob_t* blob = hb_face_reference_blob(subset);
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob, &length);
    std::string program(data, length);
    hb_blob_destroy(blob);
    hb_face_destroy(subset);
    return program;
}

}  // namespace ceres::render
