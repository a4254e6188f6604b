// Verification and withdrawal over the real service in process (SQLite, and PostgreSQL when
// CERES_TEST_PG_URL is set): parchemins issued by a session_results job, verified by number, by
// a picture of the rendered diploma and offline against the signed withdrawal list; a withdrawal
// then shows in every answer, and reprints and print batches leave the parchemin out (R-DOC-7).
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "../render/pdf_probe.h"
#include "in_process_service.h"
#include "seal/withdrawal_list.h"
#include "store/database.h"
#include "store/store.h"

namespace ceres::http::testing {
namespace {

using Poco::JSON::Object;
using render::test::runCommand;
using render::test::TempFile;

const std::map<std::string, std::string> kBrowser = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};

Object::Ptr json(const Reply& reply) { return Poco::JSON::Parser().parse(reply.body).extract<Object::Ptr>(); }

std::string multipart(const std::string& bytes, const std::string& type) {
    return "--b0undary\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"diplome\"\r\nContent-Type: " + type +
           "\r\n\r\n" + bytes + "\r\n--b0undary--\r\n";
}

class ServiceVerification : public InProcessService {
protected:
    void SetUp() override {
        InProcessService::SetUp();
        if (IsSkipped()) return;
        const std::string job = submit(sampleJob("session-results.json", "verify/session"));
        runEveryJob();
        const auto documents = json(call("GET", "/v1/jobs/" + job))->getArray("documents");
        for (std::size_t i = 0; i < documents->size(); ++i) {
            const auto d = documents->getObject(i);
            if (d->getValue<std::string>("kind") != "parchemin") continue;
            const std::string file = d->getValue<std::string>("file_name");
            const std::string candidate = file.substr(file.rfind('_') + 1, file.size() - file.rfind('_') - 5);
            numbers[candidate] = d->getValue<std::string>("unique_number");
            pdfs[candidate] = call("GET", d->getValue<std::string>("url")).body;
        }
        ASSERT_EQ(numbers.size(), 3u) << "three ADMIS candidates in the sample";
    }

    Reply verify(const std::string& number, const std::string& claim_json = "") const {
        if (claim_json.empty()) return send(server->port(), Request{"GET", "/v1/verify/" + number});
        return send(server->port(), Request{"POST", "/v1/verify/" + number, "", claim_json});
    }

    std::string holderMatch(const std::string& number, const std::string& claim_json) const {
        return json(verify(number, claim_json))->getValue<std::string>("holder_match");
    }

    Reply withdraw(const std::string& number, const std::string& token_text, const std::string& body) const {
        return send(server->port(), Request{"POST", "/v1/parchemins/" + number + "/withdraw", token_text, body});
    }

    // The first page of a parchemin as a scan would give it.
    std::string picture(const std::string& candidate, const std::string& format) const {
        const TempFile pdf(pdfs.at(candidate), "parchemin.pdf");
        const std::string out = pdf.path() + "-page";
        const auto rendered = runCommand("pdftoppm -r 300 -" + format + " -singlefile -f 1 -l 1 '" + pdf.path() +
                                         "' '" + out + "'");
        EXPECT_EQ(rendered.status, 0) << rendered.output;
        const std::string path = out + (format == "png" ? ".png" : ".jpg");
        std::ifstream in(path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        std::remove(path.c_str());
        return bytes.str();
    }

    Reply upload(const std::string& bytes, const std::string& type, bool browser) const {
        return send(server->port(), Request{"POST", "/v1/verify", "", multipart(bytes, type),
                                            "multipart/form-data; boundary=b0undary", browser ? kBrowser : std::map<std::string, std::string>{}});
    }

    std::map<std::string, std::string> numbers;  // candidate id -> parchemin number
    std::map<std::string, std::string> pdfs;     // candidate id -> the parchemin's PDF
};

TEST_P(ServiceVerification, ANumberShowsWhatTheHolderShowsAndNeverTheName) {
    const auto reply = verify(numbers.at("C-900001"));
    ASSERT_EQ(reply.status, 200);
    const auto body = json(reply);
    EXPECT_TRUE(body->getValue<bool>("valid"));
    const auto fields = body->getObject("fields");
    EXPECT_EQ(fields->getValue<std::string>("title_code"), "TP-01318");
    EXPECT_EQ(fields->getValue<std::string>("title_libelle"), "Employé administratif et d\u2019accueil");
    EXPECT_EQ(fields->getValue<std::string>("level"), "3");
    EXPECT_EQ(fields->getValue<std::string>("issued_on"), "2026-05-29");
    EXPECT_EQ(fields->getValue<std::string>("place_of_issue"), "Bordeaux");
    EXPECT_EQ(reply.body.find("Lef"), std::string::npos) << reply.body;
    EXPECT_EQ(reply.body.find("1991"), std::string::npos) << reply.body;

    const auto page = send(server->port(), Request{"GET", "/v1/verify/" + numbers.at("C-900001"), "", "", "", kBrowser});
    EXPECT_NE(page.body.find("<dd>TP-01318 – Employé administratif et d\u2019accueil</dd>"), std::string::npos);
    EXPECT_NE(page.body.find("<dd>29 mai 2026</dd>"), std::string::npos);
    EXPECT_EQ(page.body.find("Lefèvre"), std::string::npos);
}

TEST_P(ServiceVerification, TheHolderIsComparedWithoutCaseOrAccents) {
    const std::string lefevre = numbers.at("C-900001");
    EXPECT_EQ(holderMatch(lefevre, R"({"last_name":"LEFEVRE"})"), "matches");
    EXPECT_EQ(holderMatch(lefevre, R"({"last_name":"lefèvre","birth_date":"12/04/1991"})"), "matches");
    EXPECT_EQ(holderMatch(lefevre, R"({"last_name":"Lefèvre","birth_date":"1991-04-13"})"), "does_not_match");
    EXPECT_EQ(holderMatch(lefevre, R"({"last_name":"Lefebvre"})"), "does_not_match");
    EXPECT_EQ(holderMatch(numbers.at("C-900005"), R"({"last_name":"ΠΑΠΑΔΟΠΟΥΛΟΣ"})"), "matches");
    EXPECT_EQ(holderMatch(numbers.at("C-900003"), R"({"last_name":"смирнов"})"), "matches");
}

TEST_P(ServiceVerification, UnknownAndMistypedNumbersAnswerTheSameShape) {
    const auto known = json(verify(numbers.at("C-900001")));
    const auto unknown = json(verify("CERES-000999999-" + std::string(1, '0')));
    const auto mistyped = json(verify(numbers.at("C-900001").substr(0, 16) + "X"));
    for (const auto& answer : {unknown, mistyped}) {
        EXPECT_EQ(answer->size(), known->size());
        for (const auto& [name, value] : *known) EXPECT_TRUE(answer->has(name)) << name;
        EXPECT_FALSE(answer->getValue<bool>("valid"));
        EXPECT_EQ(answer->getObject("fields")->size(), 0u);
    }
}

TEST_P(ServiceVerification, APictureOfTheDiplomaShowsEverySignedField) {
    for (const auto& [format, type] : {std::pair{"png", "image/png"}, {"jpeg", "image/jpeg"}}) {
        SCOPED_TRACE(format);
        const auto program = json(upload(picture("C-900003", format), type, false));
        ASSERT_EQ(program->getValue<std::string>("status"), "valid") << program->getValue<std::string>("reason");
        const auto fields = program->getObject("fields");
        EXPECT_EQ(fields->getValue<std::string>("unique_number"), numbers.at("C-900003"));
        // The family name is printed in capitals and signed exactly as printed.
        EXPECT_EQ(fields->getValue<std::string>("last_name"), "СМИРНОВ");
        EXPECT_EQ(fields->getValue<std::string>("birth_date"), "1979-02-28");
    }
    const auto page = upload(picture("C-900003", "png"), "image/png", true);
    EXPECT_NE(page.body.find("<h1>Diplôme authentique</h1>"), std::string::npos);
    EXPECT_NE(page.body.find("<dt>Nom</dt><dd>СМИРНОВ</dd>"), std::string::npos);
    EXPECT_NE(page.body.find("<dt>Date de naissance</dt><dd>28 février 1979</dd>"), std::string::npos);

    const auto blank = upload(std::string("\x89PNG\r\n\x1a\n", 8) + "truncated", "image/png", true);
    EXPECT_NE(blank.body.find("<h1>Image illisible</h1>"), std::string::npos);
}

TEST_P(ServiceVerification, AWithdrawalShowsEverywhereAndIsNeverUndone) {
    const std::string number = numbers.at("C-900001");
    const auto recorded = withdraw(number, tokenFor("UD", "33", "agent-ud33"),
                                   R"({"date":"2026-07-03","reason":"Fraude constatée à l'examen"})");
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    EXPECT_EQ(json(recorded)->getObject("recorded_by")->getValue<std::string>("user"), "agent-ud33");
    EXPECT_EQ(withdraw(number, token, R"({"date":"2026-07-04","reason":"again"})").status, 409);
    const auto early = withdraw(numbers.at("C-900003"), token, R"({"date":"2026-05-01","reason":"x"})");
    ASSERT_EQ(early.status, 422) << "before the date of issue";
    EXPECT_EQ(json(early)->getArray("errors")->getObject(0)->getValue<std::string>("rule"), "R-DOC-7");

    const auto by_number = json(verify(number));
    EXPECT_EQ(by_number->getValue<std::string>("status"), "withdrawn");
    EXPECT_EQ(by_number->getObject("withdrawal")->getValue<std::string>("date"), "2026-07-03");
    EXPECT_EQ(by_number->getObject("withdrawal")->getValue<std::string>("reason"), "Fraude constatée à l'examen");
    const auto by_picture = json(upload(picture("C-900001", "png"), "image/png", false));
    EXPECT_EQ(by_picture->getValue<std::string>("status"), "withdrawn");
    const auto page = upload(picture("C-900001", "png"), "image/png", true);
    EXPECT_NE(page.body.find("retiré le 3 juillet 2026"), std::string::npos);

    ASSERT_EQ(withdraw(numbers.at("C-900005"), token, R"({"date":"2026-08-01","reason":"Dossier","reason_public":false})")
                  .status,
              201);

    // Offline verifiers: the signed list names both, with the public reason only, and its
    // signature holds with the seal's public key.
    const auto list = seal::verifyWithdrawalList(runtime->verifier(), call("GET", "/v1/withdrawals").body);
    ASSERT_TRUE(list.valid) << list.reason;
    ASSERT_EQ(list.list.withdrawn.size(), 2u);
    ASSERT_TRUE(list.list.find(number));
    EXPECT_EQ(list.list.find(number)->withdrawn_on, "2026-07-03");
    EXPECT_EQ(list.list.find(number)->reason, "Fraude constatée à l'examen");
    ASSERT_TRUE(list.list.find(numbers.at("C-900005")));
    EXPECT_EQ(list.list.find(numbers.at("C-900005"))->reason, "") << "a reason that is not public is not on the list";
    EXPECT_EQ(call("GET", "/v1/withdrawals").body.find("Dossier"), std::string::npos);

    auto connection = runtime->store().database().connect();
    for (const std::string statement : {"DELETE FROM parchemin_withdrawals", "UPDATE parchemin_withdrawals SET reason = 'none'"}) {
        EXPECT_ANY_THROW((connection.session() << statement, Poco::Data::Keywords::now)) << statement;
    }
    EXPECT_EQ(json(verify(number))->getValue<std::string>("status"), "withdrawn");
}

TEST_P(ServiceVerification, OnlyTheUdOfThePerimeterWithdraws) {
    const std::string body = R"({"date":"2026-07-03","reason":"Fraude"})";
    EXPECT_EQ(withdraw(numbers.at("C-900001"), tokenFor("UD", "69"), body).status, 404);
    EXPECT_EQ(withdraw(numbers.at("C-900001"), tokenFor("CENTRE", "78184280200048"), body).status, 403);
    EXPECT_EQ(withdraw("CERES-000999999-0", token, body).status, 404);
    EXPECT_TRUE(json(verify(numbers.at("C-900001")))->getValue<bool>("valid"));
}

TEST_P(ServiceVerification, AWithdrawnParcheminIsNeitherReprintedNorBatched) {
    const std::string number = numbers.at("C-900001");
    ASSERT_EQ(withdraw(number, token, R"({"date":"2026-07-03","reason":"Fraude"})").status, 201);
    const std::string reprint = submit(sampleJob("parchemins-reprint.json", "verify/reprint"));
    const std::string batch = submit(sampleJob("print-batch.json", "verify/batch"));
    runEveryJob();

    const auto refused = json(call("GET", "/v1/jobs/" + reprint));
    EXPECT_NE(refused->getValue<std::string>("status"), "done");
    const auto errors = refused->getArray("errors");
    ASSERT_GT(errors->size(), 0u);
    EXPECT_EQ(errors->getObject(0)->getValue<std::string>("rule"), "R-DOC-7");
    EXPECT_NE(errors->getObject(0)->getValue<std::string>("message").find(number), std::string::npos);
    EXPECT_EQ(refused->getArray("documents")->size(), 0u);

    const auto printed = json(call("GET", "/v1/jobs/" + batch));
    ASSERT_EQ(printed->getValue<std::string>("status"), "done");
    std::string manifest;
    const auto documents = printed->getArray("documents");
    for (std::size_t i = 0; i < documents->size(); ++i) {
        const auto d = documents->getObject(i);
        if (d->getValue<std::string>("kind") == "print_manifest_csv") manifest = call("GET", d->getValue<std::string>("url")).body;
    }
    EXPECT_EQ(manifest.find(number), std::string::npos) << manifest;
    EXPECT_NE(manifest.find(numbers.at("C-900003")), std::string::npos) << manifest;
    EXPECT_NE(manifest.find(numbers.at("C-900005")), std::string::npos) << manifest;
}

CERES_ON_BOTH_BACKENDS(ServiceVerification);

}  // namespace
}  // namespace ceres::http::testing
