// What users see in the documents the pipeline renders from the reference jobs: PV, parchemins
// with their number and signed DataMatrix, reprints, convocations and the DTE request.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/UTF8String.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <unistd.h>
#include <sstream>

#include "../render/pdf_probe.h"
#include "../xlsx/read_back.h"
#include "files.h"
#include "local_store.h"
#include "domain/parchemin_number.h"
#include "jobs/parchemins.h"
#include "jobs/job.h"
#include "jobs/payload.h"
#include "jobs/pipeline.h"
#include "seal/sealer.h"
#include "seal/verifier.h"
#include "store/store.h"

namespace fs = std::filesystem;
using namespace ceres;
using render::test::occurrences;
using render::test::pdfPageCount;
using render::test::pdfText;
using render::test::runCommand;

using jobs::test::content;
using jobs::test::readFile;
using jobs::test::sample;

namespace {

template <typename Edit>
std::string edited(const std::string& name, Edit edit) {
    Poco::JSON::Parser parser;
    auto job = parser.parse(sample(name)).extract<Poco::JSON::Object::Ptr>();
    edit(*job->getObject("payload"));
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(job, out);
    return out.str();
}

std::vector<const jobs::Document*> ofKind(const jobs::Outcome& o, const std::string& kind) {
    std::vector<const jobs::Document*> r;
    for (const auto& d : o.documents)
        if (d.kind == kind) r.push_back(&d);
    return r;
}

class DocumentsTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("ceres-docs-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        store_ = jobs::test::localStore(dir_);
        sealer_ = jobs::test::developmentSealer();
        verifier_.addKeyFile("DEV1", jobs::test::sampleKeys() / "dev-seal-public.pem");
        jobs::Context c;
        c.resources = CERES_SOURCE_DIR;
        c.registry = &store_->parchemins();
        c.sealer = sealer_.get();
        c.public_url = "https://verif.example.fr/";  // the trailing slash is not doubled
        pipeline_ = std::make_unique<jobs::Pipeline>(c);
    }
    void TearDown() override {
        pipeline_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }

    jobs::Outcome render(const std::string& text) {
        auto o = pipeline_->render(text);
        EXPECT_EQ(o.verdict, jobs::Verdict::Done) << jobs::problemsToJson(o.problems);
        store_->parchemins().recordIssued(o.parchemins);  // as the worker and the CLI do once stored
        if (o.pv_results) store_->parchemins().recordPvResults(*o.pv_results);
        return o;
    }

    std::string write(const jobs::Document& d) {
        const auto p = dir_ / d.file_name;
        std::ofstream(p, std::ios::binary) << content(d);
        return p.string();
    }

    // The DataMatrix content of a page, decoded from a 300 dpi render.
    std::string dataMatrix(const jobs::Document& d, int page = 1) {
        const auto pdf = write(d);
        const auto png = (dir_ / (d.file_name + "-dm")).string();
        const std::string at = std::to_string(page);
        auto r = runCommand("pdftoppm -r 300 -png -singlefile -f " + at + " -l " + at + " '" + pdf + "' '" + png + "'");
        EXPECT_EQ(r.status, 0) << r.output;
        r = runCommand("/usr/bin/python3 -c \"import sys; from PIL import Image; "
                       "from pylibdmtx.pylibdmtx import decode; "
                       "d = decode(Image.open(sys.argv[1]), max_count=1); print(d[0].data.hex() if d else '')\" '" +
                       png + ".png'");
        EXPECT_EQ(r.status, 0) << r.output;
        std::string hex = r.output.substr(0, r.output.find_first_of("\r\n"));
        std::string bytes;
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
        return bytes;
    }

    fs::path dir_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<seal::Sealer> sealer_;
    seal::Verifier verifier_;
    std::unique_ptr<jobs::Pipeline> pipeline_;
};

const std::map<std::string, std::string> kLastNames = {
    {"C-900001", "Lefèvre"}, {"C-900002", "N'Diaye"}, {"C-900003", "Смирнов"},
    {"C-900004", "Jean-Baptiste"}, {"C-900005", "Παπαδόπουλος"}};

TEST_F(DocumentsTest, SessionResultsGivesOnePvGeneralFivePvIndividuelsAndParcheminsForTheThreeAdmis) {
    const auto o = render(sample("session-results.json"));
    EXPECT_EQ(ofKind(o, "pv_general").size(), 1u);
    EXPECT_EQ(ofKind(o, "pv_individuel").size(), 5u);
    std::set<std::string> holders;
    for (const auto* d : ofKind(o, "parchemin")) holders.insert(d->candidate_id);
    EXPECT_EQ(holders, (std::set<std::string>{"C-900001", "C-900003", "C-900005"}));
    for (const auto& d : o.documents) {
        EXPECT_EQ(d.mime, jobs::kPdfMime);
        EXPECT_EQ(pdfPageCount(d.bytes), d.pages) << d.file_name;
        const auto check = render::test::qpdfCheck(d.bytes);
        EXPECT_EQ(check.status, 0) << d.file_name << "\n" << check.output;
    }
    ASSERT_EQ(ofKind(o, "pv_general").size(), 1u);
    EXPECT_EQ(ofKind(o, "pv_general")[0]->file_name, "pv-general_TITRE_T_2026_299045_v1.pdf");
    for (const auto* d : ofKind(o, "pv_individuel"))
        EXPECT_EQ(d->file_name, "pv-individuel_TITRE_T_2026_299045_" + d->candidate_id + "_v1.pdf");
    for (const auto* d : ofKind(o, "parchemin"))
        EXPECT_EQ(d->file_name, "parchemin_TITRE_T_2026_299045_" + d->candidate_id + ".pdf");
}

// Libellés arrive with the straight apostrophe (U+0027) and print with the typographic one
// (U+2019), as the wording does; a name keeps its own, as the 2D code signs it.
TEST_F(DocumentsTest, LibellesPrintTypographicApostrophesAndNamesKeepTheirOwn) {
    const auto o = render(sample("session-results.json"));
    const auto pv = ofKind(o, "pv_general");
    ASSERT_EQ(pv.size(), 1u);
    const auto text = pdfText(pv[0]->bytes);
    EXPECT_NE(text.find("Employé administratif et d\u2019accueil"), std::string::npos);
    EXPECT_NE(text.find("Assurer l\u2019accueil d\u2019une structure"), std::string::npos);
    EXPECT_EQ(text.find("d'accueil"), std::string::npos);
    EXPECT_EQ(text.find("courants d'une"), std::string::npos);
    EXPECT_NE(text.find("N'Diaye"), std::string::npos);
    for (const auto* d : ofKind(o, "parchemin")) {
        const auto face = pdfText(d->bytes);
        EXPECT_NE(face.find("Employé administratif et d\u2019accueil"), std::string::npos) << d->file_name;
        EXPECT_EQ(face.find("d'accueil"), std::string::npos) << d->file_name;
    }
}

TEST_F(DocumentsTest, PvGeneralShowsTitleOnEveryPageEachCandidateOnceAndTheTotals) {
    const auto o = render(sample("session-results.json"));
    const auto pv = ofKind(o, "pv_general");
    ASSERT_EQ(pv.size(), 1u);
    const int pages = pdfPageCount(pv[0]->bytes);
    for (int p = 1; p <= pages; ++p) {
        const auto text = pdfText(pv[0]->bytes, p);
        EXPECT_NE(text.find("TP-01318"), std::string::npos) << "page " << p;
        EXPECT_NE(text.find("Employé administratif et d\u2019accueil"), std::string::npos) << "page " << p;
    }
    const auto all = pdfText(pv[0]->bytes);
    for (const auto& [id, name] : kLastNames) EXPECT_EQ(occurrences(all, name), 1) << name;
    // The "Synthèse" table: its headings, then its values in the same order.
    const auto at = all.find("Synthèse");
    ASSERT_NE(at, std::string::npos) << all;
    std::istringstream lines(all.substr(at + std::string("Synthèse").size()));
    std::vector<std::string> headings, values;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) {
            if (!values.empty()) break;
            continue;
        }
        if (std::regex_match(line, std::regex("[0-9]+"))) values.push_back(line);
        else if (values.empty()) headings.push_back(line);
        else break;
    }
    ASSERT_EQ(headings.size(), values.size()) << all;
    std::map<std::string, std::string> totals;
    for (std::size_t i = 0; i < headings.size(); ++i) totals[headings[i]] = values[i];
    EXPECT_EQ(totals["Admis"], "3") << all;
    EXPECT_EQ(totals["Ajournés"], "1") << all;
    EXPECT_EQ(totals["Absents"], "1") << all;
}

TEST_F(DocumentsTest, EachPvIndividuelShowsTheTitleAndItsCandidate) {
    const auto o = render(sample("session-results.json"));
    for (const auto* d : ofKind(o, "pv_individuel")) {
        const auto text = pdfText(d->bytes);
        EXPECT_NE(text.find("TP-01318"), std::string::npos) << d->file_name;
        EXPECT_NE(text.find("Employé administratif et d\u2019accueil"), std::string::npos) << d->file_name;
        ASSERT_TRUE(kLastNames.count(d->candidate_id)) << d->candidate_id;
        EXPECT_NE(text.find(kLastNames.at(d->candidate_id)), std::string::npos) << d->file_name;
    }
}

// A PV version above 1 says whose results changed since the version it supersedes when this store
// rendered that version, and nothing about it otherwise.
TEST_F(DocumentsTest, PvVersionTwoSaysWhoseResultsChangedSinceVersionOne) {
    const auto version2 = edited("session-results.json", [](Poco::JSON::Object& p) {
        p.getObject("session")->set("results_version", 2);
        Poco::JSON::Object::Ptr aminata = p.getArray("candidates")->getObject(1);  // C-900002, ajournée in version 1
        aminata->getObject("results")->set("CP-01318-2", "ACQUIS");
        aminata->set("decision", "ADMIS");
    });
    auto text = [](const jobs::Outcome& o, const std::string& kind, const std::string& ending = "") {
        for (const auto* d : ofKind(o, kind))
            if (d->file_name.size() >= ending.size() &&
                d->file_name.compare(d->file_name.size() - ending.size(), ending.size(), ending) == 0)
                return pdfText(content(*d));
        ADD_FAILURE() << "no " << kind << " ending " << ending;
        return std::string();
    };
    // Version 1 not rendered here: version 2 says nothing about it.
    const auto unknown = render(version2);
    EXPECT_EQ(text(unknown, "pv_general").find("depuis la version"), std::string::npos) << text(unknown, "pv_general");
    EXPECT_EQ(text(unknown, "pv_individuel", "_C-900002_v2.pdf").find("depuis la version"), std::string::npos);

    const auto v1 = render(sample("session-results.json"));
    EXPECT_EQ(text(v1, "pv_general").find("depuis la version"), std::string::npos);
    const auto v2 = render(version2);
    const std::string general = text(v2, "pv_general");
    EXPECT_NE(general.find("Résultat modifié depuis la version 1 : N'DIAYE Aminata (C-900002)."),
              std::string::npos)
        << general;
    for (const char* unchanged : {"C-900001)", "C-900003)", "C-900004)", "C-900005)"})
        EXPECT_EQ(general.find(unchanged), std::string::npos) << unchanged;
    EXPECT_NE(text(v2, "pv_individuel", "_C-900002_v2.pdf").find("Résultat modifié depuis la version 1."),
              std::string::npos);
    EXPECT_NE(text(v2, "pv_individuel", "_C-900001_v2.pdf").find("Résultat inchangé depuis la version 1."),
              std::string::npos);

    // A version 3 with the results of version 2 changes nobody's.
    const auto v3 = render(edited("session-results.json", [](Poco::JSON::Object& p) {
        p.getObject("session")->set("results_version", 3);
        Poco::JSON::Object::Ptr aminata = p.getArray("candidates")->getObject(1);
        aminata->getObject("results")->set("CP-01318-2", "ACQUIS");
        aminata->set("decision", "ADMIS");
    }));
    EXPECT_NE(text(v3, "pv_general").find("Aucun résultat modifié depuis la version 2."), std::string::npos)
        << text(v3, "pv_general");
}

TEST_F(DocumentsTest, RenderingTheSameSessionTwiceGivesTheSameBytesAndNumbers) {
    const auto a = render(sample("session-results.json"));
    const auto b = render(sample("session-results.json"));
    ASSERT_EQ(a.documents.size(), b.documents.size());
    for (std::size_t i = 0; i < a.documents.size(); ++i) {
        EXPECT_EQ(a.documents[i].file_name, b.documents[i].file_name);
        EXPECT_TRUE(a.documents[i].bytes == b.documents[i].bytes) << a.documents[i].file_name;
        EXPECT_EQ(a.documents[i].unique_number, b.documents[i].unique_number);
    }
}

// A distinct last name per index, letters only (R-CAN-1): 0 -> Candidatnombaaa, 1 -> Candidatnombaab.
std::string candidateLastName(int index) {
    std::string name = "Candidatnom";
    for (char digit : std::to_string(1000 + index)) name += static_cast<char>('a' + (digit - '0'));
    return name;
}

TEST_F(DocumentsTest, PvGeneralOf120CandidatesRunsOverSeveralPagesWithTitleAndHeaderOnEach) {
    const auto job = edited("session-results.json", [](Poco::JSON::Object& payload) {
        auto cands = payload.getArray("candidates");
        Poco::JSON::Parser parser;
        const std::string first = [&] { std::ostringstream s; cands->getObject(0)->stringify(s); return s.str(); }();
        Poco::JSON::Array::Ptr fresh = new Poco::JSON::Array;
        for (int i = 0; i < 120; ++i) {
            auto c = parser.parse(first).extract<Poco::JSON::Object::Ptr>();
            char id[16];
            std::snprintf(id, sizeof id, "C-%06d", 800000 + i);
            c->set("id", std::string(id));
            c->set("last_name", candidateLastName(i));
            fresh->add(c);
        }
        payload.set("candidates", fresh);
    });
    const auto o = render(job);
    const auto pv = ofKind(o, "pv_general");
    ASSERT_EQ(pv.size(), 1u);
    const int pages = pdfPageCount(pv[0]->bytes);
    EXPECT_GE(pages, 3);
    for (int p = 1; p <= pages; ++p) {
        const auto text = pdfText(pv[0]->bytes, p);
        EXPECT_NE(text.find("TP-01318"), std::string::npos) << "page " << p;
        EXPECT_NE(text.find("Employé administratif et d\u2019accueil"), std::string::npos) << "page " << p;
        for (const char* heading : {"Nom", "Prénoms", "Né(e) le", "VAE"})
            EXPECT_NE(text.find(heading), std::string::npos) << heading << " missing from page " << p;
    }
    const auto all = pdfText(pv[0]->bytes);
    for (int i = 0; i < 120; ++i) EXPECT_EQ(occurrences(all, candidateLastName(i)), 1) << i;
}

struct Word { double x0, y0, x1, y1; std::string text; };

TEST_F(DocumentsTest, ParcheminShowsAValidNumberTopRightAndASignedDataMatrixMatchingThePrintedFields) {
    const auto o = render(sample("session-results.json"));
    const auto parchemins = ofKind(o, "parchemin");
    ASSERT_EQ(parchemins.size(), 3u);
    for (const auto* d : parchemins) {
        ASSERT_TRUE(d->unique_number.has_value());
        const std::string number = *d->unique_number;
        EXPECT_TRUE(domain::isValidParcheminNumber(number)) << number;
        const auto pdf = write(*d);
        const auto bbox = runCommand("pdftotext -bbox -f 1 -l 1 '" + pdf + "' -");
        std::smatch m;
        ASSERT_TRUE(std::regex_search(bbox.output, m, std::regex("<page width=\"([0-9.]+)\" height=\"([0-9.]+)\"")));
        const double width = std::stod(m[1]), height = std::stod(m[2]);
        bool found = false;
        const std::regex word("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>");
        for (auto it = std::sregex_iterator(bbox.output.begin(), bbox.output.end(), word); it != std::sregex_iterator(); ++it) {
            if ((*it)[5] != number) continue;
            found = true;
            EXPECT_GT(std::stod((*it)[1]), width / 2) << number;
            EXPECT_LT(std::stod((*it)[4]), height / 2) << number;
        }
        EXPECT_TRUE(found) << number << " not a word of the text layer";

        const auto code = dataMatrix(*d);
        const auto v = verifier_.verify(code);
        ASSERT_TRUE(v.valid()) << v.reason << " [" << seal::escapeSeparators(code) << "]";
        EXPECT_EQ(v.fields.unique_number, number);
        EXPECT_EQ(v.fields.title_code, "TP-01318");
        const auto text = pdfText(d->bytes);
        EXPECT_NE(text.find(v.fields.last_name), std::string::npos) << v.fields.last_name;
        EXPECT_NE(text.find(v.fields.first_names), std::string::npos) << v.fields.first_names;
        // The family name in capitals, printed and signed alike.
        static const std::map<std::string, std::string> kCapitals = {
            {"C-900001", "LEFÈVRE"}, {"C-900003", "СМИРНОВ"}, {"C-900005", "ΠΑΠΑΔΟΠΟΥΛΟΣ"}};
        EXPECT_EQ(v.fields.last_name, kCapitals.at(d->candidate_id));
        const std::string ymd = v.fields.birth_date;
        ASSERT_EQ(ymd.size(), 10u);
        static const char* const kMonths[] = {"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                              "août", "septembre", "octobre", "novembre", "décembre"};
        const int day = std::stoi(ymd.substr(8, 2));
        const std::string in_words = (day == 1 ? "1er" : std::to_string(day)) + " " +
                                     kMonths[std::stoi(ymd.substr(5, 2)) - 1] + " " + ymd.substr(0, 4);
        EXPECT_NE(text.find("le " + in_words + " à"), std::string::npos) << in_words << "\n" << text;
        EXPECT_EQ(text.find("TITRE_T_2026_299045"), std::string::npos) << "no session id on the face";
        // How to check it: the public address of this very parchemin.
        EXPECT_NE(text.find("https://verif.example.fr/v1/verify/" + number), std::string::npos) << text;
    }
}

TEST_F(DocumentsTest, ParcheminCodeWithAnySingleCharacterChangedIsRejected) {
    const auto o = render(sample("session-results.json"));
    const auto parchemins = ofKind(o, "parchemin");
    ASSERT_FALSE(parchemins.empty());
    const auto code = dataMatrix(*parchemins[0]);
    ASSERT_TRUE(verifier_.verify(code).valid());
    const std::string replacements = "0A9Z-x\x1d";
    for (std::size_t i = 0; i < code.size(); ++i) {
        for (char r : replacements) {
            if (code[i] == r) continue;
            std::string forged = code;
            forged[i] = r;
            EXPECT_FALSE(verifier_.verify(forged).valid()) << "position " << i << " -> " << int(r);
        }
    }
}

TEST_F(DocumentsTest, ParcheminShowsTheHolderNameNormalisedPerRCan1) {
    const auto job = edited("session-results.json", [](Poco::JSON::Object& payload) {
        payload.getArray("candidates")->getObject(0)->set("first_name", "Jean——Christophe");
    });
    const auto o = render(job);
    bool seen = false;
    for (const auto* d : ofKind(o, "parchemin")) {
        if (d->candidate_id != "C-900001") continue;
        seen = true;
        const auto text = pdfText(d->bytes);
        EXPECT_NE(text.find("Jean-Christophe"), std::string::npos) << text;
        EXPECT_NE(text.find("Jean-Christophe LEFÈVRE"), std::string::npos) << text;
        EXPECT_EQ(text.find("Jean—"), std::string::npos) << text;
    }
    EXPECT_TRUE(seen);
}

// A Greek family name in capitals as Greek writes them: Σ for the final sigma, no tonos; the 2D
// code signs the name as printed.
TEST_F(DocumentsTest, AGreekFamilyNameIsPrintedInGreekCapitals) {
    const auto o = render(sample("session-results.json"));
    bool seen = false;
    for (const auto* d : ofKind(o, "parchemin")) {
        if (d->candidate_id != "C-900005") continue;
        seen = true;
        const auto text = pdfText(d->bytes);
        EXPECT_NE(text.find("Αθηνά ΠΑΠΑΔΟΠΟΥΛΟΣ"), std::string::npos) << text;
        EXPECT_EQ(text.find("ΠΑΠΑΔΌΠΟΥΛΟσ"), std::string::npos) << text;
        const auto v = verifier_.verify(dataMatrix(*d));
        ASSERT_TRUE(v.valid()) << v.reason;
        EXPECT_EQ(v.fields.last_name, "ΠΑΠΑΔΟΠΟΥΛΟΣ");
    }
    EXPECT_TRUE(seen);
}

TEST_F(DocumentsTest, ReprintRDoc2ShowsTheSameNumberDuplicataAndTheSameCode) {
    const auto original = render(sample("session-results.json"));
    const jobs::Document* first = nullptr;
    for (const auto* d : ofKind(original, "parchemin"))
        if (d->candidate_id == "C-900001") first = d;
    ASSERT_NE(first, nullptr);
    const auto reprint = render(sample("parchemins-reprint.json"));
    const auto again = ofKind(reprint, "parchemin");
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0]->unique_number, first->unique_number);
    EXPECT_NE(pdfText(again[0]->bytes).find("DUPLICATA"), std::string::npos);
    EXPECT_EQ(dataMatrix(*again[0]), dataMatrix(*first));
}

TEST_F(DocumentsTest, ReprintOfANeverIssuedParcheminWithoutNumberIsRefusedRDoc2) {
    const auto o = pipeline_->render(sample("parchemins-reprint.json"));
    EXPECT_EQ(o.verdict, jobs::Verdict::Refused);
    bool named = false;
    for (const auto& p : o.problems) named = named || p.rule == "R-DOC-2";
    EXPECT_TRUE(named) << jobs::problemsToJson(o.problems);
}

TEST_F(DocumentsTest, ReprintWithALegacyNumberRendersThatNumber) {
    const auto job = edited("parchemins-reprint.json", [](Poco::JSON::Object& payload) {
        payload.getArray("candidates")->getObject(0)->set("unique_number", "TP33-1999-0042");
    });
    const auto o = render(job);
    const auto p = ofKind(o, "parchemin");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0]->unique_number, std::optional<std::string>("TP33-1999-0042"));
    EXPECT_NE(pdfText(p[0]->bytes).find("TP33-1999-0042"), std::string::npos);
}

TEST_F(DocumentsTest, ConvocationsShowAddressTimeSiteAndWhatToBring) {
    const auto o = render(sample("convocations.json"));
    const auto each = ofKind(o, "convocation");
    EXPECT_EQ(each.size(), 5u);
    const auto merged = ofKind(o, "convocations_merged");
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(pdfPageCount(merged[0]->bytes), 5);
    Poco::JSON::Parser parser;
    auto payload = parser.parse(sample("convocations.json")).extract<Poco::JSON::Object::Ptr>()->getObject("payload");
    const auto site = payload->getObject("site");
    for (const auto* d : each) {
        const auto text = pdfText(d->bytes);
        EXPECT_NE(text.find("7 h 45"), std::string::npos) << d->file_name;
        EXPECT_EQ(text.find("08:00"), std::string::npos) << d->file_name;
        EXPECT_NE(text.find(site->getValue<std::string>("address")), std::string::npos) << d->file_name;
        const auto bring = payload->getArray("bring");
        for (std::size_t i = 0; i < bring->size(); ++i)
            EXPECT_NE(text.find(bring->getElement<std::string>(i)), std::string::npos) << bring->getElement<std::string>(i);
        auto cands = payload->getArray("candidates");
        for (std::size_t i = 0; i < cands->size(); ++i) {
            auto c = cands->getObject(i);
            if (c->getValue<std::string>("id") != d->candidate_id) continue;
            EXPECT_NE(text.find(c->getObject("address")->getValue<std::string>("line1")), std::string::npos);
            EXPECT_NE(text.find(c->getObject("address")->getValue<std::string>("postal_code")), std::string::npos);
        }
    }
}

TEST_F(DocumentsTest, DteRequestShowsCandidateCountEnvelopeDateAndComment) {
    const auto o = render(sample("dte-request.json"));
    ASSERT_EQ(o.documents.size(), 1u);
    EXPECT_EQ(o.documents[0].kind, "dte_request");
    const auto text = runCommand("pdftotext -layout '" + write(o.documents[0]) + "' -").output;
    EXPECT_TRUE(std::regex_search(text, std::regex("Nombre de candidats +5\\b"))) << text;
    EXPECT_TRUE(std::regex_search(text, std::regex("Réception des plis attendue +le 13 mai 2026"))) << text;
    EXPECT_NE(text.find("Merci de prévoir un exemplaire supplémentaire du sujet."), std::string::npos) << text;
}

std::vector<std::string> rowTexts(const Poco::JSON::Object::Ptr& table, std::size_t row) {
    std::vector<std::string> out;
    const auto cells = table->getArray("rows")->getArray(row);
    for (std::size_t i = 0; i < cells->size(); ++i) {
        const auto v = cells->get(i);
        if (v.isEmpty()) out.emplace_back();
        else if (v.isString()) out.push_back(v.extract<std::string>());
        else if (v.type() == typeid(Poco::JSON::Object::Ptr)) out.push_back("date:" + v.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("date"));
        else out.push_back("num:" + v.convert<std::string>());
    }
    return out;
}

bool has(const std::vector<std::string>& cells, const std::string& value) {
    return std::find(cells.begin(), cells.end(), value) != cells.end();
}

bool anyContains(const std::vector<std::string>& cells, const std::string& part) {
    for (const auto& c : cells)
        if (c.find(part) != std::string::npos) return true;
    return false;
}

TEST_F(DocumentsTest, PrintBatchMergesCoverLetterAndParcheminPerHolderInPostalCodeOrderWithMatchingManifest) {
    render(sample("session-results.json"));
    const auto o = render(sample("print-batch.json"));
    const auto merged = ofKind(o, "print_batch");
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(pdfPageCount(content(*merged[0])), 6);
    const auto csv = ofKind(o, "print_manifest_csv");
    ASSERT_EQ(csv.size(), 1u);
    const auto table = xlsx::test::readBackCsv(content(*csv[0]));
    ASSERT_EQ(xlsx::test::rowCount(table), 4u);  // header + 3 holders
    const auto pdf = write(*merged[0]);
    std::vector<std::string> postal_codes;
    for (std::size_t i = 0; i < 3; ++i) {
        const auto row = rowTexts(table, i + 1);
        std::string number;
        for (const auto& cell : row)
            if (domain::isValidParcheminNumber(cell)) number = cell;
        ASSERT_FALSE(number.empty()) << "manifest row " << i + 1;
        const int cover = static_cast<int>(2 * i + 1);
        EXPECT_TRUE(has(row, std::to_string(cover))) << number;
        EXPECT_TRUE(has(row, std::to_string(cover + 1))) << number;
        for (const auto& cell : row)
            if (cell == "33000" || cell == "33100") postal_codes.push_back(cell);
        const auto png = (dir_ / ("cover-" + std::to_string(cover))).string();
        ASSERT_EQ(runCommand("pdftoppm -r 300 -png -singlefile -f " + std::to_string(cover) + " -l " +
                             std::to_string(cover) + " '" + pdf + "' '" + png + "'").status, 0);
        const auto zbar = runCommand("{ zbarimg -q --raw '" + png + ".png' 2>/dev/null; }");
        EXPECT_EQ(zbar.output.substr(0, zbar.output.find_first_of("\r\n")), number) << zbar.output;
        EXPECT_NE(pdfText(content(*merged[0]), cover + 1).find(number), std::string::npos) << number;
    }
    EXPECT_EQ(postal_codes, (std::vector<std::string>{"33000", "33100", "33100"}));
}

// The cover letter reads as a letter from the UD: its return address, a date in words, the
// salutation on its own line, the libellé in « », a closing formula and who signs.
TEST_F(DocumentsTest, PrintBatchCoverLetterIsARealLetter) {
    render(sample("session-results.json"));
    const auto o = render(sample("print-batch.json"));
    const auto merged = ofKind(o, "print_batch");
    ASSERT_EQ(merged.size(), 1u);
    const std::string text = pdfText(content(*merged[0]), 1);
    const std::string nnbsp = " ";  // the template's narrow no-break space, as pdftotext writes it
    for (const std::string& expected :
         {std::string("DDETS de la Gironde\nService des titres professionnels\nBordeaux\n"),
          std::string("Bordeaux, le 31 mai 2026\n"), std::string("\nMadame, Monsieur,\n"),
          "Vous trouverez ci-joint le parchemin du titre professionnel «" + nnbsp + "Employé administratif et d\u2019accueil" +
              nnbsp + "»",
          std::string("Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées."),
          std::string("Pour le directeur de la DDETS de la Gironde et par délégation,\nle service des titres professionnels")})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n---\n" << text;
    EXPECT_EQ(text.find(",,"), std::string::npos) << text;
    EXPECT_EQ(text.find("31/05/2026"), std::string::npos) << text;
}

// The UD's return address and the holder's address in the window end with "postal code COMMUNE"
// as NF Z10-011 asks, whatever case the payload wrote the communes in.
TEST_F(DocumentsTest, PrintBatchCoverLetterWritesTheCommunesOfBothAddressesInCapitals) {
    render(edited("session-results.json", [](Poco::JSON::Object& p) {
        Poco::JSON::Object::Ptr address = new Poco::JSON::Object;
        address->set("line1", "118 cours du Maréchal Juin");
        address->set("postal_code", "33000");
        address->set("commune", "Bordeaux");
        p.getObject("ud")->set("address", address);
    }));
    const auto o = render(sample("print-batch.json"));
    const auto merged = ofKind(o, "print_batch");
    ASSERT_EQ(merged.size(), 1u);
    const std::string text = pdfText(content(*merged[0]), 1);  // the holder at 18 quai des Chartrons, 33000
    for (const std::string& expected :
         {std::string("DDETS de la Gironde\nService des titres professionnels\n118 cours du Maréchal Juin\n33000 BORDEAUX\n"),
          std::string("18 quai des Chartrons\n33000 BORDEAUX\n")})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n---\n" << text;
    EXPECT_EQ(text.find("33000 Bordeaux"), std::string::npos) << text;
    // The manifest keeps the commune as written.
    const auto csv = ofKind(o, "print_manifest_csv");
    ASSERT_EQ(csv.size(), 1u);
    EXPECT_TRUE(anyContains(rowTexts(xlsx::test::readBackCsv(content(*csv[0])), 1), "Bordeaux"));
}

TEST_F(DocumentsTest, PrintBatchRunAgainBeforeAcknowledgementIsTheSameBatchAndEmptyAfter) {
    render(sample("session-results.json"));
    const auto a = render(sample("print-batch.json"));
    const auto b = render(sample("print-batch.json"));
    ASSERT_EQ(a.documents.size(), b.documents.size());
    for (std::size_t i = 0; i < a.documents.size(); ++i) {
        EXPECT_EQ(a.documents[i].file_name, b.documents[i].file_name);
        EXPECT_TRUE(content(a.documents[i]) == content(b.documents[i])) << a.documents[i].file_name;
        EXPECT_EQ(a.documents[i].sha256, b.documents[i].sha256) << a.documents[i].file_name;
    }
    ASSERT_FALSE(ofKind(a, "print_batch").empty());
    EXPECT_TRUE(store_->parchemins().acknowledgeBatch(ofKind(a, "print_batch")[0]->session_id));
    const auto c = render(sample("print-batch.json"));
    EXPECT_TRUE(ofKind(c, "print_batch").empty());
    const auto csv = ofKind(c, "print_manifest_csv");
    ASSERT_EQ(csv.size(), 1u);
    EXPECT_EQ(xlsx::test::rowCount(xlsx::test::readBackCsv(content(*csv[0]))), 1u);  // header only
}

// Asked for again before its acknowledgement, a batch is answered as it was, and the job's result
// says so with the number of parchemins issued since that wait for the next batch.
TEST_F(DocumentsTest, PrintBatchAskedAgainBeforeAcknowledgementSaysSoWithTheParcheminsWaiting) {
    render(sample("session-results.json"));  // three admis
    const auto first = render(sample("print-batch.json"));
    ASSERT_EQ(ofKind(first, "print_batch").size(), 1u);
    const std::string batch_id = ofKind(first, "print_batch")[0]->session_id;
    for (const auto& w : first.warnings) EXPECT_EQ(w.find("not acknowledged"), std::string::npos) << w;

    // Another session of the UD validated in the range, with two admis of its own.
    render(edited("session-results.json", [](Poco::JSON::Object& p) {
        p.getObject("session")->set("id", "TITRE_T_2026_299046");
        p.getArray("candidates")->remove(0);
    }));
    const auto again = render(sample("print-batch.json"));
    const auto merged = ofKind(again, "print_batch");
    ASSERT_EQ(merged.size(), 1u);
    EXPECT_EQ(merged[0]->session_id, batch_id);
    EXPECT_EQ(merged[0]->sha256, ofKind(first, "print_batch")[0]->sha256);
    const std::string expected = "print batch " + batch_id +
                                 " is not acknowledged yet: this is that batch again (3 parchemins); 2 parchemins wait "
                                 "for the next batch, opened once it is acknowledged (POST /v1/print-batches/" +
                                 batch_id + "/ack)";
    EXPECT_EQ(std::count(again.warnings.begin(), again.warnings.end(), expected), 1)
        << expected << "\n---\n" << (again.warnings.empty() ? "no warning" : again.warnings.front());

    // Once acknowledged, the next batch holds the two that waited, and nothing is said.
    ASSERT_TRUE(store_->parchemins().acknowledgeBatch(batch_id));
    const auto next = render(sample("print-batch.json"));
    ASSERT_EQ(ofKind(next, "print_batch").size(), 1u);
    EXPECT_NE(ofKind(next, "print_batch")[0]->session_id, batch_id);
    EXPECT_EQ(ofKind(next, "print_batch")[0]->pages, 4);
    for (const auto& w : next.warnings) EXPECT_EQ(w.find("not acknowledged"), std::string::npos) << w;
}

// A batch far bigger than one page of registry records: streamed into a spool file, it is still
// one valid PDF, two pages per holder in postal-code order, and the same bytes when asked again.
TEST_F(DocumentsTest, AStreamedPrintBatchOfThreeHundredParcheminsIsOneValidPdfInPostalCodeOrder) {
    const auto job = jobs::typedJob(
        std::get<std::shared_ptr<const rapidjson::Document>>(jobs::parseJsonObject(sample("session-results.json"))));
    const auto session = jobs::payloadAs<domain::SessionResultsPayload>(job);
    const std::vector<std::string> last_names = {"Lefèvre", "Núñez", "Øster", "Smirnova", "Zoé-Ångström", "Durand"};
    const std::vector<std::string> first_names = {"Hélène", "Loïc", "François", "Maëlle", "Jérôme"};
    constexpr int kHolders = 300;
    for (int i = 0; i < kHolders; ++i) {
        domain::Candidate c = session.candidates.front();
        c.id = "C-" + std::to_string(700000 + i);
        c.last_name = last_names[i % last_names.size()] + " " + std::to_string(i);
        c.first_name = first_names[i % first_names.size()];
        c.address.postal_code = std::to_string(33000 + (i * 37) % 900);
        store_->parchemins().issue({c.id, session.title.code, session.session.id}, session.ud.code, "2026-05-29",
                                   c.address.postal_code, jobs::parcheminRecordData(session, c));
    }
    const auto o = render(sample("print-batch.json"));
    const auto merged = ofKind(o, "print_batch");
    ASSERT_EQ(merged.size(), 1u);
    ASSERT_TRUE(merged[0]->spool) << "a print batch is streamed to a file, not held in memory";
    EXPECT_TRUE(merged[0]->bytes.empty());
    const std::string pdf = content(*merged[0]);
    EXPECT_EQ(merged[0]->spool->size(), pdf.size());
    const auto check = render::test::qpdfCheck(pdf);
    EXPECT_EQ(check.status, 0) << check.output;
    EXPECT_EQ(merged[0]->pages, 2 * kHolders);
    EXPECT_EQ(pdfPageCount(pdf), 2 * kHolders);

    const auto csv = ofKind(o, "print_manifest_csv");
    ASSERT_EQ(csv.size(), 1u);
    const auto table = xlsx::test::readBackCsv(content(*csv[0]));
    ASSERT_EQ(xlsx::test::rowCount(table), kHolders + 1u);
    std::vector<std::string> numbers, names, postal_codes;
    for (std::size_t row = 1; row <= kHolders; ++row) {
        for (const auto& cell : rowTexts(table, row)) {
            if (domain::isValidParcheminNumber(cell)) numbers.push_back(cell);
            if (std::regex_match(cell, std::regex("33[0-9]{3}"))) postal_codes.push_back(cell);
            if (std::regex_search(cell, std::regex(" [0-9]+$"))) names.push_back(cell);
        }
    }
    ASSERT_EQ(numbers.size(), static_cast<std::size_t>(kHolders));
    ASSERT_EQ(names.size(), static_cast<std::size_t>(kHolders));
    EXPECT_TRUE(std::is_sorted(postal_codes.begin(), postal_codes.end()));
    EXPECT_EQ(std::set<std::string>(numbers.begin(), numbers.end()).size(), numbers.size());

    const int last = 2 * kHolders;
    EXPECT_NE(pdfText(pdf, 1).find(numbers.front()), std::string::npos);
    EXPECT_NE(pdfText(pdf, 1).find(postal_codes.front()), std::string::npos);
    EXPECT_NE(pdfText(pdf, 2).find(names.front()), std::string::npos) << names.front();
    EXPECT_NE(pdfText(pdf, last - 1).find(numbers.back()), std::string::npos);
    EXPECT_NE(pdfText(pdf, last).find(names.back()), std::string::npos) << names.back();
    EXPECT_NE(pdfText(pdf, last).find("Employé administratif et d\u2019accueil"), std::string::npos);
    for (const auto& [page, number] : {std::pair{2, numbers.front()}, std::pair{last, numbers.back()}}) {
        const auto v = verifier_.verify(dataMatrix(*merged[0], page));
        EXPECT_TRUE(v.valid()) << "page " << page << ": " << v.reason;
        EXPECT_EQ(v.fields.unique_number, number) << "page " << page;
    }

    const auto again = render(sample("print-batch.json"));
    const auto merged_again = ofKind(again, "print_batch");
    ASSERT_EQ(merged_again.size(), 1u);
    EXPECT_EQ(merged_again[0]->sha256, merged[0]->sha256);
    EXPECT_TRUE(content(*merged_again[0]) == pdf);
}

TEST_F(DocumentsTest, JurorExportListsEveryJurorWithContactsDatesAndEligibilityRHab7RHab8) {
    const auto o = render(sample("juror-export.json"));
    ASSERT_EQ(o.documents.size(), 1u);
    EXPECT_EQ(o.documents[0].mime, jobs::kXlsxMime);
    const auto book = xlsx::test::readBackXlsx(o.documents[0].bytes);
    EXPECT_NO_THROW(xlsx::test::sheetNamed(book, "Titres"));
    const auto sheet = book->getArray("sheets")->getObject(0);
    Poco::JSON::Parser parser;
    const auto jurors = parser.parse(sample("juror-export.json")).extract<Poco::JSON::Object::Ptr>()
                            ->getObject("payload")->getArray("jurors");
    for (std::size_t j = 0; j < jurors->size(); ++j) {
        const auto juror = jurors->getObject(j);
        const auto id = juror->getValue<std::string>("id");
        bool found = false, convocable = false, rhab7 = false, not_convocable = false, recent = false;
        bool words_and_rule = false, expired = false;
        for (std::size_t r = 0; r < xlsx::test::rowCount(sheet); ++r) {
            const auto row = rowTexts(sheet, r);
            if (!has(row, juror->getValue<std::string>("email"))) continue;
            found = true;
            EXPECT_TRUE(has(row, juror->getValue<std::string>("last_name"))) << id;
            EXPECT_TRUE(has(row, juror->getValue<std::string>("email"))) << id;
            if (!juror->isNull("phone_pro")) {
                EXPECT_TRUE(has(row, juror->getValue<std::string>("phone_pro"))) << id;
            }
            if (!juror->isNull("phone_personal")) {
                EXPECT_TRUE(has(row, juror->getValue<std::string>("phone_personal"))) << id;
            }
            EXPECT_TRUE(anyContains(row, "date:")) << id << ": no date cell";
            convocable = convocable || has(row, "Oui");
            rhab7 = rhab7 || (has(row, "Oui") && anyContains(row, "R-HAB-7"));
            words_and_rule = words_and_rule || (has(row, "Active") && has(row, "R-HAB-7") && !anyContains(row, "(R-HAB-7)"));
            expired = expired || has(row, "Expirée");
            EXPECT_FALSE(has(row, "ACTIVE") || has(row, "EXPIREE")) << id << ": a state is written in words";
            not_convocable = not_convocable || has(row, "Non");
            recent = recent || (has(row, "Non") && anyContains(row, "depuis moins de 6 mois"));
        }
        EXPECT_TRUE(found) << id;
        if (id == "J-3307") {
            EXPECT_TRUE(convocable && rhab7) << id << " convocable, reason naming R-HAB-7";
            EXPECT_TRUE(words_and_rule) << id << ": the reason in words, the rule id in a column of its own";
        }
        if (id == "J-4401") {
            EXPECT_TRUE(not_convocable && recent) << id << " not convocable, expired less than 6 months ago";
            EXPECT_TRUE(expired) << id << ": Expirée";
            EXPECT_FALSE(convocable) << id;
        }
    }
}

TEST_F(DocumentsTest, DashboardShowsRDoc5TwelveMonthTotalsInNativeChartsAndSummary) {
    // UD 33, as of 2026-11-01: window 2025-12-01 .. 2026-11-01; the 2025-09 control is outside it,
    // sessions and DTE requests are not counted for a UD.
    const std::map<std::string, int> expected = {
        {"Demandes d'agrément instruites", 2}, {"Contrôles diligentés", 1}, {"Rapports publiés", 1}};
    const auto o = render(sample("dashboard.json"));
    const auto xlsx_docs = [&] { std::vector<const jobs::Document*> r; for (const auto& d : o.documents) if (d.mime == jobs::kXlsxMime) r.push_back(&d); return r; }();
    ASSERT_EQ(xlsx_docs.size(), 1u);
    const auto path = write(*xlsx_docs[0]);
    const auto zip = runCommand("/usr/bin/python3 -c \"import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))\" '" + path + "'");
    EXPECT_NE(zip.output.find("xl/charts/chart1.xml"), std::string::npos) << zip.output;
    const auto book = xlsx::test::readBackXlsx(xlsx_docs[0]->bytes);
    const auto sheet = book->getArray("sheets")->getObject(0);
    std::vector<std::string> header, total;
    for (std::size_t r = 0; r < xlsx::test::rowCount(sheet); ++r) {
        const auto row = rowTexts(sheet, r);
        if (has(row, "Total")) total = row;
        if (header.empty() && anyContains(row, "Contrôles")) header = row;
    }
    ASSERT_FALSE(total.empty());
    for (const auto& [label, count] : expected) {
        bool seen = false;
        for (std::size_t c = 0; c < header.size() && c < total.size(); ++c)
            if (header[c].find(label) != std::string::npos) {
                seen = true;
                EXPECT_EQ(total[c], "num:" + std::to_string(count)) << label;
            }
        EXPECT_TRUE(seen) << label << " column";
    }
    // The UD is named, each month is a date cell, the oldest first.
    EXPECT_EQ(rowTexts(sheet, 0)[0], "Tableau de bord UD — Gironde (33) — au 01/11/2026");
    EXPECT_EQ(rowTexts(sheet, 3)[0], "date:2025-12-01");
    EXPECT_EQ(rowTexts(sheet, 14)[0], "date:2026-11-01");
    const auto pdfs = ofKind(o, "dashboard_pdf");
    ASSERT_EQ(pdfs.size(), 1u);
    const auto layout = runCommand("pdftotext -layout '" + write(*pdfs[0]) + "' -").output;
    EXPECT_NE(layout.find("Périmètre Gironde (33), période du 01/12/2025 au 01/11/2026"), std::string::npos) << layout;
    // Under each bar its month, and the year right under it ("nov." / "2026"); side by side the
    // labels leave room between them.
    const auto words = runCommand("pdftotext -bbox '" + write(*pdfs[0]) + "' -").output;
    struct Word { double x0, y0, x1, y1; std::string text; };
    std::vector<Word> labels;
    const std::set<std::string> kMonths = {"janv.", "févr.", "mars", "avr.", "mai", "juin",
                                           "juil.", "août", "sept.", "oct.", "nov.", "déc.", "2025", "2026"};
    const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
    for (auto it = std::sregex_iterator(words.begin(), words.end(), word); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        if (kMonths.count(m[5]))
            labels.push_back({std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    }
    std::map<long, std::vector<Word>> rows;  // by the line's top, to the point
    for (const auto& w : labels) rows[std::lround(w.y0)].push_back(w);
    ASSERT_EQ(rows.size(), 6u) << words;  // three charts, a line of months and one of years each
    const std::vector<std::string> expected_months = {"déc.", "janv.", "févr.", "mars", "avr.", "mai",
                                                      "juin", "juil.", "août", "sept.", "oct.", "nov."};
    std::vector<std::vector<Word>> lines;
    for (auto& [top, line] : rows) {
        std::sort(line.begin(), line.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
        ASSERT_EQ(line.size(), 12u) << "labels at y " << top;
        for (std::size_t i = 1; i < line.size(); ++i)
            EXPECT_GE(line[i].x0 - line[i - 1].x1, 8.0)
                << "'" << line[i - 1].text << "' and '" << line[i].text << "' at y " << top;
        lines.push_back(line);
    }
    for (std::size_t chart = 0; chart < 3; ++chart) {
        const auto& months = lines[2 * chart];
        const auto& years = lines[2 * chart + 1];
        for (std::size_t i = 0; i < 12; ++i) {
            EXPECT_EQ(months[i].text, expected_months[i]);
            EXPECT_EQ(years[i].text, i == 0 ? "2025" : "2026") << months[i].text;
            EXPECT_GE(years[i].y0, months[i].y1 - 1.0) << months[i].text;  // below, not over it
            EXPECT_LT(years[i].y0 - months[i].y1, 4.0) << months[i].text;  // and right under it
            EXPECT_NEAR((years[i].x0 + years[i].x1) / 2, (months[i].x0 + months[i].x1) / 2, 1.0) << months[i].text;
        }
    }
    for (const auto& [label, count] : expected)
        EXPECT_TRUE(std::regex_search(layout, std::regex(label + "[^\\n]*\\s" + std::to_string(count) + "\\s*(\\n|$)"))) << label << "\n" << layout;
}

// The longest values the schemas accept, in four scripts: every document prints them whole.
struct Script {
    const char* name;
    const char* words;  // repeated up to each field's maximum length
    bool right_to_left;
};

const Script kScripts[] = {
    {"latin", "Marie-Ève Françoise d'Arc Lœuvre ", false},
    {"arabic", "محمد عبد الرحمن ", true},
    {"hebrew", "דוד בן גוריון ", true},
    {"cjk", "王秀英李明華張偉", false},
};

// `words` repeated to exactly `length` characters, never ending on a space or a hyphen.
std::string longest(const std::string& words, std::size_t length) {
    std::vector<std::string> characters;
    for (std::size_t i = 0; i < words.size();) {
        std::size_t n = 1;
        while (i + n < words.size() && (static_cast<unsigned char>(words[i + n]) & 0xC0) == 0x80) ++n;
        characters.push_back(words.substr(i, n));
        i += n;
    }
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        std::string c = characters[i % characters.size()];
        if (i + 1 == length && (c == " " || c == "-")) c = characters[0];
        if (i == 0 && c == " ") c = characters[0];
        out += c;
    }
    return out;
}

std::string withoutSpaces(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        // pdftotext drops the hyphen that ends a line ("Marie-" / "Ève" reads "MarieÈve").
        if (c == ' ' || c == '\n' || c == '\f' || c == '\r' || c == '-') continue;
        if (text.compare(i, 2, "\u00A0") == 0) { ++i; continue; }
        if (text.compare(i, 3, "\u202F") == 0) { i += 2; continue; }
        out.push_back(text[i]);
    }
    return out;
}

class LongestValuesTest : public DocumentsTest, public ::testing::WithParamInterface<Script> {
protected:
    // In drawing order, so that the lines of one wrapped value follow each other.
    std::string rawText(const jobs::Document& d) { return runCommand("pdftotext -raw '" + write(d) + "' -").output; }
};

std::multiset<std::string> wordsOf(std::string text) {
    for (const char* mark : {"\u202B", "\u202C", "\u202A"})
        for (std::size_t at; (at = text.find(mark)) != std::string::npos;) text.erase(at, 3);
    std::multiset<std::string> words;
    std::istringstream in(text);
    for (std::string word; in >> word;) words.insert(word);
    return words;
}

// Libellés print their apostrophes typographic, names as they come: both are read as U+0027.
std::string straightApostrophes(std::string text) {
    for (std::size_t at; (at = text.find("\u2019")) != std::string::npos;) text.replace(at, 3, "'");
    return text;
}

// Every value whole in the text layer: as a sequence of characters for left-to-right scripts, as
// every one of its words for right-to-left ones (pdftotext gives their words in visual order).
void expectWhole(const std::string& text, const std::vector<std::string>& values, const std::string& file,
                 bool right_to_left) {
    const std::string flat = withoutSpaces(straightApostrophes(text));
    const auto printed = wordsOf(text);
    for (const auto& value : values) {
        if (!right_to_left) {
            EXPECT_NE(flat.find(withoutSpaces(value)), std::string::npos) << file << ": " << value << "\n" << text;
            continue;
        }
        for (const auto& word : wordsOf(value))
            EXPECT_GE(printed.count(word), wordsOf(value).count(word)) << file << ": " << word << "\n" << text;
    }
    EXPECT_EQ(text.find("\u2026"), std::string::npos) << file << "\n" << text;
}

TEST_P(LongestValuesTest, SessionResultsPrintEveryNameLibelleAndPlaceWhole) {
    const std::string words = GetParam().words;
    const std::string last = longest(words, 38), first = longest(words, 80), place = longest(words, 100);
    const std::string libelle = longest(words, 250), ccp = longest(words + "CCP ", 250);
    const std::string centre = longest(words, 150), jury_last = longest(words, 100);
    const auto job = edited("session-results.json", [&](Poco::JSON::Object& payload) {
        payload.getObject("title")->set("libelle", libelle);
        payload.getObject("title")->getArray("ccps")->getObject(0)->set("libelle", ccp);
        payload.getObject("centre")->set("name", centre);
        payload.getObject("site")->set("name", centre);
        payload.getArray("jury")->getObject(0)->set("last_name", jury_last);
        auto c = payload.getArray("candidates")->getObject(0);
        c->set("last_name", last);
        c->set("first_name", first);
        c->set("birth_commune", place);
        c->set("birth_country", place);
    });
    const auto o = render(job);
    ASSERT_EQ(o.verdict, jobs::Verdict::Done);
    const std::string last_printed = Poco::UTF8::toUpper(last);
    for (const auto* d : ofKind(o, "pv_general")) expectWhole(rawText(*d), {libelle, ccp, last, first, centre, jury_last}, d->file_name, GetParam().right_to_left);
    for (const auto* d : ofKind(o, "pv_individuel"))
        if (d->candidate_id == "C-900001") expectWhole(rawText(*d), {libelle, ccp, last, first, place}, d->file_name, GetParam().right_to_left);
    const auto parchemins = ofKind(o, "parchemin");
    ASSERT_FALSE(parchemins.empty());
    for (const auto* d : parchemins)
        if (d->candidate_id == "C-900001") {
            expectWhole(rawText(*d), {libelle, first + " " + last_printed, place}, d->file_name, GetParam().right_to_left);
            EXPECT_EQ(pdfPageCount(d->bytes), 1);
            EXPECT_EQ(verifier_.verify(dataMatrix(*d)).fields.last_name, last_printed);
        }
}

TEST_P(LongestValuesTest, ConvocationPrintsTheWholeAddressBlockAndDteTheWholeComment) {
    const std::string words = GetParam().words;
    const std::string line = longest(words, 38), commune = longest(words, 32), comment = longest(words, 500);
    const auto convocations = edited("convocations.json", [&](Poco::JSON::Object& payload) {
        auto a = payload.getArray("candidates")->getObject(0)->getObject("address");
        a->set("line1", line);
        a->set("line2", line);
        a->set("commune", commune);
        a->set("country", line);
    });
    const auto o = render(convocations);
    ASSERT_EQ(o.verdict, jobs::Verdict::Done);
    for (const auto* d : ofKind(o, "convocation"))
        if (d->candidate_id == "C-900001")
            expectWhole(rawText(*d), {line, Poco::UTF8::toUpper(commune), Poco::UTF8::toUpper(line)}, d->file_name, GetParam().right_to_left);
    const auto dte = edited("dte-request.json", [&](Poco::JSON::Object& payload) {
        payload.getObject("request")->set("comment", comment);
    });
    const auto r = render(dte);
    ASSERT_EQ(r.documents.size(), 1u);
    expectWhole(rawText(r.documents[0]), {comment}, r.documents[0].file_name, GetParam().right_to_left);
}

INSTANTIATE_TEST_SUITE_P(Scripts, LongestValuesTest, ::testing::ValuesIn(kScripts),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
