#include "render/pdf_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "pdf_probe.h"
#include "render/text.h"

namespace ceres::render {
namespace {

class PdfWriterTest : public testing::Test {
protected:
    static void SetUpTestSuite() {
        fonts_ = new FontSet(test::resourceDir() + "/fonts");
        std::ifstream icc(test::resourceDir() + "/templates/color/sRGB.icc", std::ios::binary);
        std::ostringstream content;
        content << icc.rdbuf();
        icc_ = content.str();
    }
    static void TearDownTestSuite() { delete fonts_; }

    // Each text on its own line, 40 pt apart, at the given size.
    PageModel lines(const std::vector<std::string>& texts, double size = 14) {
        PageModel document;
        document.pages.emplace_back();
        Typesetter typesetter(*fonts_);
        TextStyle style;
        style.size = size;
        double y = 60;
        for (const std::string& text : texts) {
            for (TextRun run : typesetter.shape(text, style).runs) {
                run.x += 50;
                run.y = y;
                document.pages[0].items.emplace_back(std::move(run));
            }
            y += 40;
        }
        return document;
    }

    RenderedPdf write(const PageModel& document) const { return writePdf({&document}, *fonts_, icc_, meta_); }

    static FontSet* fonts_;
    static std::string icc_;
    PdfMeta meta_{"PV général",     "DDETS de la Gironde", "Session TITRE_T_2026_299045", "ceres-docs",
                  "ceres-docs 0.1", "2026-05-29",          "TITRE_T_2026_299045/pv/2"};
};

FontSet* PdfWriterTest::fonts_ = nullptr;
std::string PdfWriterTest::icc_;

const std::vector<std::string> kNames = {
    "Lefèvre Hélène è ê ë à â ç ô œ Œ ÿ « Zoé »",
    "Παπαδόπουλος Αθηνά",
    "Смирнов Дмитрий",
    "王秀英",
    "محمد",
    "صلاح الدين",
    "דוד",
};

TEST_F(PdfWriterTest, NamesInEveryAlphabetExtractInLogicalOrder) {
    RenderedPdf pdf = write(lines(kNames));
    std::string text = test::pdfText(pdf.bytes);
    for (const std::string& name : kNames)
        EXPECT_NE(text.find(name), std::string::npos) << name << "\n" << text;
}

TEST_F(PdfWriterTest, RightToLeftNameInsideLatinTextKeepsItsLogicalOrder) {
    RenderedPdf pdf = write(lines({"Candidat : محمد علي", "Candidat : דוד כהן"}));
    std::string text = test::pdfText(pdf.bytes);
    EXPECT_NE(text.find("محمد علي"), std::string::npos) << text;
    EXPECT_NE(text.find("דוד כהן"), std::string::npos) << text;
}

TEST_F(PdfWriterTest, SameInputGivesIdenticalBytes) {
    PageModel document = lines(kNames);
    EXPECT_EQ(write(document).bytes, write(document).bytes);
}

TEST_F(PdfWriterTest, IdentifierFollowsTheSeed) {
    PageModel document = lines({"Hélène"});
    std::string first = write(document).bytes;
    meta_.document_id_seed = "another";
    std::string second = write(document).bytes;
    EXPECT_NE(first, second);
    EXPECT_EQ(first.size(), second.size());
}

// The subset tag names the glyph set of the embedded program (the six letters before "+").
std::string embeddedDejaVuName(const std::string& pdf) {
    const std::string fonts = test::pdfFonts(pdf);
    const auto at = fonts.find("+DejaVuSans ");
    return at == std::string::npos || at < 6 ? std::string() : fonts.substr(at - 6, 17);
}

// A job's documents differ by a name: they share one font program, made once per process, and
// each still shows its own text whole.
TEST_F(PdfWriterTest, DocumentsDifferingByAFrenchNameShareOneFontProgram) {
    const RenderedPdf lefevre = write(lines({"Madame Hélène Lefèvre, née le 12 avril 1991"}));
    const RenderedPdf dubois = write(lines({"Monsieur Noël Dubois-Çağlar, né le 3 mai 1988"}));
    EXPECT_NE(test::pdfText(lefevre.bytes).find("Hélène Lefèvre"), std::string::npos);
    EXPECT_NE(test::pdfText(dubois.bytes).find("Dubois-Çağlar"), std::string::npos);
    const std::string common = embeddedDejaVuName(lefevre.bytes);
    ASSERT_FALSE(common.empty()) << test::pdfFonts(lefevre.bytes);
    // "ğ" is outside the common French repertoire: that document has a set, and a tag, of its own.
    EXPECT_NE(embeddedDejaVuName(dubois.bytes), common);
    EXPECT_EQ(embeddedDejaVuName(write(lines({"Monsieur Paul Durand"})).bytes), common);
    EXPECT_EQ(test::qpdfCheck(dubois.bytes).status, 0);
}

TEST_F(PdfWriterTest, IsStructurallyValidWithSubsetEmbeddedFonts) {
    RenderedPdf pdf = write(lines(kNames));
    test::CommandResult check = test::qpdfCheck(pdf.bytes);
    EXPECT_EQ(check.status, 0) << check.output;
    EXPECT_NE(check.output.find("No syntax or stream encoding errors"), std::string::npos) << check.output;
    std::string fonts = test::pdfFonts(pdf.bytes);
    EXPECT_EQ(test::occurrences(fonts, "CID TrueType"), 4)
        << fonts;  // DejaVu, Noto Arabic, Noto Hebrew, Droid
    EXPECT_EQ(test::occurrences(fonts, "Identity-H       yes yes yes"), 4) << fonts;
}

TEST_F(PdfWriterTest, MetadataComesFromTheCaller) {
    std::string info = test::pdfInfo(write(lines({"x"})).bytes);
    EXPECT_NE(info.find("PV général"), std::string::npos) << info;
    EXPECT_NE(info.find("DDETS de la Gironde"), std::string::npos) << info;
    EXPECT_NE(info.find("ceres-docs 0.1"), std::string::npos) << info;
    EXPECT_NE(info.find("2026"), std::string::npos) << info;
}

TEST_F(PdfWriterTest, ArabicGlyphsAreDrawnWhereTheNameIs) {
    PageModel document = lines({"محمد"}, 40);
    test::Raster raster = test::rasterise(write(document).bytes, 1, 50);
    double width = 0;
    for (const Item& item : document.pages[0].items)
        for (const Glyph& glyph : std::get<TextRun>(item).glyphs) width += glyph.advance;
    EXPECT_GT(raster.darkShare(50, 30, width, 40, 50), 0.05);
    EXPECT_EQ(raster.darkShare(300, 300, 200, 200, 50), 0);
}

TEST_F(PdfWriterTest, BarcodeModulesAreFilledRectangles) {
    ModuleMatrix checkerboard{10, 10, std::vector<std::uint8_t>(100)};
    for (size_t row = 0; row < 10; ++row)
        for (size_t column = 0; column < 10; ++column) checkerboard.dark[row * 10 + column] = (row + column) % 2 == 0;
    PageModel document;
    document.pages.emplace_back();
    Barcode full;
    full.x = 50, full.y = 50, full.width = 100, full.height = 100;
    full.modules = ModuleMatrix{4, 4, std::vector<std::uint8_t>(16, 1)};
    Barcode half = full;
    half.x = 300, half.modules = checkerboard;
    document.pages[0].items.emplace_back(full);
    document.pages[0].items.emplace_back(half);
    test::Raster raster = test::rasterise(write(document).bytes, 1, 72);
    EXPECT_GT(raster.darkShare(52, 52, 96, 96, 72), 0.97);
    EXPECT_NEAR(raster.darkShare(300, 50, 100, 100, 72), 0.5, 0.05);
}

TEST_F(PdfWriterTest, ImagesAreScaledIntoTheirRectangle) {
    PageModel document;
    document.pages.emplace_back();
    Image picture;
    picture.x = 100, picture.y = 100, picture.width = 200, picture.height = 100;
    picture.pixel_width = 2, picture.pixel_height = 1;
    picture.rgb = {0, 0, 0, 255, 255, 255};  // black then white
    document.pages[0].items.emplace_back(picture);
    RenderedPdf pdf = write(document);
    EXPECT_EQ(test::qpdfCheck(pdf.bytes).status, 0);
    test::Raster raster = test::rasterise(pdf.bytes, 1, 72);
    EXPECT_GT(raster.darkShare(105, 105, 90, 90, 72), 0.95);
    EXPECT_LT(raster.darkShare(205, 105, 90, 90, 72), 0.05);
}

// What the output has received at each moment: a print batch must not wait for its end.
class RecordingOutput final : public PdfOutput {
public:
    void write(std::string_view bytes) override { bytes_.append(bytes); }
    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
};

TEST_F(PdfWriterTest, PagesReachTheOutputLongBeforeTheFileEnds) {
    constexpr int kPages = 2000;
    RecordingOutput output;
    PdfStreamWriter writer(*fonts_, icc_, output);
    for (int i = 0; i < kPages; ++i) {
        std::vector<std::string> texts;
        for (int line = 0; line < 8; ++line)
            texts.push_back("Candidat " + std::to_string(i * 8 + line) + " — N° CERES-" + std::to_string(1000000 + i));
        writer.addPage(lines(texts).pages[0]);
    }
    const int pages_out_before_the_end = test::occurrences(output.bytes(), "/Type/Page/");
    writer.finish(meta_);
    EXPECT_GT(pages_out_before_the_end, kPages / 2) << "pages were held back until the end";
    EXPECT_EQ(writer.pageCount(), kPages);
    EXPECT_EQ(test::pdfPageCount(output.bytes()), kPages);
    EXPECT_EQ(test::qpdfCheck(output.bytes()).status, 0);
    EXPECT_NE(test::pdfText(output.bytes(), kPages).find("CERES-1001999"), std::string::npos);
}

TEST_F(PdfWriterTest, ManyDocumentsShareOnePdf) {
    PageModel first = lines({"Hélène"}), second = lines({"Αθηνά", "王秀英"});
    RenderedPdf pdf = writePdf({&first, &second, &first}, *fonts_, icc_, meta_);
    EXPECT_EQ(pdf.pages, 3);
    EXPECT_EQ(test::pdfPageCount(pdf.bytes), 3);
    EXPECT_NE(test::pdfText(pdf.bytes, 2).find("王秀英"), std::string::npos);
}

}  // namespace
}  // namespace ceres::render
