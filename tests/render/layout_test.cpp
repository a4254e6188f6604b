// Geometry checks on the laid-out model: nothing leaves its box or the page.
#include "render/layout.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "pdf_probe.h"
#include "render/engine.h"

namespace ceres::render {
namespace {

double runWidth(const TextRun& run) {
    double width = 0;
    for (const Glyph& glyph : run.glyphs) width += glyph.advance;
    return width;
}

class LayoutTest : public testing::Test {
protected:
    static void SetUpTestSuite() { engine_ = new Engine(test::resourceDir()); }
    static void TearDownTestSuite() { delete engine_; }

    LayoutResult layout(const std::string& name, const Poco::JSON::Object::Ptr& data) {
        return layoutDocument(typesetter_, engine_->templateNamed(name), data);
    }

    static Engine* engine_;
    Typesetter typesetter_{engine_->fonts()};
};

Engine* LayoutTest::engine_ = nullptr;

void expectTextInside(const PageModel& document, double left, double right) {
    for (const Page& page : document.pages)
        for (const Item& item : page.items)
            if (const auto* run = std::get_if<TextRun>(&item)) {
                EXPECT_GE(run->x, left - 0.01) << run->text;
                EXPECT_LE(run->x + runWidth(*run), right + 0.01) << run->text;
                EXPECT_LE(run->y, page.height) << run->text;
            }
}

TEST_F(LayoutTest, OverlongFieldsWrapAndShrinkButAreNeverCutNorLeaveThePage) {
    auto data = test::loadData("parchemin");
    std::string long_name;
    for (int i = 0; i < 12; ++i) long_name += "Marie-Ève Françoise ";
    data->getObject("holder")->set("first_name", long_name);
    data->set("unique_number", "33-2026-000042-K-AVEC-UN-SUFFIXE-BIEN-TROP-LONG-POUR-LA-CASE");
    LayoutResult laid_out = layout("parchemin", data);
    ASSERT_EQ(laid_out.model.pages.size(), 1u);
    expectTextInside(laid_out.model, 48, 841.89 - 48);
    for (const Item& item : laid_out.model.pages[0].items) {
        const auto* run = std::get_if<TextRun>(&item);
        if (run && run->text.rfind("N°", 0) == 0) { EXPECT_LE(run->x + runWidth(*run), 554 + 239.8 + 0.01); }
        EXPECT_EQ(run ? run->text.find("\u2026") : std::string::npos, std::string::npos) << run->text;
    }
    std::string printed;
    for (const Item& item : laid_out.model.pages[0].items)
        if (const auto* run = std::get_if<TextRun>(&item))
            for (char c : run->text)
                if (c != ' ') printed.push_back(c);
    EXPECT_NE(printed.find("Marie-ÈveFrançoiseMarie-Ève"), std::string::npos) << printed;
    EXPECT_NE(printed.find("TROP-LONG-POUR-LA-CASE"), std::string::npos) << printed;
}

// Whoever holds the diploma reads how to check it: the address on one line, at the hint's full
// size (8.5 pt), left of the 2D code, even for the longest public URL the settings accept (80
// characters; this one is 52); without an address, a sentence that names no dead link.
TEST_F(LayoutTest, ParcheminPrintsItsVerificationAddressWholeAndReadable) {
    const std::string url = "https://titres-professionnels.travail-emploi.gouv.fr/v1/verify/CERES-000000042-7";
    const auto runsWith = [](const LayoutResult& laid_out, const std::string& text) {
        std::vector<TextRun> found;
        for (const Item& item : laid_out.model.pages.at(0).items) {
            const auto* run = std::get_if<TextRun>(&item);
            if (run && run->text.find(text) != std::string::npos) found.push_back(*run);
        }
        return found;
    };
    const LayoutResult with_url = layout("parchemin", test::loadData("parchemin"));
    const auto address = runsWith(with_url, url);
    ASSERT_EQ(address.size(), 1u);
    EXPECT_DOUBLE_EQ(address[0].size, 8.5);
    EXPECT_LE(address[0].x + runWidth(address[0]), 680.0) << "left of the 2D code";
    ASSERT_EQ(runsWith(with_url, "Authenticité").size(), 1u);
    EXPECT_DOUBLE_EQ(runsWith(with_url, "Authenticité")[0].size, 8.5);
    EXPECT_TRUE(runsWith(with_url, "service de vérification").empty());

    auto data = test::loadData("parchemin");
    data->set("verification_url", "");
    const LayoutResult without_url = layout("parchemin", data);
    EXPECT_TRUE(runsWith(without_url, "/v1/verify").empty());
    const auto sentence = runsWith(without_url, "service de vérification");
    ASSERT_EQ(sentence.size(), 1u);
    EXPECT_DOUBLE_EQ(sentence[0].size, 8.5);
}

TEST_F(LayoutTest, TableCellsWrapInsideTheirColumns) {
    auto data = test::loadData("pv_general");
    std::string long_remark;
    for (int i = 0; i < 30; ++i) long_remark += "observation ";
    data->getArray("candidates")->getObject(0)->set("observations", long_remark);
    LayoutResult laid_out = layout("pv_general", data);
    expectTextInside(laid_out.model, 36, 841.89 - 36);
}

TEST_F(LayoutTest, ReportsPlaceholdersWithoutValue) {
    auto data = test::loadData("dte_request");
    data->remove("request");
    LayoutResult laid_out = layout("dte_request", data);
    bool reported = false;
    for (const std::string& warning : laid_out.warnings)
        reported |= warning == "no value for {{request.candidate_count}}";
    EXPECT_TRUE(reported);
}

TEST_F(LayoutTest, ReportsABarcodeSlotLeftEmpty) {
    LayoutResult laid_out = layout("parchemin", test::loadData("parchemin"));
    ASSERT_EQ(laid_out.warnings.size(), 1u);
    EXPECT_EQ(laid_out.warnings[0], "no barcode for slot \"seal\"");
}

TEST_F(LayoutTest, LayoutNeedsNoCodeChangeToMoveABlock) {
    Template custom = Template::parse(R"({
        "page": { "width": 300, "height": 200, "margins": { "top": 10, "right": 10, "bottom": 10, "left": 10 } },
        "styles": { "body": { "size": 10 } },
        "body": [ { "type": "text", "text": "{{who.name}}", "box": { "x": 150, "y": 100, "width": 100, "height": 20 } } ]
    })",
                                      "custom");
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
    Poco::JSON::Object::Ptr who = new Poco::JSON::Object;
    who->set("name", "Zoé");
    data->set("who", who);
    LayoutResult laid_out = layoutDocument(typesetter_, custom, data);
    ASSERT_EQ(laid_out.model.pages.size(), 1u);
    const auto& run = std::get<TextRun>(laid_out.model.pages[0].items.at(0));
    EXPECT_EQ(run.text, "Zoé");
    EXPECT_DOUBLE_EQ(run.x, 150);
    EXPECT_GT(run.y, 100);
    EXPECT_LT(run.y, 120);
}

std::string loadError(const std::string& json, const std::string& source) {
    try {
        Template::parse(json, "custom", source);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

TEST_F(LayoutTest, AnUnknownOrMisplacedRoleIsRefusedAtLoadNamingTheFileAndPointer) {
    const std::string head = R"({ "page": { "width": 300, "height": 200 }, "body": [ { "type": "text", "text": "a" }, )";
    EXPECT_EQ(loadError(head + R"({ "type": "text", "role": "Titre", "text": "b" } ] })", "templates/custom.json"),
              "template templates/custom.json: /body/1/role: unknown role \"Titre\" (one of P, H1, H2, H3, H4, H5, "
              "H6, Caption, Note, BlockQuote, Table, L, Figure, Div, Sect, Part, Art, Artifact)");
    EXPECT_EQ(loadError(head + R"({ "type": "group", "blocks": [ { "type": "list", "role": "Table" } ] } ] })", "t.json"),
              "template t.json: /body/1/blocks/0/role: a \"list\" block cannot be \"Table\" (one of L, Artifact)");
    EXPECT_EQ(loadError(head + R"({ "type": "barcode", "slot": "seal" } ] })", "t.json"),
              "template t.json: /body/1/alt: a figure needs an alternative text");
    EXPECT_EQ(loadError(R"({ "footer": { "blocks": [ { "type": "text", "role": "P", "text": "page" } ] }, "body": [] })",
                        "t.json"),
              "template t.json: /footer/blocks/0/role: the header and footer are artifacts, not \"P\"");
    EXPECT_EQ(loadError(head + R"({ "type": "text", "role": "H1", "text": "b" } ] })", "t.json"), "");
}

// A key the layout does not read, or a block type it does not know, stops the template from
// loading: a misspelt key would otherwise be a silent default on every document.
TEST_F(LayoutTest, AnUnknownKeyOrBlockTypeIsRefusedAtLoadNamingTheFileAndPointer) {
    const std::string head = R"({ "page": { "width": 300, "height": 200 }, "body": [ { "type": "text", "text": "a" }, )";
    EXPECT_EQ(loadError(head + R"({ "type": "text", "text": "b", "max_line": 2 } ] })", "templates/custom.json"),
              "template templates/custom.json: /body/1/max_line: unknown key \"max_line\" (one of type, role, when, "
              "unless, space_before, space_after, y_at_least, text, lines, style, align, overflow, max_lines, "
              "min_scale, box, padding, border, indent, width)");
    EXPECT_EQ(loadError(head + R"({ "type": "picture", "slot": "seal" } ] })", "t.json"),
              "template t.json: /body/1/type: unknown block type \"picture\" (one of barcode, bars, fields, group, "
              "image, list, page_break, repeat, rule, signatures, table, text)");
    EXPECT_EQ(loadError(head + R"({ "type": "group", "blocks": [ { "type": "table", "rows": "r", "columns": [ )"
                                  R"({ "header": "h", "cell": "c" }, { "header": "h", "cel": "c" } ] } ] } ] })",
                        "t.json"),
              "template t.json: /body/1/blocks/0/columns/1/cel: unknown key \"cel\" (one of header, cell, align, "
              "overflow, max_lines, width, each)");
    EXPECT_EQ(loadError(head + R"({ "type": "text", "text": "b", "box": { "x": 1, "y": 1, "w": 5 } } ] })", "t.json"),
              "template t.json: /body/1/box/w: unknown key \"w\" (one of x, y, width, height)");
    EXPECT_EQ(loadError(R"({ "page": { "width": 300, "margin": { "top": 1 } }, "body": [] })", "t.json"),
              "template t.json: /page/margin: unknown key \"margin\" (one of width, height, orientation, margins)");
    EXPECT_EQ(loadError(R"({ "styles": { "body": { "size": 9, "font": "x" } }, "body": [] })", "t.json"),
              "template t.json: /styles/body/font: unknown key \"font\" (one of size, weight, color)");
    EXPECT_EQ(loadError(R"({ "footer": { "height": 20, "blocks": [ { "type": "rule", "widht": 1 } ] }, "body": [] })",
                        "t.json"),
              "template t.json: /footer/blocks/0/widht: unknown key \"widht\" (one of type, role, when, unless, "
              "space_before, space_after, y_at_least, width)");
    EXPECT_EQ(loadError(R"({ "body": [], "bodies": [] })", "t.json"),
              "template t.json: /bodies: unknown key \"bodies\" (one of description, page, styles, header, footer, body)");
    EXPECT_EQ(loadError(head + R"({ "type": "text", "text": "b", "max_lines": 2, "box": { "x": 1, "y": 1 } } ] })",
                        "t.json"),
              "");
}

// Every template of templates/ loads: none holds a key the layout would ignore.
TEST_F(LayoutTest, EveryTemplateOfTheTreeLoads) {
    int loaded = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(CERES_SOURCE_DIR) / "templates")) {
        if (entry.path().extension() != ".json") continue;
        EXPECT_NO_THROW(Template::load(entry.path())) << entry.path();
        ++loaded;
    }
    EXPECT_GE(loaded, 7);
}

// The structure comes from the template: headings by their role, a fields block a table whose
// labels head their rows, a table's header cells heading their columns, the header and footer
// pagination artifacts; every item has its tag.
TEST_F(LayoutTest, TheStructureTreeComesFromTheTemplateRoles) {
    LayoutResult laid_out = layout("pv_individuel", test::loadData("pv_individuel"));
    const auto& structure = laid_out.model.structure;
    ASSERT_FALSE(structure.empty());
    EXPECT_EQ(structure[0].role, "Document");
    auto count = [&](const std::string& role, const std::string& scope = "") {
        return std::count_if(structure.begin(), structure.end(), [&](const StructElement& e) {
            return e.role == role && (scope.empty() || e.scope == scope);
        });
    };
    EXPECT_EQ(count("H1"), 1);
    EXPECT_EQ(count("H2"), 4);
    EXPECT_EQ(count("TH", "Column"), 3);
    EXPECT_GT(count("TH", "Row"), 5);
    EXPECT_EQ(count("TH"), count("TH", "Column") + count("TH", "Row"));
    const Page& page = laid_out.model.pages.at(0);
    ASSERT_EQ(page.tags.size(), page.items.size());
    bool pagination = false, title = false;
    for (size_t i = 0; i < page.items.size(); ++i) {
        const auto* run = std::get_if<TextRun>(&page.items[i]);
        if (!run) continue;
        EXPECT_NE(page.tags[i], kArtifact) << run->text;  // text is content or pagination
        if (run->text.rfind("PV individuel", 0) == 0) {
            EXPECT_EQ(page.tags[i], kPagination) << run->text;
            pagination = true;
        }
        if (run->text == "Procès-verbal individuel") {
            ASSERT_GE(page.tags[i], 0);
            EXPECT_EQ(structure[static_cast<size_t>(page.tags[i])].role, "H1");
            title = true;
        }
    }
    EXPECT_TRUE(title);
    EXPECT_TRUE(pagination);
}

}  // namespace
}  // namespace ceres::render
