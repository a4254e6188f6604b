// The HTTP API end to end, in process, over the fake backend.
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <gtest/gtest.h>

#include <Poco/Net/StreamSocket.h>

#include <fstream>
#include <future>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "prometheus_text.h"
#include "test_client.h"

namespace ceres::http::testing {
namespace {

using namespace std::chrono_literals;
using Poco::JSON::Object;

const std::string kSiret = "78184280200048";

Object::Ptr json(const Reply& reply) { return Poco::JSON::Parser().parse(reply.body).extract<Object::Ptr>(); }

// Every error answer has the shape {"errors":[{"pointer","rule","message"}]}; returns the first.
Object::Ptr firstError(const Reply& reply) {
    EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
    const auto root = json(reply);
    EXPECT_EQ(root->size(), 1u);
    const auto errors = root->getArray("errors");
    EXPECT_TRUE(errors && errors->size() > 0);
    const auto error = errors->getObject(0);
    for (const char* field : {"pointer", "rule", "message"}) EXPECT_TRUE(error->get(field).isString()) << field;
    return error;
}

std::string serviceToken() { return tokenFor("SERVICE", "FR", "svc-ceres"); }
std::string centreToken(const std::string& siret = kSiret) { return tokenFor("CENTRE", siret, "centre-fcmb"); }

std::string job(const std::string& kind, const std::string& extra_payload = "", const std::string& key = "",
                const std::string& requested_by = R"({"user":"svc-ceres","profile":"SERVICE","perimeter":"FR"})") {
    std::string text = R"({"kind":")" + kind + R"(","requested_by":)" + requested_by + R"(,"payload":{"centre":{"siret":")" +
                       kSiret + "\"}" + extra_payload + "}";
    if (!key.empty()) text += R"(,"idempotency_key":")" + key + "\"";
    return text + "}";
}

std::string centreJob(const std::string& kind, const std::string& siret = kSiret) {
    return R"({"kind":")" + kind +
           R"(","requested_by":{"user":"centre-fcmb","profile":"CENTRE","perimeter":")" + kSiret +
           R"("},"payload":{"centre":{"siret":")" + siret + R"("}}})";
}

Request post(const std::string& path, const std::string& token, const std::string& body,
             const std::string& content_type = "application/json") {
    return Request{"POST", path, token, body, content_type};
}

class Api : public ::testing::Test {
protected:
    TestServer server;
};

// ---- submitting jobs ----------------------------------------------------------------------

TEST_F(Api, SubmitAcceptedIs202WithIdAndStatus) {
    const auto reply = server.send(post("/v1/jobs", serviceToken(), job("session_results")));
    ASSERT_EQ(reply.status, 202) << reply.body;
    EXPECT_EQ(reply.reason, "Accepted");
    const auto body = json(reply);
    EXPECT_FALSE(body->getValue<std::string>("id").empty());
    EXPECT_EQ(body->getValue<std::string>("status"), "queued");
    EXPECT_EQ(reply.header("Location"), "/v1/jobs/" + body->getValue<std::string>("id"));
}

TEST_F(Api, SubmitSchemaErrorIs400WithPointer) {
    const auto reply = server.send(post("/v1/jobs", serviceToken(), R"({"payload":{}})"));
    ASSERT_EQ(reply.status, 400);
    EXPECT_EQ(firstError(reply)->getValue<std::string>("pointer"), "/kind");
}

TEST_F(Api, SubmitRuleRefusalIs422WithRuleId) {
    const auto reply = server.send(post("/v1/jobs", serviceToken(), job("session_results", R"(,"refuse":true)")));
    ASSERT_EQ(reply.status, 422);
    const auto error = firstError(reply);
    EXPECT_EQ(error->getValue<std::string>("rule"), "R-SES-2");
    EXPECT_EQ(error->getValue<std::string>("pointer"), "/payload/session/start");
}

TEST_F(Api, RepeatedIdempotencyKeyIs200WithTheExistingJob) {
    const auto first = server.send(post("/v1/jobs", serviceToken(), job("dashboard", "", "key-1")));
    ASSERT_EQ(first.status, 202);
    const auto again = server.send(post("/v1/jobs", serviceToken(), job("dashboard", "", "key-1")));
    ASSERT_EQ(again.status, 200);
    const auto body = json(again);
    EXPECT_EQ(body->getValue<std::string>("id"), json(first)->getValue<std::string>("id"));
    EXPECT_EQ(body->getValue<std::string>("kind"), "dashboard");
    EXPECT_TRUE(body->getArray("documents"));
}

TEST_F(Api, RepeatedKeyOfAnotherSubmitterIsAConflictNotALeak) {
    ASSERT_EQ(server.send(post("/v1/jobs", serviceToken(), centreJob("convocations").insert(1, R"("idempotency_key":"k",)")))
                  .status,
              202);
    const std::string other_centre_job = centreJob("convocations");
    const auto reply = server.send(post("/v1/jobs", centreToken(), std::string(other_centre_job).insert(1, R"("idempotency_key":"k",)")));
    ASSERT_EQ(reply.status, 409);
    EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "idempotency_key");
    EXPECT_EQ(reply.body.find("job-"), std::string::npos);
}

TEST_F(Api, OversizedBodyIs413AndNeverReachesTheBackend) {
    const std::string big = job("session_results", R"(,"filler":")" + std::string(kMaxBodyBytes, 'x') + "\"");
    const auto reply = server.send(post("/v1/jobs", serviceToken(), big));
    ASSERT_EQ(reply.status, 413);
    EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "body_size");
    EXPECT_TRUE(server.backend().submittedTexts().empty());
}

TEST_F(Api, OversizedChunkedBodyIs413) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
    Poco::Net::HTTPRequest request("POST", "/v1/jobs", Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + serviceToken());
    request.setContentType("application/json");
    request.setChunkedTransferEncoding(true);
    session.sendRequest(request) << std::string(kMaxBodyBytes + 1, ' ');
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    EXPECT_EQ(response.getStatus(), 413);
    EXPECT_TRUE(server.backend().submittedTexts().empty());
}

TEST_F(Api, WrongContentTypeIs415) {
    const auto reply = server.send(post("/v1/jobs", serviceToken(), job("dashboard"), "text/plain"));
    ASSERT_EQ(reply.status, 415);
    EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "content_type");
    EXPECT_EQ(server.send(post("/v1/jobs", serviceToken(), job("dashboard"), "application/json; charset=UTF-8")).status,
              202);
}

// ---- authentication ------------------------------------------------------------------------

TEST_F(Api, NoTokenIs401WithBearerChallenge) {
    for (const auto& path : {"/v1/jobs/job-service", "/v1/documents/doc-pv", "/v1/print-batches/batch-1"}) {
        const auto reply = server.get(path);
        ASSERT_EQ(reply.status, 401) << path;
        EXPECT_EQ(reply.header("WWW-Authenticate").rfind("Bearer", 0), 0u);
        EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "authentication");
    }
    EXPECT_EQ(server.send(post("/v1/jobs", "", job("dashboard"))).status, 401);
}

TEST_F(Api, WrongKeyAlgNoneAndExpiredTokensAre401) {
    const auto base64Url = [](const std::string& text) {
        std::ostringstream out;
        Poco::Base64Encoder encoder(out, Poco::BASE64_URL_ENCODING | Poco::BASE64_NO_PADDING);
        encoder << text;
        encoder.close();
        return out.str();
    };
    const std::string none = base64Url(R"({"alg":"none","typ":"JWT"})") + "." +
                             base64Url(R"({"sub":"x","profile":"SERVICE","perimeter":"FR","exp":4102444800})") + ".";
    const std::string wrong_key = issueDevelopmentToken("not-the-key", "x", "SERVICE", "FR", 3600, kNow);
    const std::string expired = issueDevelopmentToken(kDevKey, "x", "SERVICE", "FR", 3600, kNow - 2h);
    for (const auto& token : {none, wrong_key, expired, std::string("garbage")}) {
        const auto reply = server.get("/v1/documents/" + kPdfId, token);
        EXPECT_EQ(reply.status, 401) << token;
        EXPECT_NE(reply.header("WWW-Authenticate").find("invalid_token"), std::string::npos);
    }
}

// ---- profiles: 403 for endpoints a profile may never use ------------------------------------

TEST_F(Api, OnlyServiceAndCentreSubmit) {
    for (const auto& [profile, perimeter] : std::map<std::string, std::string>{
             {"UD", "33"}, {"DIRECCTE", "75"}, {"DISPATCH", "FR"}, {"ACC", "FR"}}) {
        const auto reply = server.send(post("/v1/jobs", tokenFor(profile, perimeter), job("dashboard")));
        EXPECT_EQ(reply.status, 403) << profile;
        EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "profile");
    }
}

TEST_F(Api, CentreSubmitsItsOwnConvocationsDteAndJurorExports) {
    for (const char* kind : {"convocations", "dte_request", "juror_export"}) {
        EXPECT_EQ(server.send(post("/v1/jobs", centreToken(), centreJob(kind))).status, 202) << kind;
    }
}

std::string contractExample(const std::string& name) {
    std::ifstream file(std::string(CERES_SAMPLES_DIR) + "/" + name);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

TEST_F(Api, ContractExamplesAreAcceptedFromTheService) {
    for (const char* name : {"session-results.json", "convocations.json", "dte-request.json", "parchemins-reprint.json",
                             "print-batch.json", "juror-export.json", "dashboard.json"}) {
        const std::string example = contractExample(name);
        ASSERT_FALSE(example.empty()) << name;
        EXPECT_EQ(server.send(post("/v1/jobs", serviceToken(), example)).status, 202) << name;
    }
}

TEST_F(Api, ContractExamplesOfTheCentreAreAcceptedFromIt) {
    for (const char* name : {"convocations.json", "dte-request.json", "juror-export.json"}) {
        EXPECT_EQ(server.send(post("/v1/jobs", centreToken(), contractExample(name))).status, 202) << name;
    }
    EXPECT_EQ(server.send(post("/v1/jobs", centreToken(), contractExample("session-results.json"))).status, 403);
}

TEST_F(Api, CentreMayNotSubmitOtherKindsOrForAnotherSiret) {
    EXPECT_EQ(server.send(post("/v1/jobs", centreToken(), centreJob("session_results"))).status, 403);
    EXPECT_EQ(server.send(post("/v1/jobs", centreToken(), centreJob("print_batch"))).status, 403);
    const auto other = server.send(post("/v1/jobs", centreToken(), centreJob("convocations", "11111111111111")));
    EXPECT_EQ(other.status, 403);
    EXPECT_EQ(firstError(other)->getValue<std::string>("rule"), "perimeter");
    EXPECT_TRUE(server.backend().submittedTexts().empty());
}

TEST_F(Api, CentreSubmitsInItsOwnName) {
    const auto reply = server.send(post("/v1/jobs", centreToken(), job("convocations")));  // requested_by SERVICE
    ASSERT_EQ(reply.status, 403);
    EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "requested_by");
}

TEST_F(Api, CentreWithMalformedJobGetsTheSchemaAnswer) {
    EXPECT_EQ(server.send(post("/v1/jobs", centreToken(), "{not json")).status, 400);
}

TEST_F(Api, PrintBatchesAreForDispatchAndService) {
    for (const auto& token : {tokenFor("UD", "33"), tokenFor("DIRECCTE", "75"), centreToken(), tokenFor("ACC", "FR")}) {
        EXPECT_EQ(server.get("/v1/print-batches/" + kBatchId, token).status, 403);
        EXPECT_EQ(server.send(post("/v1/print-batches/" + kBatchId + "/ack", token, "")).status, 403);
    }
    EXPECT_EQ(server.get("/v1/print-batches/" + kBatchId, serviceToken()).status, 200);
}

TEST_F(Api, JobsAreForTheirSubmitterAndTheService) {
    EXPECT_EQ(server.get("/v1/jobs/job-service", tokenFor("UD", "33")).status, 403);
    EXPECT_EQ(server.get("/v1/jobs/job-service", tokenFor("DISPATCH", "FR")).status, 403);
    const auto service = server.get("/v1/jobs/job-service", serviceToken());
    ASSERT_EQ(service.status, 200);
    const auto body = json(service);
    EXPECT_EQ(body->getValue<std::string>("status"), "done");
    EXPECT_EQ(body->getValue<int>("attempts"), 1);
    EXPECT_EQ(body->getObject("progress")->getValue<int>("pages_total"), 3);
    EXPECT_EQ(body->getArray("documents")->getObject(0)->getValue<std::string>("url"), "/v1/documents/" + kPdfId);
    EXPECT_EQ(server.get("/v1/jobs/job-service", centreToken()).status, 404);
    EXPECT_EQ(server.get("/v1/jobs/no-such-job", serviceToken()).status, 404);
}

TEST_F(Api, CentreReadsTheJobItSubmitted) {
    const auto submitted = server.send(post("/v1/jobs", centreToken(), centreJob("convocations")));
    const std::string path = "/v1/jobs/" + json(submitted)->getValue<std::string>("id");
    EXPECT_EQ(server.get(path, centreToken()).status, 200);
    EXPECT_EQ(server.get(path, serviceToken()).status, 200);
    EXPECT_EQ(server.get(path, tokenFor("CENTRE", kSiret, "another-user")).status, 404);
    EXPECT_EQ(server.get(path, tokenFor("CENTRE", "73282932000074", "centre-fcmb")).status, 404)
        << "same sub, another SIRET: not the submitter";
}

// The submitter is its whole token: the same `sub` under another profile or perimeter is someone else.
TEST_F(Api, ASubOfTheServiceUnderAnotherProfileDoesNotReadItsJobs) {
    EXPECT_EQ(server.get("/v1/jobs/job-service", tokenFor("CENTRE", kSiret, "svc-ceres")).status, 404);
    const std::string body = R"({"idempotency_key":"k2","kind":"convocations","requested_by":{"user":"svc-ceres",)"
                             R"("profile":"CENTRE","perimeter":")" + kSiret + R"("},"payload":{"centre":{"siret":")" +
                             kSiret + R"("}}})";
    ASSERT_EQ(server.send(post("/v1/jobs", serviceToken(), body)).status, 202);
    const auto reply = server.send(post("/v1/jobs", tokenFor("CENTRE", kSiret, "svc-ceres"), body));
    EXPECT_EQ(reply.status, 409) << "the key belongs to the SERVICE token, not to a centre with its sub";
}

TEST_F(Api, DispatchReadsPrintBatchesOnly) {
    const std::string dispatch = tokenFor("DISPATCH", "FR", "la-poste");
    EXPECT_EQ(server.get("/v1/documents/batch-merged", dispatch).status, 200);
    EXPECT_EQ(server.get("/v1/documents/batch-csv", dispatch).status, 200);
    for (const std::string& id : {kPdfId, kConvocationId, kAccentedId, kDashboardId}) {
        const auto reply = server.get("/v1/documents/" + id, dispatch);
        EXPECT_EQ(reply.status, 404) << id;
        EXPECT_EQ(reply.body, server.get("/v1/documents/never-existed", dispatch).body) << id;
    }
    EXPECT_EQ(server.get("/v1/sessions/" + kSessionId + "/documents", dispatch).status, 404);
    EXPECT_EQ(server.get("/v1/jobs/job-service", dispatch).status, 403);
}

// A dashboard of UD 33 (region 75): read by ACC of France, of the department and of the region.
TEST_F(Api, AccReadsTheDashboardsOfItsPerimeterOnly) {
    for (const char* perimeter : {"FR", "33", "75"}) {
        EXPECT_EQ(server.get("/v1/documents/" + kDashboardId, tokenFor("ACC", perimeter)).status, 200) << perimeter;
    }
    for (const char* perimeter : {"69", "84"}) {
        EXPECT_EQ(server.get("/v1/documents/" + kDashboardId, tokenFor("ACC", perimeter)).status, 404) << perimeter;
    }
    for (const std::string& id : {kPdfId, kConvocationId, std::string("batch-merged")}) {
        EXPECT_EQ(server.get("/v1/documents/" + id, tokenFor("ACC", "FR")).status, 404) << id;
    }
}

// SERVICE and DISPATCH are national; each other profile names a perimeter of its own kind.
TEST_F(Api, TokensWhoseProfileAndPerimeterDoNotFitAre401) {
    Poco::JWT::Signer signer(kDevKey);
    for (const auto& [profile, perimeter] : std::vector<std::pair<std::string, std::string>>{
             {"SERVICE", "33"}, {"DISPATCH", "33"}, {"DISPATCH", "75"}, {"CENTRE", "33"}, {"CENTRE", "11111111111111"},
             {"UD", "FR"}, {"UD", "75001"}, {"UD", "78184280200048"}, {"DIRECCTE", "33"}, {"DIRECCTE", "FR"},
             {"ACC", "78184280200048"}, {"ACC", "ZZ"}}) {
        Poco::JWT::Token token;
        token.setType("JWT");
        token.payload().set("sub", std::string("someone"));
        token.payload().set("profile", profile);
        token.payload().set("perimeter", perimeter);
        token.payload().set("exp", static_cast<Poco::Int64>(std::chrono::system_clock::to_time_t(kNow + 1h)));
        const auto reply = server.get("/v1/documents/" + kConvocationId, signer.sign(token, "HS256"));
        EXPECT_EQ(reply.status, 401) << profile << " " << perimeter;
        EXPECT_NE(reply.header("WWW-Authenticate").find("invalid_token"), std::string::npos);
    }
}

// ---- perimeters: 404 outside, for every document endpoint -----------------------------------

struct PerimeterCase {
    std::string profile;
    std::string perimeter;
    int expected;
};

class Perimeters : public ::testing::TestWithParam<PerimeterCase> {
protected:
    TestServer server;
};

// A convocation: the one kind of this session's documents that every profile reading session
// documents, a centre included, may read inside its perimeter; DISPATCH (print batches only) and
// ACC (dashboards only) never do.
TEST_P(Perimeters, DocumentEndpointsAnswer200InsideAnd404Outside) {
    const auto& c = GetParam();
    const std::string token = tokenFor(c.profile, c.perimeter);
    const auto document = server.get("/v1/documents/" + kConvocationId, token);
    EXPECT_EQ(document.status, c.expected);
    EXPECT_EQ(server.get("/v1/sessions/" + kSessionId + "/documents", token).status, c.expected);
    if (c.expected == 404) {
        EXPECT_EQ(firstError(document)->getValue<std::string>("message"), "no such document");
        EXPECT_EQ(document.body, server.get("/v1/documents/never-existed", token).body);
    }
}

INSTANTIATE_TEST_SUITE_P(
    ProfileTimesPerimeter, Perimeters,
    ::testing::Values(PerimeterCase{"SERVICE", "FR", 200}, PerimeterCase{"DISPATCH", "FR", 404},
                      PerimeterCase{"UD", "33", 200}, PerimeterCase{"UD", "69", 404},
                      PerimeterCase{"DIRECCTE", "75", 200}, PerimeterCase{"DIRECCTE", "84", 404},
                      PerimeterCase{"CENTRE", "78184280200048", 200}, PerimeterCase{"CENTRE", "73282932000074", 404},
                      PerimeterCase{"ACC", "FR", 404}, PerimeterCase{"ACC", "33", 404}, PerimeterCase{"ACC", "69", 404}),
    [](const auto& info) { return info.param.profile + "_" + info.param.perimeter; });

// CONTRACT.md, Callers: a centre downloads its own convocations, DTE requests and juror exports.
// The PVs and parchemins of its session carry its SIRET but are not for it: they are answered
// exactly as a document that does not exist, and left out of the session's list.
TEST_F(Api, CentreReadsItsConvocationsButNotThePvsOrParcheminsOfItsSession) {
    const std::string centre = centreToken();
    EXPECT_EQ(server.get("/v1/documents/" + kConvocationId, centre).status, 200);
    for (const std::string& id : {kPdfId, kAccentedId, std::string("batch-merged")}) {
        const auto reply = server.get("/v1/documents/" + id, centre);
        EXPECT_EQ(reply.status, 404) << id;
        EXPECT_EQ(reply.body, server.get("/v1/documents/never-existed", centre).body) << id;
        EXPECT_EQ(server.get("/v1/documents/" + id, tokenFor("UD", "33")).status, 200) << id;
    }
    const auto listed = server.get("/v1/sessions/" + kSessionId + "/documents", centre);
    ASSERT_EQ(listed.status, 200);
    const auto documents = json(listed)->getArray("documents");
    ASSERT_EQ(documents->size(), 1u);
    EXPECT_EQ(documents->getObject(0)->getValue<std::string>("kind"), "convocation");
    EXPECT_GT(json(server.get("/v1/sessions/" + kSessionId + "/documents", tokenFor("UD", "33")))
                  ->getArray("documents")->size(), 1u);
}

TEST_F(Api, SessionListsTheLatestDocumentsWithUrls) {
    const auto reply = server.get("/v1/sessions/" + kSessionId + "/documents", tokenFor("UD", "33"));
    ASSERT_EQ(reply.status, 200);
    const auto body = json(reply);
    EXPECT_EQ(body->getValue<std::string>("session_id"), kSessionId);
    const auto documents = body->getArray("documents");
    ASSERT_GT(documents->size(), 0u);
    EXPECT_EQ(documents->getObject(0)->getValue<std::string>("url").rfind("/v1/documents/", 0), 0u);
    EXPECT_EQ(server.get("/v1/sessions/UNKNOWN/documents", serviceToken()).status, 404);
}

// ---- document bytes -------------------------------------------------------------------------

TEST_F(Api, DocumentBytesWithTypeDispositionAndEtag) {
    const auto reply = server.get("/v1/documents/" + kPdfId, tokenFor("UD", "33", "agent-33"));
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, kPdfBytes);
    EXPECT_EQ(reply.header("Content-Type"), "application/pdf");
    EXPECT_EQ(reply.header("Content-Disposition"),
              "attachment; filename=\"pv-general_TITRE_T_2026_299045_v1.pdf\"; "
              "filename*=UTF-8''pv-general_TITRE_T_2026_299045_v1.pdf");
    EXPECT_EQ(reply.header("ETag"), "\"" + server.backend().findDocument(kPdfId)->document.sha256 + "\"");
    EXPECT_EQ(reply.header("Accept-Ranges"), "bytes");
    const auto downloads = server.backend().downloads();
    ASSERT_EQ(downloads.size(), 1u);
    EXPECT_EQ(downloads[0], std::make_pair(std::string("agent-33"), kPdfId));
}

TEST_F(Api, Utf8FileNameUsesRfc6266) {
    const auto reply = server.get("/v1/documents/" + kAccentedId, serviceToken());
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("Content-Disposition"),
              "attachment; filename=\"proc_s-verbal _ g_n_ral _.pdf\"; "
              "filename*=UTF-8''proc%C3%A8s-verbal%20%C2%AB%20g%C3%A9n%C3%A9ral%20%C2%BB.pdf");
}

TEST_F(Api, MatchingIfNoneMatchIs304WithoutBody) {
    const std::string etag = server.get("/v1/documents/" + kPdfId, serviceToken()).header("ETag");
    for (const auto& condition : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
        const auto reply = server.send(Request{"GET", "/v1/documents/" + kPdfId, serviceToken(), "", "",
                                               {{"If-None-Match", condition}}});
        EXPECT_EQ(reply.status, 304) << condition;
        EXPECT_TRUE(reply.body.empty());
        EXPECT_EQ(reply.header("ETag"), etag);
    }
    const auto stale = server.send(Request{"GET", "/v1/documents/" + kPdfId, serviceToken(), "", "",
                                           {{"If-None-Match", "\"stale\""}}});
    EXPECT_EQ(stale.status, 200);
    EXPECT_EQ(server.backend().downloads().size(), 2u);  // the 304s sent no bytes
}

TEST_F(Api, RangeIs206WithContentRange) {
    const auto size = std::to_string(kPdfBytes.size());
    const auto first = server.send(Request{"GET", "/v1/documents/" + kPdfId, serviceToken(), "", "", {{"Range", "bytes=0-3"}}});
    ASSERT_EQ(first.status, 206);
    EXPECT_EQ(first.body, "%PDF");
    EXPECT_EQ(first.header("Content-Range"), "bytes 0-3/" + size);
    EXPECT_EQ(first.header("Content-Length"), "4");
    const auto tail = server.send(Request{"GET", "/v1/documents/" + kPdfId, serviceToken(), "", "", {{"Range", "bytes=-10"}}});
    ASSERT_EQ(tail.status, 206);
    EXPECT_EQ(tail.body, "0123456789");
}

TEST_F(Api, UnsatisfiableRangeIs416) {
    const auto reply = server.send(Request{"GET", "/v1/documents/" + kPdfId, serviceToken(), "", "", {{"Range", "bytes=9999-"}}});
    ASSERT_EQ(reply.status, 416);
    EXPECT_EQ(reply.header("Content-Range"), "bytes */" + std::to_string(kPdfBytes.size()));
    EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "range");
}

TEST_F(Api, RangeWithStaleIfRangeSendsEverything) {
    const auto reply = server.send(Request{"GET", "/v1/documents/" + kPdfId, serviceToken(), "", "",
                                           {{"Range", "bytes=0-3"}, {"If-Range", "\"stale\""}}});
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, kPdfBytes);
}

TEST_F(Api, CsvManifestKeepsItsMimeType) {
    const auto reply = server.get("/v1/documents/batch-csv", tokenFor("DISPATCH", "FR"));
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("Content-Type"), "text/csv; charset=utf-8");
}

TEST_F(Api, BackendFailureIsAGeneric500WithTheRequestId) {
    const auto reply = server.get("/v1/documents/" + kFailingId, serviceToken());
    ASSERT_EQ(reply.status, 500);
    const auto error = firstError(reply);
    EXPECT_EQ(error->getValue<std::string>("rule"), "internal");
    EXPECT_EQ(reply.body.find("EIO"), std::string::npos);
    EXPECT_EQ(reply.body.find("/var"), std::string::npos);
    const std::string request_id = reply.header("X-Request-Id");
    ASSERT_FALSE(request_id.empty());
    EXPECT_NE(error->getValue<std::string>("message").find(request_id), std::string::npos);
}

// ---- print batches --------------------------------------------------------------------------

TEST_F(Api, DispatchPullsAndAcknowledgesABatch) {
    const std::string token = tokenFor("DISPATCH", "FR", "la-poste");
    const auto batch = server.get("/v1/print-batches/" + kBatchId, token);
    ASSERT_EQ(batch.status, 200);
    const auto body = json(batch);
    EXPECT_FALSE(body->getValue<bool>("acknowledged"));
    EXPECT_EQ(body->getObject("merged")->getValue<std::string>("url"), "/v1/documents/batch-merged");
    EXPECT_EQ(body->getArray("manifests")->size(), 1u);
    for (int i = 0; i < 2; ++i) {
        const auto ack = server.send(post("/v1/print-batches/" + kBatchId + "/ack", token, ""));
        ASSERT_EQ(ack.status, 200);
        EXPECT_TRUE(json(ack)->getValue<bool>("acknowledged"));
    }
    EXPECT_EQ(server.get("/v1/print-batches/nope", token).status, 404);
    EXPECT_EQ(server.send(post("/v1/print-batches/nope/ack", token, "")).status, 404);
}

// ---- public endpoints -----------------------------------------------------------------------

TEST_F(Api, VerifyByNumberIsPublic) {
    const auto valid = server.get("/v1/verify/" + kIssuedNumber);
    ASSERT_EQ(valid.status, 200);
    const auto body = json(valid);
    EXPECT_TRUE(body->getValue<bool>("valid"));
    EXPECT_EQ(body->getObject("fields")->getValue<std::string>("holder"), "Zoé Lefèvre");
    const auto unknown = json(server.get("/v1/verify/TP26-999999-X"));
    EXPECT_FALSE(unknown->getValue<bool>("valid"));
    EXPECT_EQ(unknown->getValue<std::string>("status"), "unknown");
    EXPECT_EQ(unknown->getObject("fields")->size(), 0u);
}

TEST_F(Api, VerifyByCodeAcceptsJsonAndText) {
    EXPECT_TRUE(json(server.send(post("/v1/verify", "", R"({"code":"DC04GOOD"})")))->getValue<bool>("valid"));
    EXPECT_TRUE(json(server.send(post("/v1/verify", "", "DC04GOOD\n", "text/plain")))->getValue<bool>("valid"));
    const auto forged = json(server.send(post("/v1/verify", "", R"({"code":"DC04BAD"})")));
    EXPECT_FALSE(forged->getValue<bool>("valid"));
    EXPECT_EQ(forged->getValue<std::string>("status"), "bad_signature");
    const auto missing = server.send(post("/v1/verify", "", R"({"text":"DC04GOOD"})"));
    ASSERT_EQ(missing.status, 400);
    EXPECT_EQ(firstError(missing)->getValue<std::string>("pointer"), "/code");
    EXPECT_EQ(server.send(post("/v1/verify", "", "DC04GOOD", "application/pdf")).status, 415);
}

TEST_F(Api, DeeplyNestedJsonIsABadRequestNotACrash) {
    const auto reply = server.send(post("/v1/verify", "", std::string(60000, '[')));
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(server.get("/healthz").status, 200);
}

TEST_F(Api, HealthzIsPublic) {
    const auto reply = server.get("/healthz");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(json(reply)->getValue<std::string>("status"), "ok");
    EXPECT_FALSE(reply.header("X-Request-Id").empty());
}

TEST_F(Api, UnknownPathIs404AndWrongMethodIs405) {
    const auto missing = server.get("/v2/anything");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(firstError(missing)->getValue<std::string>("rule"), "not_found");
    const auto wrong = server.send(Request{"DELETE", "/v1/jobs/job-service", serviceToken()});
    EXPECT_EQ(wrong.status, 405);
    EXPECT_EQ(wrong.reason, "Method Not Allowed");
    EXPECT_EQ(wrong.header("Allow"), "GET, HEAD");
    EXPECT_EQ(firstError(wrong)->getValue<std::string>("rule"), "method");
}

// Allow names what the path answers; the body is the usual JSON error, whatever the method.
TEST_F(Api, MethodNotAllowedNamesTheAllowedOnes) {
    const std::map<std::pair<std::string, std::string>, std::string> cases = {
        {{"GET", "/v1/jobs"}, "POST"},
        {{"PUT", "/v1/jobs"}, "POST"},
        {{"POST", "/v1/documents/" + kPdfId}, "GET, HEAD"},
        {{"PATCH", "/v1/print-batches/" + kBatchId}, "GET, HEAD"},
        {{"GET", "/v1/print-batches/" + kBatchId + "/ack"}, "POST"},
        {{"OPTIONS", "/healthz"}, "GET, HEAD"},
        {{"BREW", "/metrics"}, "GET, HEAD"},
    };
    for (const auto& [request, allow] : cases) {
        const auto& [method, path] = request;
        const auto reply = server.send(Request{method, path, serviceToken()});
        EXPECT_EQ(reply.status, 405) << method << " " << path;
        EXPECT_EQ(reply.header("Allow"), allow) << method << " " << path;
        EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "method") << method << " " << path;
    }
    EXPECT_EQ(server.send(Request{"BREW", "/v2/anything"}).status, 404);
}

// HEAD is GET without the body (RFC 9110, 9.3.2): same status and headers, no bytes.
TEST_F(Api, HeadAnswersLikeGetWithoutBody) {
    for (const auto& [path, token] : {std::pair{std::string("/healthz"), std::string()},
                                      {"/metrics", ""},
                                      {"/v1/jobs/job-service", serviceToken()},
                                      {"/v1/sessions/" + kSessionId + "/documents", serviceToken()},
                                      {"/v1/verify/" + kIssuedNumber, ""}}) {
        const auto get = server.send(Request{"GET", path, token});
        const auto head = server.send(Request{"HEAD", path, token});
        EXPECT_EQ(head.status, get.status) << path;
        EXPECT_TRUE(head.body.empty()) << path;
        EXPECT_EQ(head.header("Content-Type"), get.header("Content-Type")) << path;
        if (path != "/metrics") {  // its request counts change between the two
            EXPECT_EQ(head.header("Content-Length"), get.header("Content-Length")) << path;
        }
    }
    EXPECT_EQ(server.send(Request{"HEAD", "/v1/jobs/job-service"}).status, 401);
    EXPECT_EQ(server.send(Request{"HEAD", "/v1/documents/" + kPdfId, tokenFor("UD", "13")}).status, 404);
}

TEST_F(Api, HeadOfADocumentGivesItsHeadersWithoutADownload) {
    const auto reply = server.send(Request{"HEAD", "/v1/documents/" + kPdfId, tokenFor("UD", "33", "agent-33")});
    ASSERT_EQ(reply.status, 200);
    EXPECT_TRUE(reply.body.empty());
    EXPECT_EQ(reply.header("Content-Length"), std::to_string(kPdfBytes.size()));
    EXPECT_EQ(reply.header("Content-Type"), "application/pdf");
    EXPECT_EQ(reply.header("ETag"), "\"" + server.backend().findDocument(kPdfId)->document.sha256 + "\"");
    EXPECT_FALSE(reply.header("Content-Disposition").empty());
    const auto part = server.send(
        Request{"HEAD", "/v1/documents/" + kPdfId, serviceToken(), "", "", {{"Range", "bytes=0-3"}}});
    EXPECT_EQ(part.status, 206);
    EXPECT_EQ(part.header("Content-Length"), "4");
    EXPECT_TRUE(server.backend().downloads().empty()) << "no byte was sent, so no download is recorded";
    EXPECT_EQ(server.get("/v1/documents/" + kPdfId, serviceToken()).body, kPdfBytes) << "the connection is still sound";
}

// ---- metrics --------------------------------------------------------------------------------

TEST_F(Api, MetricsInPrometheusTextFormat) {
    server.get("/healthz");
    server.get("/v1/documents/" + kPdfId);  // 401
    const auto reply = server.get("/metrics");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
    ASSERT_EQ(reply.body.back(), '\n');
    const auto exposition = parseExposition(reply.body);
    const auto& samples = exposition.samples;
    EXPECT_EQ(exposition.types.at("ceres_jobs"), "gauge");
    EXPECT_EQ(exposition.types.at("ceres_pages_rendered_total"), "counter");
    EXPECT_EQ(exposition.types.at("ceres_render_duration_seconds"), "histogram");
    EXPECT_EQ(samples.at(R"(ceres_jobs{state="queued"})"), 2);
    EXPECT_EQ(samples.at(R"(ceres_jobs{state="running"})"), 0);
    EXPECT_EQ(samples.at(R"(ceres_jobs{state="dead"})"), 0);
    EXPECT_EQ(samples.at("ceres_queue_depth"), 2);
    EXPECT_EQ(samples.at("ceres_pages_rendered_total"), 120);
    EXPECT_EQ(samples.at(R"(ceres_render_duration_seconds_bucket{kind="session_results",le="0.5"})"), 1);
    EXPECT_EQ(samples.at(R"(ceres_render_duration_seconds_bucket{kind="session_results",le="+Inf"})"), 5);
    EXPECT_EQ(samples.at(R"(ceres_render_duration_seconds_sum{kind="session_results"})"), 7.25);
    EXPECT_EQ(samples.at(R"(ceres_render_duration_seconds_count{kind="session_results"})"), 5);
    EXPECT_EQ(samples.at(R"(ceres_http_requests_total{method="GET",route="/healthz",status="200"})"), 1);
    EXPECT_EQ(samples.at(R"(ceres_http_requests_total{method="GET",route="/v1/documents/{id}",status="401"})"), 1);
}

// ---- server lifecycle -----------------------------------------------------------------------

TEST(ServerLifecycle, EphemeralPortStopIsIdempotent) {
    FakeBackend backend;
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    Server server(backend, options);
    EXPECT_GT(server.port(), 0);
    server.start();
    EXPECT_EQ(send(server.port(), Request{"GET", "/healthz"}).status, 200);
    server.stop();
    server.stop();
    EXPECT_THROW(server.start(), std::logic_error);
}

ServerOptions lifecycleOptions() {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.auth.development_key = kDevKey;
    options.auth.clock = [] { return kNow; };
    return options;
}

bool refusesConnections(int port) {
    try {
        send(port, Request{"GET", "/healthz"});
        return false;
    } catch (const Poco::Exception&) {
        return true;
    }
}

// The request is held inside the backend while stop() runs: the port closes at once, and stop()
// returns only after the held request is answered in full. Each step waits for what it needs.
TEST(ServerLifecycle, StopAnswersTheRequestInProgressFirst) {
    FakeBackend backend;
    backend.holdReads();
    Server server(backend, lifecycleOptions());
    server.start();
    const int port = server.port();
    auto reply = std::async(std::launch::async, [&] {
        return send(port, Request{"GET", "/v1/documents/" + kPdfId, tokenFor("SERVICE", "FR")});
    });
    ASSERT_TRUE(backend.awaitHeldRead(10s)) << "the request never reached the backend";
    auto stopped = std::async(std::launch::async, [&] { server.stop(); });
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!refusesConnections(port) && std::chrono::steady_clock::now() < deadline) {
    }
    EXPECT_TRUE(refusesConnections(port)) << "the port stays open while stopping";
    EXPECT_EQ(stopped.wait_for(0s), std::future_status::timeout) << "stop() returned with a request in progress";
    backend.releaseReads();
    stopped.get();
    const Reply answered = reply.get();
    EXPECT_EQ(answered.status, 200);
    EXPECT_EQ(answered.body, kPdfBytes);
}

// ---- malformed requests and unavailable dependencies -------------------------------------------

std::string rawExchange(int port, const std::string& bytes) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    socket.shutdownSend();
    std::string answer;
    char buffer[4096];
    for (int got = 0; (got = socket.receiveBytes(buffer, sizeof buffer)) > 0;) answer.append(buffer, got);
    return answer;
}

TEST_F(Api, BadPercentEscapeIs400WithAJsonBody) {
    for (const std::string path : {"/v1/verify/%zz", "/v1/verify/%4", "/v1/documents/%", "/v1/nowhere/%zz",
                                   "/v1/verify/a%00b"}) {
        const auto reply = server.get(path, serviceToken());
        EXPECT_EQ(reply.status, 400) << path;
        EXPECT_EQ(firstError(reply)->getValue<std::string>("rule"), "path") << path;
    }
    EXPECT_EQ(server.get("/v1/verify/" + kIssuedNumber).status, 200) << "the server answers on";
}

TEST_F(Api, MalformedHeadersAre400WithAJsonBodyNever500) {
    const std::map<std::string, std::string> cases = {
        {"not an HTTP version", "GET /healthz HTTQ/1.1\r\nHost: x\r\n\r\n"},
        {"field value too long", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(9000, 'v') + "\r\n\r\n"},
        {"Content-Length not a number", "POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                        "Content-Length: ten\r\n\r\nDC04GOOD"},
        {"negative Content-Length", "POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                    "Content-Length: -8\r\n\r\nDC04GOOD"},
        {"Content-Length and chunked", "POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                       "Content-Length: 8\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nDC04GOOD\r\n0\r\n\r\n"},
        {"unknown transfer coding", "POST /v1/verify HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                                    "Transfer-Encoding: gzip\r\n\r\nxx"},
        {"field name too long", "GET /healthz HTTP/1.1\r\n" + std::string(300, 'X') + ": y\r\n\r\n"},
    };
    for (const auto& [name, request] : cases) {
        const std::string answer = rawExchange(server.port(), request);
        EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << name << ":\n" << answer;
        EXPECT_NE(answer.find("Content-Type: application/json"), std::string::npos) << name;
        EXPECT_NE(answer.find(R"("errors":[{"pointer")"), std::string::npos) << name << ":\n" << answer;
    }
    EXPECT_TRUE(server.backend().submittedTexts().empty());
}

TEST_F(Api, UnreachableDatabaseIs503WithRetryAfter) {
    const auto reply = server.get("/v1/documents/" + kDatabaseDownId, serviceToken());
    ASSERT_EQ(reply.status, 503);
    EXPECT_EQ(reply.header("Retry-After"), "5");
    const auto error = firstError(reply);
    EXPECT_EQ(error->getValue<std::string>("rule"), "unavailable");
    EXPECT_EQ(reply.body.find("127.0.0.1"), std::string::npos) << "the detail stays in the log";
}

TEST_F(Api, ReadyzNamesWhatIsDownWhileHealthzStaysLiveness) {
    const auto ready = server.get("/readyz");
    ASSERT_EQ(ready.status, 200);
    const auto body = json(ready);
    EXPECT_EQ(body->getValue<std::string>("status"), "ready");
    EXPECT_EQ(body->getArray("down")->size(), 0u);
    EXPECT_TRUE(body->getObject("checks")->getObject("database")->getValue<bool>("ready"));
    EXPECT_TRUE(body->getObject("checks")->getObject("document_store")->getValue<bool>("ready"));

    server.backend().setDown("database", "connection refused");
    const auto down = server.get("/readyz");
    ASSERT_EQ(down.status, 503);
    EXPECT_FALSE(down.header("Retry-After").empty());
    const auto why = json(down);
    EXPECT_EQ(why->getValue<std::string>("status"), "unavailable");
    ASSERT_EQ(why->getArray("down")->size(), 1u);
    EXPECT_EQ(why->getArray("down")->getElement<std::string>(0), "database");
    EXPECT_EQ(why->getObject("checks")->getObject("database")->getValue<std::string>("detail"), "connection refused");
    EXPECT_TRUE(why->getObject("checks")->getObject("document_store")->getValue<bool>("ready"));
    EXPECT_EQ(server.get("/healthz").status, 200);
}

TEST_F(Api, KeptAliveResponsesSayForHowLong) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
    session.setKeepAlive(true);
    for (int i = 0; i < 2; ++i) {  // the second on the same connection
        Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        EXPECT_EQ(response.getStatus(), 200);
        EXPECT_TRUE(response.getKeepAlive());
        EXPECT_EQ(response.get("Keep-Alive", ""), "timeout=28") << "30 s kept by the server, 2 s of margin";
    }
    const auto closing = server.get("/healthz");  // this client asks for Connection: close
    EXPECT_EQ(Poco::toLower(closing.header("Connection")), "close");
    EXPECT_EQ(closing.header("Keep-Alive"), "");
}

}  // namespace
}  // namespace ceres::http::testing
