// Black-box tests of the `ceres-docs` binary: exit codes and the JSON error format of CONTRACT.md.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>
#include <sys/wait.h>

#include "../seal/seal_test_support.h"
#include "../sign/test_pki.h"
#include "seal/sealer.h"
#include "seal/withdrawal_list.h"

namespace fs = std::filesystem;

namespace {

struct CommandResult {
    int exit_code;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string slurpCommand(const std::string& command) {
    std::string output;
    if (FILE* pipe = ::popen(command.c_str(), "r")) {
        char buffer[4096];
        for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, got);
        ::pclose(pipe);
    }
    return output;
}

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("ceres-cli-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    // `environment`: more VAR=value words before the command.
    CommandResult run(const std::string& args, const std::string& environment = "") const {
        const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
        const std::string cmd = "cd '" + dir_.string() + "' && CERES_VAR_DIR='" + (dir_ / "var").string() + "' " +
                                environment + " '" + CERES_BINARY + "' " + args + " >'" + out.string() + "' 2>'" +
                                err.string() + "'";
        const int status = std::system(cmd.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
    }

    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return dir_ / name;
    }

    static std::string sample(const std::string& name) { return std::string(CERES_SOURCE_DIR) + "/samples/" + name; }

    fs::path dir_;
};

// The stderr of a failed command is {"errors":[{pointer, rule, message}]}.
Poco::JSON::Array::Ptr errorsOf(const CommandResult& r) {
    auto root = Poco::JSON::Parser().parse(r.err).extract<Poco::JSON::Object::Ptr>();
    return root->getArray("errors");
}

}  // namespace

TEST_F(Cli, ValidateAcceptsEveryReferencePayload) {
    for (const char* name : {"session-results.json", "convocations.json", "dte-request.json", "parchemins-reprint.json",
                             "print-batch.json", "juror-export.json", "dashboard.json"}) {
        const CommandResult r = run("validate " + sample(name));
        EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    }
}

TEST_F(Cli, MalformedInputExitsTwoWithJsonErrors) {
    const std::string deep(10000, '[');
    for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
             {"empty.json", ""},
             {"garbage.json", "<html>"},
             {"deep.json", deep},
             {"utf8.json", "{\"kind\":\"\xff\"}"},
             {"kind.json", "{\"kind\":\"x\",\"payload\":{},\"requested_by\":{\"user\":\"u\",\"profile\":\"SERVICE\",\"perimeter\":\"FR\"}}"}}) {
        const CommandResult r = run("validate " + write(name, text).string());
        EXPECT_EQ(r.exit_code, 2) << name << ": " << r.err;
        ASSERT_NO_THROW(errorsOf(r)) << r.err;
        EXPECT_GE(errorsOf(r)->size(), 1u) << name;
    }
}

TEST_F(Cli, FiftyMegabyteFileExitsTwo) {
    const fs::path big = dir_ / "big.json";
    {
        std::ofstream out(big, std::ios::binary);
        out << "{\"kind\":\"";
        const std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 50; ++i) out << chunk;
        out << "\"}";
    }
    const CommandResult r = run("validate " + big.string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("limit"), std::string::npos) << r.err;
}

TEST_F(Cli, MissingFileExitsTwo) {
    const CommandResult r = run("validate " + (dir_ / "nope.json").string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("cannot read"), std::string::npos);
}

TEST_F(Cli, SchemaErrorNamesThePointer) {
    std::string text = slurp(sample("dte-request.json"));
    text.replace(text.find("\"start\": \"2026-05-20\""), 21, "\"start\": \"2026-02-30\"");
    const CommandResult r = run("validate " + write("bad-date.json", text).string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(errorsOf(r)->getObject(0)->getValue<std::string>("pointer"), "/payload/session/start");
}

TEST_F(Cli, UnknownCommandExitsOne) {
    EXPECT_EQ(run("frobnicate").exit_code, 1);
    EXPECT_EQ(run("").exit_code, 1);
}

TEST_F(Cli, RenderNeedsAnOutputDirectory) {
    EXPECT_EQ(run("render " + sample("dte-request.json")).exit_code, 1);
}

// The public address is printed on diplomas: anything but an absolute http(s) address is refused
// at start, naming the setting.
TEST_F(Cli, APublicUrlThatIsNotAnAbsoluteHttpAddressIsRefused) {
    const std::string too_long = "https://verif.example.fr/" + std::string(56, 'a');  // 81 characters
    for (const std::string url : {"verif.example.fr", "ftp://verif.example.fr", "https://", "/v1/verify",
                                  "'https://verif.example.fr/a b'", "https://travail.gouv.fr@evil.example",
                                  "'https://verif.example.fr/?page='", "'https://verif.example.fr/#'", "https://vérif.fr",
                                  too_long.c_str()}) {
        const auto r = run("validate " + sample("dte-request.json"), "CERES_PUBLIC_URL=" + url);
        EXPECT_EQ(r.exit_code, 1) << url;
        EXPECT_NE(r.err.find("public_url"), std::string::npos) << url << ": " << r.err;
    }
    EXPECT_EQ(run("validate " + sample("dte-request.json"), "CERES_PUBLIC_URL=" + too_long.substr(0, 80)).exit_code, 0);
    EXPECT_EQ(run("validate " + sample("dte-request.json"), "CERES_PUBLIC_URL=http://127.0.0.1:8080").exit_code, 0);
}

TEST_F(Cli, ParcheminsPrintTheirAddressOnThePublicUrl) {
    const auto r = run("render " + sample("session-results.json") + " --out out",
                       "CERES_PUBLIC_URL=https://titres-professionnels.travail-emploi.gouv.fr/verif");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto manifest = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
    int parchemins = 0;
    for (std::size_t i = 0; i < manifest->size(); ++i) {
        const auto document = manifest->getObject(static_cast<unsigned>(i));
        if (document->getValue<std::string>("kind") != "parchemin") continue;
        ++parchemins;
        const fs::path pdf = dir_ / document->getValue<std::string>("path");  // relative to the command's directory
        const std::string text = slurpCommand("pdftotext '" + pdf.string() + "' -");
        EXPECT_NE(text.find("https://titres-professionnels.travail-emploi.gouv.fr/verif/v1/verify/" +
                            document->getValue<std::string>("unique_number")),
                  std::string::npos)
            << text;
    }
    EXPECT_EQ(parchemins, 3);
}

// PVs signed with the configured certificate, as pdfsig sees them; the manifest's hash is the
// signed file's; parchemins are not among the signed kinds by default.
TEST_F(Cli, RenderedPvsArePadesSignedWithTheConfiguredCertificate) {
    const ceres::sign::test::TestPki pki("rsa");
    const std::string signing = "CERES_PDF_SIGNING_CERT='" + pki.certificate().string() + "' CERES_PDF_SIGNING_KEY='" +
                                pki.key().string() + "'";
    const auto r = run("render " + sample("session-results.json") + " --out out", signing);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err.find("not signed"), std::string::npos) << r.err;
    const auto manifest = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
    std::map<std::string, int> signed_kinds;
    for (std::size_t i = 0; i < manifest->size(); ++i) {
        const auto document = manifest->getObject(static_cast<unsigned>(i));
        const std::string kind = document->getValue<std::string>("kind");
        const fs::path file = dir_ / document->getValue<std::string>("path");
        if (document->getValue<std::string>("mime") != "application/pdf") continue;
        const std::string report = ceres::sign::test::pdfsig(slurp(file), pki.nss());
        EXPECT_EQ(slurpCommand("sha256sum '" + file.string() + "'").substr(0, 64),
                  document->getValue<std::string>("sha256"));
        if (kind != "pv_general" && kind != "pv_individuel") {
            EXPECT_NE(report.find("does not contain any signatures"), std::string::npos) << kind << report;
            continue;
        }
        ++signed_kinds[kind];
        EXPECT_NE(report.find("Signature is Valid."), std::string::npos) << file << report;
        EXPECT_NE(report.find("Certificate is Trusted."), std::string::npos) << file << report;
        EXPECT_NE(report.find("Signing Time: May 29 2026"), std::string::npos) << file << report;  // validated_on
    }
    EXPECT_EQ(signed_kinds["pv_general"], 1);
    EXPECT_EQ(signed_kinds["pv_individuel"], 5);  // one per candidate of the sample
    // The same job signed again gives the same PV bytes.
    ASSERT_EQ(run("render " + sample("session-results.json") + " --out again", signing).exit_code, 0);
    const std::string pv = "pv-general_TITRE_T_2026_299045_v1.pdf";
    EXPECT_EQ(slurp(dir_ / "again" / pv), slurp(dir_ / "out" / pv));
}

TEST_F(Cli, WithoutASigningCertificatePvsAreUnsignedAndTheJobSaysSo) {
    const auto r = run("render " + sample("session-results.json") + " --out out");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: pv_general, pv_individuel not signed: no PDF signing certificate configured"),
              std::string::npos)
        << r.err;
    const std::string report = slurpCommand("pdfsig '" + (dir_ / "out/pv-general_TITRE_T_2026_299045_v1.pdf").string() + "' 2>&1");
    EXPECT_NE(report.find("does not contain any signatures"), std::string::npos) << report;
}

TEST_F(Cli, SigningSettingsAreCheckedAtStart) {
    const auto check = [this](const std::string& environment, const std::string& command, const std::string& named) {
        const auto r = run(command, environment);
        EXPECT_EQ(r.exit_code, 1) << environment;
        EXPECT_NE(r.err.find(named), std::string::npos) << environment << ": " << r.err;
    };
    const std::string validate = "validate " + sample("dte-request.json");
    check("CERES_PDF_SIGNING_CERT=/tmp/cert.pem", validate, "setting pdf_signing_key: needed with pdf_signing_cert");
    check("CERES_PDF_SIGNING_KEY=/tmp/key.pem", validate, "setting pdf_signing_cert: needed with pdf_signing_key");
    check("CERES_PDF_SIGNED_KINDS=pv_general,print_batch", validate,
          "setting pdf_signed_kinds: 'print_batch' is not a PDF kind that can be signed");
    check("CERES_PDF_SIGNING_CERT=/nonexistent/cert.pem CERES_PDF_SIGNING_KEY=/nonexistent/key.pem",
          "render " + sample("dte-request.json") + " --out out", "setting pdf_signing_cert: cannot read /nonexistent/cert.pem");
}

TEST_F(Cli, OtherPdfKindsAreSignedWhenTheSettingNamesThem) {
    const ceres::sign::test::TestPki pki("rsa");
    const auto r = run("render " + sample("dte-request.json") + " --out out",
                       "CERES_PDF_SIGNED_KINDS=dte_request CERES_PDF_SIGNING_CERT='" + pki.certificate().string() +
                           "' CERES_PDF_SIGNING_KEY='" + pki.key().string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto manifest = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
    ASSERT_EQ(manifest->getObject(0)->getValue<std::string>("kind"), "dte_request");
    const std::string report =
        ceres::sign::test::pdfsig(slurp(dir_ / manifest->getObject(0)->getValue<std::string>("path")), pki.nss());
    EXPECT_NE(report.find("Signature is Valid."), std::string::npos) << report;
}

// Offline verification: without a list it says it cannot know a withdrawal; with the signed list
// of GET /v1/withdrawals it reports a withdrawn parchemin, and refuses a list it cannot rely on.
class OfflineVerify : public Cli {
protected:
    static std::string key(const std::string& name) { return ceres::seal::test::dataFile(name).string(); }

    static ceres::seal::Sealer sealer(const std::string& letter = "a", const std::string& id = "TA01") {
        return ceres::seal::Sealer::fromFile(key("test-seal-" + letter + "-private.pem"), id);
    }

    // The service's keys, as an operator would configure them: TA01 now, TB02 retired.
    static std::string keys() {
        return "CERES_SEAL_PRIVATE_KEY='" + key("test-seal-a-private.pem") + "' CERES_SEAL_KEY_ID=TA01 " +
               "CERES_SEAL_PUBLIC_KEYS='TA01=" + key("test-seal-a-public.pem") + "'";
    }

    static std::string hoursAgo(int hours) {
        const std::time_t t = std::time(nullptr) - hours * 3600;
        char text[32];
        std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
        return text;
    }

    std::string code() const {
        return ceres::seal::escapeSeparators(sealer().seal(ceres::seal::test::parchemin("Lefèvre", "Hélène")));
    }

    CommandResult verify(const std::string& list_text = "", const std::string& more = "") const {
        const std::string list = list_text.empty() ? "" : " --withdrawals '" + write("withdrawals.json", list_text).string() + "'";
        return run("verify '" + code() + "'" + list + more, keys());
    }

    std::string number() const { return ceres::seal::test::exampleNumber(); }
};

TEST_F(OfflineVerify, WithoutAListItSaysAWithdrawalCannotBeKnown) {
    const auto r = verify();
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto out = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_TRUE(out->getValue<bool>("valid"));
    EXPECT_EQ(out->getValue<std::string>("last_name"), "Lefèvre");
    EXPECT_FALSE(out->getObject("withdrawal_check")->getValue<bool>("checked"));
    EXPECT_NE(out->getObject("withdrawal_check")->getValue<std::string>("note").find("cannot know whether this parchemin was withdrawn"),
              std::string::npos);
    EXPECT_NE(r.err.find("offline verification cannot know whether this parchemin was withdrawn"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--withdrawals FILE"), std::string::npos) << r.err;
}

TEST_F(OfflineVerify, AParcheminOnTheListIsWithdrawnWithItsDateAndPublicReason) {
    const auto r = verify(ceres::seal::signWithdrawalList(sealer(), hoursAgo(2),
                                                          {{"CERES-000000007-5", "2026-06-01", ""},
                                                           {number(), "2026-07-03", "Fraude à l’examen"}}));
    EXPECT_EQ(r.exit_code, 3) << r.err;
    const auto out = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_FALSE(out->getValue<bool>("valid"));
    EXPECT_EQ(out->getValue<std::string>("status"), "withdrawn");
    EXPECT_EQ(out->getObject("withdrawal")->getValue<std::string>("date"), "2026-07-03");
    EXPECT_EQ(out->getObject("withdrawal")->getValue<std::string>("reason"), "Fraude à l’examen");
    EXPECT_TRUE(out->getObject("withdrawal_check")->getValue<bool>("checked"));
    EXPECT_EQ(out->getObject("withdrawal_check")->getValue<std::string>("list_key_id"), "TA01");
    const auto error = errorsOf(r)->getObject(0);
    EXPECT_EQ(error->getValue<std::string>("rule"), "R-DOC-7");
    EXPECT_NE(error->getValue<std::string>("message").find("was withdrawn on 2026-07-03: Fraude à l’examen"),
              std::string::npos)
        << r.err;
}

TEST_F(OfflineVerify, AWithdrawalWhoseReasonIsNotPublicSaysSo) {
    const auto r = verify(ceres::seal::signWithdrawalList(sealer(), hoursAgo(2), {{number(), "2026-07-03", ""}}));
    EXPECT_EQ(r.exit_code, 3) << r.err;
    const auto out = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_TRUE(out->getObject("withdrawal")->isNull("reason"));
    EXPECT_NE(r.err.find("withdrawn on 2026-07-03 (the reason is not public)"), std::string::npos) << r.err;
}

TEST_F(OfflineVerify, AParcheminNotOnTheListIsValidAndTheListDateIsShown) {
    const std::string issued = hoursAgo(2);
    const auto r = verify(ceres::seal::signWithdrawalList(sealer(), issued, {{"CERES-000000007-5", "2026-06-01", ""}}));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto out = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Object::Ptr>();
    EXPECT_TRUE(out->getValue<bool>("valid"));
    EXPECT_TRUE(out->isNull("withdrawal"));
    EXPECT_EQ(out->getObject("withdrawal_check")->getValue<std::string>("list_issued_at"), issued);
    EXPECT_EQ(r.err, "");
}

TEST_F(OfflineVerify, AListThatCannotBeReliedOnIsAnErrorNamingTheProblem) {
    const std::vector<ceres::seal::WithdrawnNumber> entries = {{number(), "2026-07-03", ""}};
    const std::string good = ceres::seal::signWithdrawalList(sealer(), hoursAgo(2), entries);
    std::string dropped = good;  // the parchemin's entry taken out, to pass it off as valid
    const std::string entry = "{\"unique_number\":\"" + number() + "\",\"withdrawn_on\":\"2026-07-03\"}";
    ASSERT_NE(dropped.find(entry), std::string::npos) << dropped;
    dropped.erase(dropped.find(entry), entry.size());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {dropped, "signature does not hold"},
        {ceres::seal::signWithdrawalList(sealer("b", "TB02"), hoursAgo(2), entries), "signed with key TB02, which is not a known key"},
        {ceres::seal::signWithdrawalList(sealer(), hoursAgo(24 * 45), entries), "45 days ago, more than the 30 days accepted"},
        {ceres::seal::signWithdrawalList(sealer(), hoursAgo(-48), entries), "in the future"},
        {ceres::seal::signWithdrawalList(sealer(), "2026-12-02 07:30", entries), "\"issued_at\" is not a UTC time"},
        {"<html>", "not a withdrawal list"},
    };
    for (const auto& [text, named] : cases) {
        const auto r = verify(text);
        EXPECT_EQ(r.exit_code, 2) << named << ": " << r.err;
        EXPECT_EQ(r.out, "") << named;
        ASSERT_NO_THROW(errorsOf(r)) << r.err;
        const std::string message = errorsOf(r)->getObject(0)->getValue<std::string>("message");
        EXPECT_NE(message.find("withdrawal list"), std::string::npos) << message;
        EXPECT_NE(message.find(named), std::string::npos) << message;
    }
    const auto missing = run("verify '" + code() + "' --withdrawals '" + (dir_ / "nope.json").string() + "'", keys());
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("cannot be read"), std::string::npos) << missing.err;
}

TEST_F(OfflineVerify, TheAcceptedAgeIsAnOption) {
    const std::string old = ceres::seal::signWithdrawalList(sealer(), hoursAgo(24 * 45), {});
    EXPECT_EQ(verify(old, " --max-age-days 60").exit_code, 0);
    EXPECT_EQ(verify(old, " --max-age-days 44").exit_code, 2);
    EXPECT_EQ(verify(old, " --max-age-days soon").exit_code, 1);
}

// ---- Development runs: the built-in keys are public, so they work only with CERES_DEV_MODE=1 ------

namespace {
const std::string kNotDevelopment = "CERES_DEV_MODE=0";
const std::string kDevKeys = std::string(CERES_SOURCE_DIR) + "/samples/keys/";

// The text with every run of spaces, no-break spaces and line ends as one space.
std::string oneLine(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool nbsp = text.compare(i, 2, "\xc2\xa0") == 0;
        if (nbsp || text[i] == ' ' || text[i] == '\n') {
            if (!out.empty() && out.back() != ' ') out += ' ';
            if (nbsp) ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}
}  // namespace

TEST_F(Cli, TokensAreIssuedInADevelopmentRunOnly) {
    const auto refused = run("token --profile SERVICE --perimeter FR", kNotDevelopment);
    EXPECT_EQ(refused.exit_code, 1);
    EXPECT_TRUE(refused.out.empty()) << refused.out;
    EXPECT_NE(refused.err.find("works only in a development run (CERES_DEV_MODE=1)"), std::string::npos) << refused.err;
    const auto issued = run("token --profile SERVICE --perimeter FR", "CERES_DEV_MODE=1");
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    EXPECT_EQ(std::count(issued.out.begin(), issued.out.end(), '.'), 2) << issued.out;
}

// `serve` and `worker` stop at once, before opening anything, naming the setting.
TEST_F(Cli, TheBuiltInKeysAreRefusedOutsideADevelopmentRun) {
    ASSERT_EQ(std::system(("openssl pkcs8 -topk8 -nocrypt -in '" + kDevKeys + "dev-seal-private.pem' -out '" +
                           (dir_ / "dev-key-as-pkcs8.pem").string() + "' 2>/dev/null")
                              .c_str()),
              0);
    const std::string own = (dir_ / "own.pem").string();
    ASSERT_EQ(std::system(("openssl ecparam -name prime256v1 -genkey -noout -out '" + own + "'").c_str()), 0);
    const std::string own_seal = " CERES_SEAL_PRIVATE_KEY='" + own + "' CERES_SEAL_KEY_ID=PRD1";
    struct Case {
        std::string environment, named;
    };
    const std::vector<Case> cases{
        {"CERES_DEV_JWT_KEY=ceres-development-key-not-for-production" + own_seal, "setting dev_jwt_key"},
        {"CERES_DEV_JWT_KEY=some-other-shared-secret" + own_seal, "setting dev_jwt_key"},
        {"CERES_SEAL_PRIVATE_KEY='" + kDevKeys + "dev-seal-private.pem' CERES_SEAL_KEY_ID=DEV1",
         "is the built-in development seal key"},
        {"CERES_SEAL_PRIVATE_KEY='" + (dir_ / "dev-key-as-pkcs8.pem").string() + "' CERES_SEAL_KEY_ID=PRD1",
         "is the built-in development seal key"},
        {"CERES_SEAL_PUBLIC_KEYS='OLD1=" + kDevKeys + "dev-seal-public.pem'" + own_seal,
         "is the built-in development public key"},
        {"", "settings seal_private_key and seal_key_id: needed"},
    };
    for (const auto& c : cases) {
        for (const std::string command : {"serve --port 0", "worker"}) {
            const auto r = run(command, kNotDevelopment + " " + c.environment);
            EXPECT_EQ(r.exit_code, 1) << command << " " << c.environment;
            EXPECT_NE(r.err.find(c.named), std::string::npos) << command << " " << c.environment << ": " << r.err;
            EXPECT_EQ(r.err.find("DEVELOPMENT RUN"), std::string::npos) << r.err;
        }
    }
    // The same settings are a development run's own choice.
    const auto dev = run("render " + sample("dte-request.json") + " --out out",
                         "CERES_DEV_MODE=1 CERES_DEV_JWT_KEY=some-other-shared-secret");
    EXPECT_EQ(dev.exit_code, 0) << dev.err;
}

// A development process says what it is where its operator looks, before anything else.
TEST_F(Cli, ADevelopmentServiceSaysSoAtStart) {
    const auto r = run("worker", "CERES_DEV_MODE=1 CERES_DATABASE_URL=nonsense://nowhere");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("DEVELOPMENT RUN (CERES_DEV_MODE=1): the built-in development keys are in use."),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("\"SPÉCIMEN — sans valeur\""), std::string::npos) << r.err;
}

// What a reader sees: every diploma sealed with the development key says it is worthless; one
// sealed with the deployment's own key does not.
TEST_F(Cli, DevelopmentParcheminsAreSpecimensAndOthersAreNot) {
    const auto parcheminTexts = [this](const CommandResult& r) {
        std::vector<std::string> texts;
        const auto manifest = Poco::JSON::Parser().parse(r.out).extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < manifest->size(); ++i) {
            const auto document = manifest->getObject(static_cast<unsigned>(i));
            if (document->getValue<std::string>("kind") != "parchemin") continue;
            texts.push_back(slurpCommand("pdftotext '" + (dir_ / document->getValue<std::string>("path")).string() + "' -"));
        }
        return texts;
    };
    const auto dev = run("render " + sample("session-results.json") + " --out dev", "CERES_DEV_MODE=1");
    ASSERT_EQ(dev.exit_code, 0) << dev.err;
    const auto dev_texts = parcheminTexts(dev);
    ASSERT_EQ(dev_texts.size(), 3u);
    for (const auto& text : dev_texts) EXPECT_NE(oneLine(text).find("SPÉCIMEN — sans valeur"), std::string::npos) << text;

    const std::string own = (dir_ / "own.pem").string();
    ASSERT_EQ(std::system(("openssl ecparam -name prime256v1 -genkey -noout -out '" + own + "'").c_str()), 0);
    const std::string production = kNotDevelopment + " CERES_SEAL_PRIVATE_KEY='" + own + "' CERES_SEAL_KEY_ID=PRD1";
    const auto real = run("render " + sample("session-results.json") + " --out real", production);
    ASSERT_EQ(real.exit_code, 0) << real.err;
    const auto real_texts = parcheminTexts(real);
    ASSERT_EQ(real_texts.size(), 3u);
    for (const auto& text : real_texts) {
        EXPECT_EQ(text.find("SPÉCIMEN"), std::string::npos) << text;
        EXPECT_NE(oneLine(text).find("le titre professionnel est délivré à"), std::string::npos) << text;
    }
}

// max_job_bytes (CERES_MAX_JOB_BYTES): a larger job file is refused before it is read, exit 2,
// and the message names the setting; a limit beyond 256 MiB is a configuration error.
TEST_F(Cli, AJobFileOverMaxJobBytesIsRefusedNamingTheSetting) {
    const std::string job = sample("session-results.json");
    const auto size = fs::file_size(job);
    ASSERT_GT(size, 2048u);
    for (const std::string& command : {"validate '" + job + "'", "render '" + job + "' --out out"}) {
        const CommandResult r = run(command, "CERES_MAX_JOB_BYTES=2048");
        EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
        const auto errors = errorsOf(r);
        ASSERT_EQ(errors->size(), 1u) << r.err;
        const std::string message = errors->getObject(0)->getValue<std::string>("message");
        EXPECT_NE(message.find(std::to_string(size) + " bytes, over the limit of 2048 bytes"), std::string::npos) << message;
        EXPECT_NE(message.find("max_job_bytes"), std::string::npos) << message;
        EXPECT_FALSE(fs::exists(dir_ / "out")) << command;
    }
    EXPECT_EQ(run("validate '" + job + "'", "CERES_MAX_JOB_BYTES=" + std::to_string(size)).exit_code, 0);
    const CommandResult too_big = run("validate '" + job + "'", "CERES_MAX_JOB_BYTES=268435457");
    EXPECT_EQ(too_big.exit_code, 1);
    EXPECT_NE(too_big.err.find("max_job_bytes: 268435457 is outside 1024-268435456"), std::string::npos) << too_big.err;
}

// A long-running process reads its templates at start: a template error stops `worker` and `serve`
// there, naming the file and the JSON Pointer, instead of failing every job later.
TEST_F(Cli, ATemplateErrorStopsAWorkerAndAServiceAtStart) {
    const fs::path home = dir_ / "home";
    fs::create_directories(home);
    for (const char* shared : {"fonts", "schemas", "samples"}) fs::create_directory_symlink(fs::path(CERES_SOURCE_DIR) / shared, home / shared);
    fs::copy(fs::path(CERES_SOURCE_DIR) / "templates", home / "templates", fs::copy_options::recursive);
    const fs::path broken = home / "templates" / "dte_request.json";
    std::string text = slurp(broken);
    const auto body = text.find("\"body\": [");
    ASSERT_NE(body, std::string::npos);
    text.insert(body, "\"bodies\": [], ");
    std::ofstream(broken, std::ios::binary | std::ios::trunc) << text;
    for (const std::string command : {"worker", "serve --port 0"}) {
        // Bounded: a process that did not check its templates would run until killed.
        const auto r = run(command,
                           "CERES_DEV_MODE=1 CERES_HOME='" + home.string() + "' timeout 20");
        EXPECT_EQ(r.exit_code, 1) << command << ": " << r.err;
        EXPECT_NE(r.err.find("dte_request.json: /bodies: unknown key \\\"bodies\\\""), std::string::npos)
            << command << ": " << r.err;
    }
}
