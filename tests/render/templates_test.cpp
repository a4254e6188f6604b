// Each template rendered with its sample data (tests/render/data), checked as a reader sees it.
#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include <thread>

#include "pdf_probe.h"
#include "render/engine.h"

namespace ceres::render {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

class TemplatesTest : public testing::Test {
protected:
    static void SetUpTestSuite() { engine_ = new Engine(test::resourceDir()); }
    static void TearDownTestSuite() { delete engine_; }

    RenderedPdf render(const std::string& name, const Object::Ptr& data, const Slots& slots = {}) const {
        return engine_->render(name, data, meta_, slots);
    }

    static Engine* engine_;
    PdfMeta meta_{"Document", "DDETS de la Gironde", "", "ceres-docs", "ceres-docs", "2026-05-29", "seed"};
};

Engine* TemplatesTest::engine_ = nullptr;

std::string padded(int number) {
    std::string digits = std::to_string(number);
    return std::string(4 - digits.size(), '0') + digits;
}

// The sample PV with `count` generated candidates, each with a unique name.
Object::Ptr pvWithCandidates(int count) {
    Object::Ptr data = test::loadData("pv_general");
    Array::Ptr candidates = new Array;
    for (int i = 1; i <= count; ++i) {
        Object::Ptr candidate = new Object;
        candidate->set("number", std::to_string(i));
        candidate->set("last_name", "Candidat-" + padded(i));
        candidate->set("first_name", i % 7 == 0 ? "Marie-Ève, Françoise, Bénédicte, Anne-Sophie" : "Jean");
        candidate->set("birth_date", "01/02/1990");
        candidate->set("vae", "non");
        Array::Ptr results = new Array;
        results->add("Acquis");
        results->add(i % 5 == 0 ? "Non acquis" : "Acquis");
        candidate->set("results", results);
        candidate->set("decision", i % 5 == 0 ? "Ajourné" : "Admis");
        candidate->set("observations",
                       i % 11 == 0 ? "Signalement de fraude transmis à l'UD le 22/05/2026" : "");
        candidates->add(candidate);
    }
    data->set("candidates", candidates);
    return data;
}

void expectClean(const RenderedPdf& pdf) {
    test::CommandResult check = test::qpdfCheck(pdf.bytes);
    EXPECT_EQ(check.status, 0) << check.output;
    EXPECT_EQ(test::pdfPageCount(pdf.bytes), pdf.pages);
}

TEST_F(TemplatesTest, PvGeneralShowsTheSessionAndEveryAlphabet) {
    RenderedPdf pdf = render("pv_general", test::loadData("pv_general"));
    expectClean(pdf);
    std::string text = test::pdfText(pdf.bytes);
    for (const char* expected :
         {"TP-01318", "Employé administratif et d'accueil", "Procès-verbal général",
          "annule et remplace la version 1", "Lefèvre", "Смирнов", "Παπαδόπουλος", "Marie-Ève, Françoise",
          "CP-01318-2", "Non acquis", "Paul Durand", "Numéro d’ordre"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

TEST_F(TemplatesTest, PvGeneralRepeatsTitleAndHeaderOnEveryPage) {
    RenderedPdf pdf = render("pv_general", pvWithCandidates(120));
    expectClean(pdf);
    ASSERT_GE(pdf.pages, 3);
    const std::string pages = std::to_string(pdf.pages);
    int tables = 0;
    for (int page = 1; page <= pdf.pages; ++page) {
        std::string text = test::pdfText(pdf.bytes, page);
        EXPECT_NE(text.find("TP-01318 — Employé administratif et d'accueil"), std::string::npos) << page;
        EXPECT_NE(text.find("page " + std::to_string(page) + " / " + pages), std::string::npos) << page;
        tables += text.find("Candidat-") != std::string::npos;
        if (text.find("Candidat-") != std::string::npos) {
            EXPECT_NE(text.find("Prénoms"), std::string::npos) << "table header missing on page " << page;
            EXPECT_NE(text.find("Décision"), std::string::npos) << page;
        }
    }
    EXPECT_GE(tables, 3);
    std::string all = test::pdfText(pdf.bytes);
    for (int i = 1; i <= 120; ++i) EXPECT_EQ(test::occurrences(all, "Candidat-" + padded(i)), 1) << i;
}

TEST_F(TemplatesTest, PvGeneralWithNamesInEveryAlphabet) {
    Object::Ptr data = test::loadData("pv_general");
    Array::Ptr candidates = data->getArray("candidates");
    const std::pair<const char*, const char*> names[] = {
        {"Wáng", "王秀英"}, {"محمد", "علي"}, {"דוד", "כהן"}, {"Lœuvre-Œillet", "Zoé « Ÿvette » ÿ"}};
    for (const auto& [last, first] : names) {
        Object::Ptr candidate = new Object(*candidates->getObject(0));
        candidate->set("last_name", last);
        candidate->set("first_name", first);
        candidates->add(candidate);
    }
    std::string text = test::pdfText(render("pv_general", data).bytes);
    for (const auto& [last, first] : names) {
        EXPECT_NE(text.find(last), std::string::npos) << last << "\n" << text;
        EXPECT_NE(text.find(first), std::string::npos) << first;
    }
}

TEST_F(TemplatesTest, PvIndividuelShowsTitleCandidateAndResults) {
    RenderedPdf pdf = render("pv_individuel", test::loadData("pv_individuel"));
    expectClean(pdf);
    EXPECT_EQ(pdf.pages, 1);
    std::string text = test::pdfText(pdf.bytes);
    for (const char* expected : {"TP-01318", "Employé administratif et d'accueil", "N'Diaye", "Aminata",
                                 "Non acquis", "Ajourné", "Thi Lan Nguyen", "page 1 / 1"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    EXPECT_EQ(text.find("annule et remplace"), std::string::npos);
}

TEST_F(TemplatesTest, ConvocationPutsTheAddressInTheEnvelopeWindow) {
    RenderedPdf pdf = render("convocation", test::loadData("convocation"));
    expectClean(pdf);
    std::string text = test::pdfText(pdf.bytes);
    for (const char* expected : {"Convocation", "Résidence Œillets, bât. B", "33270 FLOIRAC", "7 h 45",
                                 "Pièce d'identité en cours de validité", "Dossier professionnel (DP)"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    // DL window: 100 × 45 mm, 20 mm from the right edge, 50 mm from the top.
    test::Raster raster = test::rasterise(pdf.bytes, 1, 50);
    EXPECT_GT(raster.darkShare(255, 142, 283, 127, 50), 0.01);
}

TEST_F(TemplatesTest, ConvocationsMergeIntoOnePrintFile) {
    PdfBatch batch(*engine_);
    Object::Ptr data = test::loadData("convocation");
    for (int i = 1; i <= 30; ++i) {
        data->getObject("recipient")->set("block", "Destinataire " + padded(i) + "\n4 rue de la Benauge\n33100 BORDEAUX");
        EXPECT_EQ(batch.add("convocation", data), 1);
    }
    RenderedPdf pdf = batch.write(meta_);
    EXPECT_EQ(pdf.pages, 30);
    expectClean(pdf);
    std::string text = test::pdfText(pdf.bytes);
    EXPECT_EQ(test::occurrences(text, "page 1 / 1"), 30);
    EXPECT_EQ(test::occurrences(text, "Destinataire 0017"), 1);
    EXPECT_EQ(test::occurrences(test::pdfFonts(pdf.bytes), "CID TrueType"), 2);  // regular + bold
}

TEST_F(TemplatesTest, DteRequestShowsTheRequest) {
    RenderedPdf pdf = render("dte_request", test::loadData("dte_request"));
    expectClean(pdf);
    std::string text = test::pdfText(pdf.bytes);
    for (const char* expected : {"Demande de dossier technique", "TP-01318", "13 mai 2026",
                                 "Merci de prévoir un exemplaire supplémentaire du sujet.", "78184280200048"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

TEST_F(TemplatesTest, ParcheminShowsNumberTopRightAndTheSeal) {
    Slots slots;
    slots.barcodes["seal"] = ModuleMatrix{20, 20, std::vector<std::uint8_t>(400, 1)};
    Object::Ptr data = test::loadData("parchemin");
    RenderedPdf pdf = render("parchemin", data, slots);
    expectClean(pdf);
    std::string text = test::pdfText(pdf.bytes);
    for (const char* expected :
         {"33-2026-000042-K", "Employé administratif et d'accueil", "Hélène LEFÈVRE", "Bordeaux"})
        EXPECT_NE(text.find(expected), std::string::npos) << expected;
    EXPECT_EQ(text.find("DUPLICATA"), std::string::npos);
    test::Raster raster = test::rasterise(pdf.bytes, 1, 50);
    EXPECT_GT(raster.darkShare(554, 36, 240, 16, 50), 0.02);    // number, top right
    EXPECT_GT(raster.darkShare(686, 448, 106, 106, 50), 0.95);  // seal modules

    data->set("duplicata", true);
    EXPECT_NE(test::pdfText(render("parchemin", data, slots).bytes).find("DUPLICATA"), std::string::npos);
}

TEST_F(TemplatesTest, PrintBatchAlternatesCoverLettersAndParchemins) {
    Slots slots;
    slots.barcodes["seal"] = ModuleMatrix{20, 20, std::vector<std::uint8_t>(400, 1)};
    PdfBatch batch(*engine_);
    for (int i = 0; i < 3; ++i) {
        batch.add("parchemin_envoi", test::loadData("parchemin_envoi"));
        batch.add("parchemin", test::loadData("parchemin"), slots);
    }
    RenderedPdf pdf = batch.write(meta_);
    expectClean(pdf);
    EXPECT_EQ(pdf.pages, 6);
    EXPECT_NE(test::pdfText(pdf.bytes, 1).find("4 rue de la Benauge"), std::string::npos);
    EXPECT_NE(test::pdfText(pdf.bytes, 2).find("Titre professionnel"), std::string::npos);
    test::Raster raster = test::rasterise(pdf.bytes, 3, 50);
    EXPECT_GT(raster.darkShare(255, 142, 283, 127, 50), 0.01);  // address in the DL window
}

TEST_F(TemplatesTest, DashboardSummaryDrawsItsCharts) {
    RenderedPdf pdf = render("dashboard_summary", test::loadData("dashboard_summary"));
    expectClean(pdf);
    std::string text = test::pdfText(pdf.bytes);
    EXPECT_NE(text.find("Contrôles réalisés"), std::string::npos);
    EXPECT_NE(text.find("janv."), std::string::npos);
}

TEST_F(TemplatesTest, OneEngineServesSeveralThreads) {
    const std::string expected = render("pv_general", pvWithCandidates(60)).bytes;
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (auto& result : results)
        threads.emplace_back([&] { result = render("pv_general", pvWithCandidates(60)).bytes; });
    for (auto& thread : threads) thread.join();
    for (const auto& result : results) EXPECT_EQ(result, expected);
}

TEST_F(TemplatesTest, EverySampleRendersTwiceToTheSameBytes) {
    for (const char* name : {"pv_general", "pv_individuel", "convocation", "dte_request", "parchemin",
                             "parchemin_envoi", "dashboard_summary"}) {
        EXPECT_EQ(render(name, test::loadData(name)).bytes, render(name, test::loadData(name)).bytes) << name;
    }
}

}  // namespace
}  // namespace ceres::render
