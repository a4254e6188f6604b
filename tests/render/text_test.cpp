#include "render/text.h"

#include <gtest/gtest.h>
#include <algorithm>
#include <hb.h>

#include "pdf_probe.h"

namespace ceres::render {
namespace {

class TypesetterTest : public testing::Test {
protected:
    static void SetUpTestSuite() { fonts_ = new FontSet(test::resourceDir() + "/fonts"); }
    static void TearDownTestSuite() { delete fonts_; }

    static FontSet* fonts_;
    Typesetter typesetter_{*fonts_};
    TextStyle style_;
};

FontSet* TypesetterTest::fonts_ = nullptr;

TEST_F(TypesetterTest, WrapsAtSpacesWithinTheWidth) {
    const std::string text = "Réaliser les travaux administratifs courants d'une structure";
    auto lines = typesetter_.wrap(text, style_, 120);
    ASSERT_GT(lines.size(), 1u);
    std::string joined;
    for (const auto& line : lines) {
        EXPECT_LE(typesetter_.measure(line, style_), 120);
        joined += (joined.empty() ? "" : " ") + line;
    }
    EXPECT_EQ(joined, text);
}

// Lines are put together from their words, shaped one by one: the glyphs and positions must be
// those of the whole line shaped at once by HarfBuzz, in regular and bold.
TEST_F(TypesetterTest, ALineOfWordsIsPlacedAsHarfBuzzShapesItWhole) {
    const std::vector<std::string> lines = {
        "Madame, Monsieur, vous trouverez ci-joint le parchemin du titre professionnel",
        "Employé administratif et d'accueil (TP-01318) qui vous a été délivré le 29/05/2026,",
        "né(e) le 12/04/1991 à Bègles (France) — « Zoé » L'Haÿ-les-Roses, Œuvre, fjord, AVATAR",
        "Fait à Bordeaux, le 29/05/2026 : sous le numéro CERES-000000123-4. Conservez-le précieusement !",
        "Tout Vous Y To Ta Te Yo Wa We AV AT LT  deux  espaces ",
    };
    for (const Weight weight : {Weight::Regular, Weight::Bold}) {
        const FontFace& face = fonts_->face(fonts_->primary(weight));
        TextStyle style;
        style.weight = weight;
        style.size = face.unitsPerEm();  // positions in font units
        for (const std::string& text : lines) {
            hb_buffer_t* buffer = hb_buffer_create();
            hb_buffer_add_utf8(buffer, text.data(), static_cast<int>(text.size()), 0, -1);
            hb_buffer_guess_segment_properties(buffer);
            hb_shape(face.font(), buffer, nullptr, 0);
            unsigned count = 0;
            const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
            const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, &count);
            const ShapedLine shaped = typesetter_.shape(text, style);
            ASSERT_EQ(shaped.runs.size(), 1u) << text;
            const auto& glyphs = shaped.runs[0].glyphs;
            ASSERT_EQ(glyphs.size(), count) << text;
            for (unsigned i = 0; i < count; ++i) {
                EXPECT_EQ(glyphs[i].id, infos[i].codepoint) << text << " glyph " << i;
                EXPECT_EQ(glyphs[i].cluster, infos[i].cluster) << text << " glyph " << i;
                EXPECT_NEAR(glyphs[i].advance, positions[i].x_advance, 0.01) << text << " glyph " << i;
                EXPECT_NEAR(glyphs[i].dx, positions[i].x_offset, 0.01) << text << " glyph " << i;
            }
            hb_buffer_destroy(buffer);
        }
    }
}

TEST_F(TypesetterTest, CutsOnlyAWordLongerThanTheLineAndSaysSo) {
    bool split = false;
    auto lines = typesetter_.wrap("Anticonstitutionnellement", style_, 40, &split);
    ASSERT_GT(lines.size(), 1u);
    EXPECT_TRUE(split);
    for (const auto& line : lines) EXPECT_LE(typesetter_.measure(line, style_), 40);
    typesetter_.wrap("Réaliser les travaux administratifs courants", style_, 120, &split);
    EXPECT_FALSE(split);
}

TEST_F(TypesetterTest, BreaksCompoundWordsAfterTheirHyphensOnly) {
    bool split = false;
    const auto lines = typesetter_.wrap("Marie-Christine Saint-Rémy-de-Provence", style_, 70, &split);
    EXPECT_FALSE(split);
    std::string joined;
    for (const auto& line : lines) {
        EXPECT_LE(typesetter_.measure(line, style_), 70) << line;
        const bool after_hyphen = !joined.empty() && joined.back() == '-';
        joined += (joined.empty() || after_hyphen ? "" : " ") + line;
    }
    EXPECT_EQ(joined, "Marie-Christine Saint-Rémy-de-Provence");
    ASSERT_GT(lines.size(), 2u);
    EXPECT_EQ(lines[0].back(), '-');
}

TEST_F(TypesetterTest, NeverBreaksAtANoBreakSpace) {
    const auto lines = typesetter_.wrap("SIRET 781\u202F842\u202F802\u202F00048", style_, 100);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1], "781\u202F842\u202F802\u202F00048");
}

TEST_F(TypesetterTest, AMissingGlyphIsAnErrorNotABlank) {
    try {
        typesetter_.shape("Zoé \U0010FFFD", style_);
        FAIL() << "no font of fonts/ draws U+10FFFD";
    } catch (const std::runtime_error& error) {
        EXPECT_NE(std::string(error.what()).find("U+10FFFD"), std::string::npos) << error.what();
    }
}

TEST_F(TypesetterTest, JoinsArabicLettersAndKeepsTheLogicalText) {
    ShapedLine line = typesetter_.shape("محمد", style_);
    ASSERT_EQ(line.runs.size(), 1u);
    EXPECT_TRUE(line.runs[0].right_to_left);
    EXPECT_EQ(line.runs[0].text, "محمد");
    // Joined forms differ from the isolated letter: the first meem is initial, the last dal final.
    ShapedLine isolated = typesetter_.shape("م", style_);
    EXPECT_NE(line.runs[0].glyphs.back().id, isolated.runs[0].glyphs[0].id);
}

TEST_F(TypesetterTest, FallsBackCharacterByCharacter) {
    ShapedLine line = typesetter_.shape("Wang 王秀英", style_);
    ASSERT_EQ(line.runs.size(), 2u);
    EXPECT_NE(line.runs[0].font, line.runs[1].font);
    EXPECT_EQ(line.runs[1].text, "王秀英");
    for (const auto& run : line.runs)
        for (const auto& glyph : run.glyphs) EXPECT_NE(glyph.id, 0u) << run.text;
}

TEST_F(TypesetterTest, OrdersMixedDirectionsVisually) {
    ShapedLine line = typesetter_.shape("Nom : דוד כהן, né", style_);
    ASSERT_GE(line.runs.size(), 3u);
    EXPECT_FALSE(line.runs.front().right_to_left);
    EXPECT_EQ(line.runs[1].text, "דוד כהן");
    EXPECT_TRUE(line.runs[1].right_to_left);
    for (size_t i = 1; i < line.runs.size(); ++i) EXPECT_GT(line.runs[i].x, line.runs[i - 1].x);
}

// An explicit right-to-left override reorders left-to-right letters: "abc RLO def PDF ghi" shows
// "abc fed ghi", though no right-to-left letter is present.
TEST_F(TypesetterTest, ARightToLeftOverrideReversesLatinLetters) {
    const ShapedLine line = typesetter_.shape("abc \u202Edef\u202C ghi", style_);
    const ShapedLine plain = typesetter_.shape("def", style_);
    ASSERT_EQ(plain.runs.size(), 1u);
    const TextRun* overridden = nullptr;
    for (const auto& run : line.runs)
        if (run.text.find("def") != std::string::npos) overridden = &run;
    ASSERT_NE(overridden, nullptr);
    EXPECT_TRUE(overridden->right_to_left);
    EXPECT_EQ(line.runs.front().text.rfind("abc ", 0), 0u);
    EXPECT_FALSE(line.runs.front().right_to_left);
    EXPECT_NE(line.runs.back().text.find("ghi"), std::string::npos);
    // d, e, f drawn from left to right as f, e, d.
    std::vector<unsigned> drawn, expected;
    for (const auto& g : plain.runs[0].glyphs) expected.insert(expected.begin(), g.id);
    for (const auto& g : overridden->glyphs)  // the letters, without what stands for the controls
        if (std::find(expected.begin(), expected.end(), g.id) != expected.end()) drawn.push_back(g.id);
    EXPECT_EQ(drawn, expected);
}

// Explicit embeddings and isolates: levels {0, 2, 3}, whose lowest odd level is 3. Only the
// Hebrew word (level 3) is reversed; the Latin words keep their logical order.
TEST_F(TypesetterTest, EmbeddingsReverseOnlyFromTheLowestOddLevelUp) {
    const ShapedLine line =
        typesetter_.shape("\u202Bxyz \u2066abc \u05D0\u05D1 def\u2069 uvw\u202C", style_);
    std::vector<std::string> order;
    for (const auto& run : line.runs)
        for (const char* word : {"xyz", "abc", "\u05D0\u05D1", "def", "uvw"})
            if (run.text.find(word) != std::string::npos) order.push_back(word);
    EXPECT_EQ(order, (std::vector<std::string>{"xyz", "abc", "\u05D0\u05D1", "def", "uvw"}));
    for (const auto& run : line.runs)
        EXPECT_EQ(run.right_to_left, run.text.find("\u05D0") != std::string::npos) << run.text;
    for (size_t i = 1; i < line.runs.size(); ++i) EXPECT_GE(line.runs[i].x, line.runs[i - 1].x);
}

TEST_F(TypesetterTest, JustifySpreadsSpacesToTheWidth) {
    ShapedLine line = typesetter_.shape("un deux trois", style_);
    Typesetter::justify(line, 200);
    double end = 0;
    for (const auto& run : line.runs)
        for (const auto& glyph : run.glyphs) end += glyph.advance;
    EXPECT_NEAR(end, 200, 0.01);
}

}  // namespace
}  // namespace ceres::render
