// Every PDF the pipeline renders is fit for the archive (PDF/A-2B), as tools that did not write
// it say: Apache PDFBox Preflight, qpdf, and the XMP packet read back against the document
// information dictionary and the trailer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

#include "../render/pdf_probe.h"
#include "../sign/test_pki.h"
#include "domain/parchemin_number.h"
#include "files.h"
#include "local_store.h"
#include "jobs/pipeline.h"
#include "seal/sealer.h"
#include "sign/pdf_signer.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace ceres;
using render::test::runCommand;

namespace {

// Preflight checks PDF/A-1b. The one finding it may report on a PDF/A-2 file is PDF/A-1's own:
// 7.11.2, "part must be 1" (the XMP says pdfaid:part 2).
const std::set<std::string> kPdfA1OnlyFindings = {"7.11.2"};

std::string preflightClasspath() {
    std::string classpath;
    for (const char* jar : {"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation",
                            "jaxb-api"})
        classpath += std::string(classpath.empty() ? "" : ":") + "/usr/share/java/" + jar + ".jar";
    return classpath;
}

// The finding codes ("3.1.11", "8"...) Preflight reports, or "unreadable" with its output.
std::vector<std::string> preflightFindings(const std::string& path) {
    const auto r = runCommand("java -cp " + preflightClasspath() + " org.apache.pdfbox.preflight.Validator_A1b '" +
                              path + "'");
    std::vector<std::string> codes;
    const std::regex finding(R"(^([0-9]+(\.[0-9]+)*) : )");
    std::istringstream lines(r.output);
    bool verdict = false;
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, finding)) codes.push_back(m[1]);
        if (line.find("is a valid PDF/A-1b file") != std::string::npos ||
            line.find("is not a valid PDF/A-1b file") != std::string::npos)
            verdict = true;
    }
    if (!verdict) codes.push_back("unreadable: " + r.output);
    return codes;
}

std::string unescapeXml(std::string text) {
    for (const auto& [entity, character] :
         std::vector<std::pair<std::string, std::string>>{{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}}) {
        for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
            text.replace(at, entity.size(), character);
    }
    return text;
}

std::string firstMatch(const std::string& text, const std::string& pattern) {
    std::smatch m;
    return std::regex_search(text, m, std::regex(pattern)) ? std::string(m[1]) : std::string();
}

class ArchiveTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("ceres-archive-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        store_ = jobs::test::localStore(dir_);
        sealer_ = jobs::test::developmentSealer();
        jobs::Context c;
        c.resources = CERES_SOURCE_DIR;
        c.registry = &store_->parchemins();
        c.sealer = sealer_.get();
        c.spool_dir = dir_;
        pipeline_ = std::make_unique<jobs::Pipeline>(c);
    }
    void TearDown() override {
        pipeline_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    // One PDF of each document kind the sample job renders, written out.
    std::vector<std::pair<std::string, fs::path>> pdfsOf(const std::string& sample) {
        const auto o = pipeline_->render(jobs::test::sample(sample));
        EXPECT_EQ(o.verdict, jobs::Verdict::Done) << jobs::problemsToJson(o.problems);
        store_->parchemins().recordIssued(o.parchemins);  // as the worker and the CLI do once stored
        std::vector<std::pair<std::string, fs::path>> pdfs;
        std::set<std::string> kinds;
        for (const auto& d : o.documents) {
            if (d.mime != "application/pdf" || !kinds.insert(d.kind).second) continue;
            const fs::path path = dir_ / d.file_name;
            std::ofstream(path, std::ios::binary) << jobs::test::content(d);
            pdfs.emplace_back(d.kind, path);
        }
        return pdfs;
    }

    fs::path dir_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<seal::Sealer> sealer_;
    std::unique_ptr<jobs::Pipeline> pipeline_;
};

// The reference jobs, in an order where the print batch finds the parchemins issued before it.
const char* const kJobs[] = {"session-results.json", "parchemins-reprint.json", "convocations.json",
                             "dte-request.json", "dashboard.json", "print-batch.json"};

TEST_F(ArchiveTest, EveryPdfKindPassesPreflightAndQpdfAndDeclaresPdfA2B) {
    std::set<std::string> checked;
    for (const char* job : kJobs) {
        for (const auto& [kind, path] : pdfsOf(job)) {
            checked.insert(kind);
            for (const std::string& code : preflightFindings(path.string()))
                EXPECT_TRUE(kPdfA1OnlyFindings.count(code)) << kind << ": Preflight finding " << code;
            const auto qpdf = runCommand("qpdf --check '" + path.string() + "'");
            EXPECT_EQ(qpdf.status, 0) << kind << ": " << qpdf.output;
        }
    }
    EXPECT_EQ(checked, (std::set<std::string>{"convocation", "convocations_merged", "dashboard_pdf", "dte_request",
                                              "parchemin", "print_batch", "pv_general", "pv_individuel"}));
}

TEST_F(ArchiveTest, TheXmpPacketAgreesWithTheInfoDictionaryAndTheTrailerId) {
    for (const char* job : {"session-results.json", "convocations.json", "dashboard.json"}) {
        for (const auto& [kind, path] : pdfsOf(job)) {
            const std::string info = runCommand("pdfinfo -isodates '" + path.string() + "'").output;
            const std::string xmp = runCommand("pdfinfo -meta '" + path.string() + "'").output;
            const std::string trailer = runCommand("qpdf --show-object=trailer '" + path.string() + "'").output;
            EXPECT_EQ(firstMatch(xmp, "<pdfaid:part>([^<]*)<"), "2") << kind;
            EXPECT_EQ(firstMatch(xmp, "<pdfaid:conformance>([^<]*)<"), "B") << kind;
            EXPECT_EQ(unescapeXml(firstMatch(xmp, R"(<dc:title><rdf:Alt><rdf:li[^>]*>([^<]*)<)")),
                      firstMatch(info, "Title: +([^\n]*)"))
                << kind;
            EXPECT_EQ(unescapeXml(firstMatch(xmp, "<pdf:Producer>([^<]*)<")), firstMatch(info, "Producer: +([^\n]*)"))
                << kind;
            EXPECT_EQ(firstMatch(xmp, "<xmp:CreateDate>([^<]*)<"), firstMatch(info, "CreationDate: +([^\n]*)")) << kind;
            std::string id = firstMatch(trailer, "/ID \\[ <([0-9a-f]{32})>");
            ASSERT_EQ(id.size(), 32u) << trailer;
            for (std::size_t dash : {8u, 13u, 18u, 23u}) id.insert(dash, "-");
            EXPECT_EQ(firstMatch(xmp, "<xmpMM:DocumentID>uuid:([^<]*)<"), id) << kind;
        }
    }
}

// A signature is an incremental update PDF/A allows: signed PVs pass Preflight and qpdf as before.
TEST_F(ArchiveTest, SignedPvsStayPdfA) {
    const sign::test::TestPki pki("rsa");
    const auto signer = sign::PdfSigner::fromFiles(pki.certificate(), pki.key());
    jobs::Context c = pipeline_->context();
    c.pdf_signer = &signer;
    c.signed_kinds = {"pv_general", "pv_individuel"};
    pipeline_ = std::make_unique<jobs::Pipeline>(c);
    int signed_pdfs = 0;
    for (const auto& [kind, path] : pdfsOf("session-results.json")) {
        if (kind != "pv_general" && kind != "pv_individuel") continue;
        ++signed_pdfs;
        const std::string report = sign::test::pdfsig(jobs::test::readFile(path), pki.nss());
        EXPECT_NE(report.find("Signature is Valid."), std::string::npos) << kind << report;
        for (const std::string& code : preflightFindings(path.string()))
            EXPECT_TRUE(kPdfA1OnlyFindings.count(code)) << kind << ": Preflight finding " << code;
        const auto qpdf = runCommand("qpdf --check '" + path.string() + "'");
        EXPECT_EQ(qpdf.status, 0) << kind << ": " << qpdf.output;
    }
    EXPECT_EQ(signed_pdfs, 2);
}

}  // namespace
