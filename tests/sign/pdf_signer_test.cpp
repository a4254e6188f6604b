// PAdES signatures of rendered PVs, as poppler's pdfsig, qpdf, pdftotext and OpenSSL see them.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>

#include "../render/pdf_probe.h"
#include "render/engine.h"
#include "sign/pdf_signer.h"
#include "test_pki.h"

namespace ceres::sign {
namespace {

using render::test::runCommand;
using render::test::TempFile;
using test::pdfsig;

class PdfSignerTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const render::Engine engine(render::test::resourceDir());
        const render::PdfMeta meta{"PV général", "DDETS de la Gironde", "", "ceres-docs", "ceres-docs",
                                   "2026-05-29", "seed"};
        pv_general_ = new std::string(engine.render("pv_general", render::test::loadData("pv_general"), meta).bytes);
        pv_individuel_ =
            new std::string(engine.render("pv_individuel", render::test::loadData("pv_individuel"), meta).bytes);
        rsa_ = new test::TestPki("rsa");
        signer_ = new PdfSigner(PdfSigner::fromFiles(rsa_->certificate(), rsa_->key()));
    }
    static void TearDownTestSuite() {
        delete signer_;
        delete rsa_;
        delete pv_individuel_;
        delete pv_general_;
    }

    static std::string* pv_general_;
    static std::string* pv_individuel_;
    static test::TestPki* rsa_;
    static PdfSigner* signer_;
};

std::string* PdfSignerTest::pv_general_ = nullptr;
std::string* PdfSignerTest::pv_individuel_ = nullptr;
test::TestPki* PdfSignerTest::rsa_ = nullptr;
PdfSigner* PdfSignerTest::signer_ = nullptr;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(PdfSignerTest, SignedPvsAreValidPadesSignaturesByATrustedCertificate) {
    for (const std::string* pdf : {pv_general_, pv_individuel_}) {
        const std::string report = pdfsig(signer_->sign(*pdf), rsa_->nss());
        EXPECT_TRUE(contains(report, "Signature #1:")) << report;
        EXPECT_FALSE(contains(report, "Signature #2:")) << report;
        EXPECT_TRUE(contains(report, "Signer Certificate Common Name: CERES test PV signer")) << report;
        EXPECT_TRUE(contains(report, "Signing Time: May 29 2026")) << report;  // the job's date, not the clock
        EXPECT_TRUE(contains(report, "Hash Algorithm: SHA-256")) << report;
        EXPECT_TRUE(contains(report, "Signature Type: ETSI.CAdES.detached")) << report;
        EXPECT_TRUE(contains(report, "Total document signed")) << report;
        EXPECT_TRUE(contains(report, "Signature Validation: Signature is Valid.")) << report;
        EXPECT_TRUE(contains(report, "Certificate Validation: Certificate is Trusted.")) << report;
    }
}

TEST_F(PdfSignerTest, TrustComesFromTheCaInTheDatabase) {
    const std::string report = pdfsig(signer_->sign(*pv_general_), rsa_->emptyNss());
    EXPECT_TRUE(contains(report, "Signature is Valid.")) << report;
    EXPECT_FALSE(contains(report, "Certificate is Trusted.")) << report;
    EXPECT_TRUE(contains(report, "Certificate issuer isn't Trusted.")) << report;
}

TEST_F(PdfSignerTest, UnsignedPdfHasNoSignature) {
    EXPECT_TRUE(contains(pdfsig(*pv_general_, rsa_->nss()), "does not contain any signatures"));
}

// Bytes of the original file, of the update before and after /Contents: each change is seen.
TEST_F(PdfSignerTest, AnyChangedByteInTheSignedRangeInvalidatesTheSignature) {
    const std::string signed_pdf = signer_->sign(*pv_general_);
    const std::size_t contents = signed_pdf.rfind("/Contents<");
    const std::size_t date = signed_pdf.rfind("/M(D:2026") + 5;
    const std::size_t trailer_id = signed_pdf.rfind("/ID[<") + 5;
    ASSERT_GT(trailer_id, contents);
    for (const std::size_t at : {std::size_t{20}, pv_general_->size() / 2, pv_general_->size() - 30, date, trailer_id}) {
        std::string changed = signed_pdf;
        changed[at] = changed[at] == '0' ? '1' : '0';
        const std::string report = pdfsig(changed, rsa_->nss());
        EXPECT_TRUE(contains(report, "Signature #1:")) << "byte " << at << "\n" << report;
        EXPECT_FALSE(contains(report, "Signature is Valid.")) << "byte " << at << "\n" << report;
    }
}

TEST_F(PdfSignerTest, SignedPdfPassesQpdfCheck) {
    const auto check = render::test::qpdfCheck(signer_->sign(*pv_individuel_));
    EXPECT_EQ(check.status, 0) << check.output;
    EXPECT_TRUE(contains(check.output, "No syntax or stream encoding errors found")) << check.output;
}

TEST_F(PdfSignerTest, SigningLeavesTheTextAndPagesAsTheyWere) {
    const std::string signed_pdf = signer_->sign(*pv_general_);
    EXPECT_EQ(render::test::pdfText(signed_pdf), render::test::pdfText(*pv_general_));
    EXPECT_EQ(render::test::pdfPageCount(signed_pdf), render::test::pdfPageCount(*pv_general_));
    EXPECT_EQ(signed_pdf.compare(0, pv_general_->size(), *pv_general_), 0);  // an incremental update
}

TEST_F(PdfSignerTest, SameDocumentAndRsaKeyGiveTheSameBytes) {
    const PdfSigner again = PdfSigner::fromFiles(rsa_->certificate(), rsa_->key());
    EXPECT_EQ(signer_->sign(*pv_general_), again.sign(*pv_general_));
}

// The field as qpdf reads it: a signature field on page 1, printed and locked (flags 132), of no
// area, with an appearance (PDF/A wants one on every widget); the form holds signatures (SigFlags 3).
TEST_F(PdfSignerTest, SignatureFieldIsInvisiblePrintedAndLocked) {
    TempFile file(signer_->sign(*pv_general_), "field.pdf");
    const std::string json = runCommand("qpdf --json --json-key=acroform " + file.path()).output;
    const auto acroform = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>()->getObject("acroform");
    const auto fields = acroform->getArray("fields");
    ASSERT_EQ(fields->size(), 1u) << json;
    const auto field = fields->getObject(0);
    EXPECT_EQ(field->getValue<std::string>("fieldtype"), "/Sig");
    EXPECT_EQ(field->getValue<int>("pageposfrom1"), 1);
    EXPECT_EQ(field->getObject("annotation")->getValue<int>("annotationflags"), 132);
    const std::string widget = field->getObject("annotation")->getValue<std::string>("object");
    const std::string number = widget.substr(0, widget.find(' '));
    const std::string widget_dictionary = runCommand("qpdf --show-object=" + number + " " + file.path()).output;
    EXPECT_TRUE(contains(widget_dictionary, "/Rect [ 0 0 0 0 ]")) << widget_dictionary;
    EXPECT_TRUE(contains(widget_dictionary, "/AP << /N ")) << widget_dictionary;
    const std::string trailer = runCommand("qpdf --show-object=trailer " + file.path()).output;
    std::smatch root;
    ASSERT_TRUE(std::regex_search(trailer, root, std::regex("/Root ([0-9]+) 0 R"))) << trailer;
    EXPECT_TRUE(contains(runCommand("qpdf --show-object=" + root[1].str() + " " + file.path()).output, "/SigFlags 3"));
}

// What an auditor reads in the CMS: CAdES signed attributes, no signing time (PAdES uses /M).
TEST_F(PdfSignerTest, CmsCarriesSigningCertificateV2AndNoSigningTime) {
    TempFile file(signer_->sign(*pv_individuel_), "dump.pdf");
    const std::filesystem::path dir = std::filesystem::path(file.path()).parent_path();
    const auto dumped = runCommand("cd '" + dir.string() + "' && pdfsig -dump " + file.path());
    ASSERT_EQ(dumped.status, 0) << dumped.output;
    const std::string sig = file.path() + ".sig0";
    const std::string cms = runCommand("openssl cms -cmsout -print -inform DER -in " + sig).output;
    std::filesystem::remove(sig);
    EXPECT_TRUE(contains(cms, "id-smime-aa-signingCertificateV2")) << cms;
    EXPECT_TRUE(contains(cms, "messageDigest")) << cms;
    EXPECT_TRUE(contains(cms, "contentType")) << cms;
    EXPECT_FALSE(contains(cms, "signingTime")) << cms;
    EXPECT_TRUE(contains(cms, "eContent: <ABSENT>")) << cms;  // detached
}

TEST(PdfSignerEcdsa, EcdsaKeySignsValidly) {
    const test::TestPki ec("ec");
    const render::Engine engine(render::test::resourceDir());
    const render::PdfMeta meta{"PV", "DDETS", "", "ceres-docs", "ceres-docs", "2026-05-29", "seed"};
    const std::string pdf = engine.render("pv_individuel", render::test::loadData("pv_individuel"), meta).bytes;
    const std::string report = pdfsig(PdfSigner::fromFiles(ec.certificate(), ec.key()).sign(pdf), ec.nss());
    EXPECT_TRUE(contains(report, "Signature is Valid.")) << report;
    EXPECT_TRUE(contains(report, "Certificate is Trusted.")) << report;
}

TEST_F(PdfSignerTest, UnusableFilesAreRefusedNamingTheSetting) {
    const auto message = [](const std::filesystem::path& cert, const std::filesystem::path& key) {
        try {
            PdfSigner::fromFiles(cert, key);
        } catch (const std::runtime_error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_TRUE(contains(message("/nonexistent.pem", rsa_->key()), "setting pdf_signing_cert: cannot read"));
    EXPECT_TRUE(contains(message(rsa_->key(), rsa_->key()), "setting pdf_signing_cert: no PEM certificate"));
    EXPECT_TRUE(contains(message(rsa_->certificate(), rsa_->certificate()), "setting pdf_signing_key: no"));
    const test::TestPki other("ec");
    EXPECT_TRUE(contains(message(rsa_->certificate(), other.key()), "setting pdf_signing_key:"));
    EXPECT_TRUE(contains(message(rsa_->certificate(), other.key()), "is not the key of the certificate"));
}

TEST_F(PdfSignerTest, PdfWithoutClassicXrefIsRefused) {
    EXPECT_THROW(signer_->sign("%PDF-1.7\nnot a pdf"), std::runtime_error);
}

}  // namespace
}  // namespace ceres::sign
