// The public verification routes and withdrawals, in process over the fake backend: what a
// browser and a program each get, who may withdraw, and the rate limit per client address.
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "http/rate_limit.h"
#include "test_client.h"

namespace ceres::http::testing {
namespace {

using Poco::JSON::Object;

const std::map<std::string, std::string> kBrowser = {
    {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}};

Object::Ptr json(const Reply& reply) { return Poco::JSON::Parser().parse(reply.body).extract<Object::Ptr>(); }

std::set<std::string> keys(const Object::Ptr& object) {
    std::set<std::string> names;
    for (const auto& [name, value] : *object) names.insert(name);
    return names;
}

bool shows(const Reply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

Request browserGet(const std::string& path) { return Request{"GET", path, "", "", "", kBrowser}; }

Request browserPost(const std::string& path, const std::string& body, const std::string& type) {
    return Request{"POST", path, "", body, type, kBrowser};
}

Request withdrawal(const std::string& token, const std::string& body, const std::string& number = kIssuedNumber) {
    return Request{"POST", "/v1/parchemins/" + number + "/withdraw", token, body};
}

std::string multipart(const std::string& part_name, const std::string& bytes) {
    return "--XyZ\r\nContent-Disposition: form-data; name=\"" + part_name +
           "\"; filename=\"diplome.png\"\r\nContent-Type: image/png\r\n\r\n" + bytes + "\r\n--XyZ--\r\n";
}

const std::string kMultipartType = "multipart/form-data; boundary=XyZ";

class Verification : public ::testing::Test {
protected:
    TestServer server;
};

TEST_F(Verification, ProgramsGetJsonAndBrowsersAFrenchPage) {
    const auto program = server.get("/v1/verify/" + kIssuedNumber);
    EXPECT_EQ(program.header("Content-Type"), "application/json; charset=utf-8");
    EXPECT_TRUE(json(program)->getValue<bool>("valid"));
    EXPECT_EQ(program.header("Vary"), "Accept");

    const auto page = server.send(browserGet("/v1/verify/" + kIssuedNumber));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_TRUE(shows(page, "<html lang=\"fr\">"));
    EXPECT_TRUE(shows(page, "<h1>Diplôme authentique</h1>"));
    EXPECT_FALSE(shows(page, "<script"));
    EXPECT_TRUE(shows(page, "<label for=\"nom\">Nom de famille du titulaire</label>"));
    EXPECT_NE(page.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);

    const auto unknown = server.send(browserGet("/v1/verify/TP26-999999-X"));
    EXPECT_TRUE(shows(unknown, "<h1>Numéro inconnu</h1>"));
    EXPECT_FALSE(shows(unknown, "name=\"last_name\"")) << "no holder form for a number never issued";
    EXPECT_TRUE(shows(unknown, "name=\"numero\" type=\"text\" required autocomplete=\"off\" "
                               "aria-describedby=\"numero-aide\" value=\"TP26-999999-X\""))
        << "the typed number, to correct it";
}

TEST_F(Verification, KnownAndUnknownNumbersAnswerTheSameKeys) {
    const auto known = json(server.get("/v1/verify/" + kIssuedNumber));
    const auto unknown = json(server.get("/v1/verify/TP26-999999-X"));
    const std::set<std::string> expected{"valid", "status", "reason", "fields", "withdrawal", "holder_match"};
    EXPECT_EQ(keys(known), expected);
    EXPECT_EQ(keys(unknown), expected);
    EXPECT_TRUE(known->isNull("withdrawal"));
    EXPECT_TRUE(unknown->isNull("holder_match"));
}

TEST_F(Verification, TheHolderIsConfirmedNeverShown) {
    const auto matches = server.send(browserPost("/v1/verify/" + kIssuedNumber, "last_name=Lef%C3%A8vre&birth_date=",
                                                 "application/x-www-form-urlencoded"));
    ASSERT_EQ(matches.status, 200) << matches.body;
    EXPECT_TRUE(shows(matches, "<strong>correspondent</strong>"));
    const auto other = server.send(browserPost("/v1/verify/" + kIssuedNumber, "last_name=Martin",
                                               "application/x-www-form-urlencoded"));
    EXPECT_TRUE(shows(other, "<strong>ne correspondent pas</strong>"));
    EXPECT_EQ(other.header("Cache-Control"), "no-store");

    const auto program = server.send(Request{"POST", "/v1/verify/" + kIssuedNumber, "", R"({"last_name":"Martin"})"});
    EXPECT_EQ(json(program)->getValue<std::string>("holder_match"), "does_not_match");
}

TEST_F(Verification, AHolderClaimNeedsANameAndARealBirthDate) {
    const auto no_name = server.send(Request{"POST", "/v1/verify/" + kIssuedNumber, "", R"({"last_name":"  "})"});
    ASSERT_EQ(no_name.status, 400);
    EXPECT_EQ(json(no_name)->getArray("errors")->getObject(0)->getValue<std::string>("pointer"), "/last_name");
    const auto bad_date = server.send(browserPost("/v1/verify/" + kIssuedNumber, "last_name=Martin&birth_date=31/02/1990",
                                                  "application/x-www-form-urlencoded"));
    ASSERT_EQ(bad_date.status, 400);
    EXPECT_TRUE(shows(bad_date, "La date de naissance doit s’écrire JJ/MM/AAAA"));
}

TEST_F(Verification, TheHomeFormLeadsToTheNumbersPage) {
    const auto home = server.send(browserGet("/verify"));
    ASSERT_EQ(home.status, 200);
    EXPECT_TRUE(shows(home, "<h1>Vérifier un titre professionnel</h1>"));
    EXPECT_TRUE(shows(home, "<input id=\"numero\" name=\"numero\""));
    EXPECT_TRUE(shows(home, "enctype=\"multipart/form-data\""));
    const auto typed = server.send(browserGet("/verify?numero=+tp26-000001-k+"));
    EXPECT_EQ(typed.status, 303);
    EXPECT_EQ(typed.header("Location"), "/v1/verify/" + kIssuedNumber);
    const auto empty = server.send(browserGet("/verify?numero="));
    EXPECT_EQ(empty.status, 400);
    EXPECT_TRUE(shows(empty, "Saisissez le numéro du diplôme."));
}

TEST_F(Verification, APictureIsReadOrSaidUnreadable) {
    const auto read = server.send(browserPost("/v1/verify", multipart("photo", "PICTURE OF DC04GOOD"), kMultipartType));
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_TRUE(shows(read, "<h1>Diplôme authentique</h1>"));
    EXPECT_TRUE(shows(read, "<dt>Numéro</dt><dd>" + kIssuedNumber + "</dd>"));
    const auto unreadable = server.send(browserPost("/v1/verify", multipart("photo", "a cat"), kMultipartType));
    EXPECT_TRUE(shows(unreadable, "<h1>Image illisible</h1>"));
    const auto program = server.send(Request{"POST", "/v1/verify", "", multipart("photo", "a cat"), kMultipartType});
    EXPECT_EQ(json(program)->getValue<std::string>("status"), "unreadable_picture");
    const auto no_part = server.send(Request{"POST", "/v1/verify", "", multipart("other", "x"), kMultipartType});
    ASSERT_EQ(no_part.status, 400);
    EXPECT_EQ(json(no_part)->getArray("errors")->getObject(0)->getValue<std::string>("pointer"), "/photo");
}

TEST(VerificationLimits, APictureAboveTheLimitIs413) {
    PublicOptions options;
    options.max_picture_bytes = 1024;
    TestServer server(kMaxBodyBytes, options);
    const auto big = server.send(browserPost("/v1/verify", multipart("photo", std::string(200'000, 'x')), kMultipartType));
    EXPECT_EQ(big.status, 413);
    EXPECT_TRUE(shows(big, "Le fichier envoyé est trop volumineux."));
}

TEST_F(Verification, OnlyTheUdOfThePerimeterOrServiceWithdraws) {
    const std::string body = R"({"date":"2026-03-12","reason":"Fraude à l'examen"})";
    EXPECT_EQ(server.send(withdrawal("", body)).status, 401);
    for (const auto& [profile, perimeter] : std::vector<std::pair<std::string, std::string>>{
             {"CENTRE", "78184280200048"}, {"DISPATCH", "FR"}, {"ACC", "FR"}, {"DIRECCTE", "75"}}) {
        EXPECT_EQ(server.send(withdrawal(tokenFor(profile, perimeter), body)).status, 403) << profile;
    }
    EXPECT_EQ(server.send(withdrawal(tokenFor("UD", "75"), body)).status, 404) << "a UD outside the perimeter";
    EXPECT_EQ(server.send(withdrawal(tokenFor("UD", "33"), body, "TP26-999999-X")).status, 404);
    EXPECT_EQ(server.get("/v1/verify/" + kIssuedNumber).status, 200);
    EXPECT_TRUE(json(server.get("/v1/verify/" + kIssuedNumber))->getValue<bool>("valid")) << "nothing recorded yet";
}

TEST_F(Verification, AWithdrawalNamesItsBadFields) {
    const auto reply = server.send(withdrawal(tokenFor("UD", "33"), R"({"date":"2026-02-30","reason_public":"yes"})"));
    ASSERT_EQ(reply.status, 400);
    const auto errors = json(reply)->getArray("errors");
    ASSERT_EQ(errors->size(), 3u);
    EXPECT_EQ(errors->getObject(0)->getValue<std::string>("pointer"), "/date");
    EXPECT_EQ(errors->getObject(1)->getValue<std::string>("pointer"), "/reason");
    EXPECT_EQ(errors->getObject(2)->getValue<std::string>("pointer"), "/reason_public");
}

TEST_F(Verification, AWithdrawalReasonHoldsNoControlCharacter) {
    for (const std::string reason : {R"(Fraude\u001fCERES-000000001-3)", R"(Fraude\nconstatée)"}) {
        const auto reply =
            server.send(withdrawal(tokenFor("UD", "33"), R"({"date":"2026-03-12","reason":")" + reason + "\"}"));
        ASSERT_EQ(reply.status, 400) << reason;
        const auto error = json(reply)->getArray("errors")->getObject(0);
        EXPECT_EQ(error->getValue<std::string>("pointer"), "/reason");
        EXPECT_NE(error->getValue<std::string>("message").find("control characters"), std::string::npos);
    }
    EXPECT_TRUE(json(server.get("/v1/verify/" + kIssuedNumber))->getValue<bool>("valid")) << "nothing recorded";
}

TEST_F(Verification, AWithdrawalIsRecordedOnceThenVerificationSaysWithdrawn) {
    const std::string body = R"({"date":"2026-03-12","reason":"Fraude à l'examen"})";
    const auto recorded = server.send(withdrawal(tokenFor("UD", "33", "agent-ud33"), body));
    ASSERT_EQ(recorded.status, 201) << recorded.body;
    const auto record = json(recorded);
    EXPECT_EQ(record->getValue<std::string>("date"), "2026-03-12");
    EXPECT_EQ(record->getObject("recorded_by")->getValue<std::string>("user"), "agent-ud33");

    const auto again = server.send(withdrawal(tokenFor("SERVICE", "FR"), R"({"date":"2026-04-01","reason":"x"})"));
    ASSERT_EQ(again.status, 409);
    const auto error = json(again)->getArray("errors")->getObject(0);
    EXPECT_EQ(error->getValue<std::string>("rule"), "R-DOC-7");
    EXPECT_NE(error->getValue<std::string>("message").find("2026-03-12"), std::string::npos);

    const auto program = json(server.get("/v1/verify/" + kIssuedNumber));
    EXPECT_FALSE(program->getValue<bool>("valid"));
    EXPECT_EQ(program->getValue<std::string>("status"), "withdrawn");
    EXPECT_EQ(program->getObject("withdrawal")->getValue<std::string>("date"), "2026-03-12");
    const auto page = server.send(browserGet("/v1/verify/" + kIssuedNumber));
    EXPECT_TRUE(shows(page, "<h1>Diplôme retiré</h1>"));
    EXPECT_TRUE(shows(page, "retiré le 12 mars 2026"));
    EXPECT_TRUE(shows(page, "Motif : Fraude à l&#39;examen"));
}

TEST_F(Verification, TheWithdrawalListIsPublic) {
    const auto list = server.get("/v1/withdrawals");
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(json(list)->getValue<std::string>("format"), "ceres-withdrawals/1");
}

// ---- rate limit ---------------------------------------------------------------------------

TEST(RateLimiter, ABurstThenTheRefillRate) {
    auto now = std::chrono::steady_clock::time_point{};
    RateLimiter limiter({2.0, 3.0, 10}, [&now] { return now; });
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.admit("a")) << i;
    EXPECT_EQ(limiter.admit("a"), 1) << "half a second until the next token, rounded up";
    EXPECT_FALSE(limiter.admit("b")) << "another client has its own bucket";
    now += std::chrono::milliseconds(500);
    EXPECT_FALSE(limiter.admit("a"));
    EXPECT_TRUE(limiter.admit("a"));
    now += std::chrono::seconds(60);
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(limiter.admit("a")) << "the bucket never holds more than the burst";
    EXPECT_TRUE(limiter.admit("a"));
}

TEST(RateLimiter, SlowRatesAskForLongerWaits) {
    auto now = std::chrono::steady_clock::time_point{};
    RateLimiter limiter({1.0 / 60.0, 1.0, 10}, [&now] { return now; });
    EXPECT_FALSE(limiter.admit("a"));
    EXPECT_EQ(limiter.admit("a"), 60);
}

TEST(RateLimiter, BeyondTheTrackedClientsNewcomersShareOneBucket) {
    auto now = std::chrono::steady_clock::time_point{};
    RateLimiter limiter({1.0, 1.0, 2}, [&now] { return now; });
    EXPECT_FALSE(limiter.admit("a"));
    EXPECT_FALSE(limiter.admit("b"));
    EXPECT_FALSE(limiter.admit("c"));
    EXPECT_TRUE(limiter.admit("d")) << "c and d share the overflow bucket";
    now += std::chrono::seconds(5);
    EXPECT_FALSE(limiter.admit("e")) << "idle full buckets are forgotten";
}

TEST(RateLimiter, AZeroRateIsNoLimit) {
    RateLimiter limiter({0.0, 1.0, 10});
    for (int i = 0; i < 100; ++i) EXPECT_FALSE(limiter.admit("a"));
}

// 1,000 requests within a second from one address: the burst and what refills meanwhile pass,
// the rest get 429 with Retry-After; another address is not slowed down.
TEST(VerificationLimits, AFloodFromOneAddressGets429AnotherAddressDoesNot) {
    PublicOptions options;
    options.rate_limit = {5.0, 20.0, 1000};
    TestServer server(kMaxBodyBytes, options);
    const Request verify{"GET", "/v1/verify/" + kIssuedNumber};
    const auto start = std::chrono::steady_clock::now();
    const auto replies = sendMany(server.port(), "127.0.0.2", verify, 1000);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    int ok = 0, limited = 0;
    for (const auto& reply : replies) {
        if (reply.status == 200) ++ok;
        if (reply.status != 429) continue;
        ++limited;
        EXPECT_GE(std::stoi(reply.header("Retry-After")), 1);
    }
    std::cout << "1000 requests in " << seconds << " s: " << ok << " x 200, " << limited << " x 429\n";
    EXPECT_EQ(ok + limited, 1000);
    EXPECT_GE(ok, 20);
    EXPECT_LE(ok, 20 + static_cast<int>(5.0 * seconds) + 1);
    if (seconds <= 1.0) {
        EXPECT_GE(limited, 950);
    }
    const auto last = replies.back();
    EXPECT_EQ(json(last)->getArray("errors")->getObject(0)->getValue<std::string>("rule"), "rate_limit");

    Request other = verify;
    other.source_address = "127.0.0.3";
    EXPECT_EQ(server.send(other).status, 200);
    EXPECT_EQ(server.get("/healthz").status, 200) << "liveness is not limited";
}

TEST(VerificationLimits, ABrowserOverTheLimitGetsAPage) {
    PublicOptions options;
    options.rate_limit = {0.001, 1.0, 10};
    TestServer server(kMaxBodyBytes, options);
    EXPECT_EQ(server.send(browserGet("/verify")).status, 200);
    const auto limited = server.send(browserGet("/verify"));
    EXPECT_EQ(limited.status, 429);
    EXPECT_TRUE(shows(limited, "<h1>Trop de demandes</h1>"));
    EXPECT_FALSE(limited.header("Retry-After").empty());
}

// ---- trusted proxies ------------------------------------------------------------------------

Poco::Net::IPAddress ip(const std::string& text) { return Poco::Net::IPAddress(text); }

TEST(TrustedProxies, NoneByDefaultSoTheHeaderIsIgnored) {
    const TrustedProxies none;
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(none.clientOf(ip("10.0.0.5"), "203.0.113.7"), "10.0.0.5");
    EXPECT_TRUE(TrustedProxies::parse(" , ").empty());
}

TEST(TrustedProxies, BehindATrustedProxyTheClientIsTheRightmostUntrustedHop) {
    const auto proxies = TrustedProxies::parse("10.0.0.5, 192.168.0.0/16, fd00::/8");
    EXPECT_EQ(proxies.clientOf(ip("10.0.0.5"), "203.0.113.7"), "203.0.113.7");
    // What the client wrote itself (the leftmost, forged) is passed over.
    EXPECT_EQ(proxies.clientOf(ip("10.0.0.5"), "1.2.3.4, 203.0.113.7, 192.168.4.4"), "203.0.113.7");
    EXPECT_EQ(proxies.clientOf(ip("fd00::1"), "2001:db8::9"), "2001:db8::9");
    EXPECT_EQ(proxies.clientOf(ip("::ffff:10.0.0.5"), "203.0.113.7"), "203.0.113.7") << "IPv4-mapped peer";
    // Not from a trusted proxy: the header proves nothing.
    EXPECT_EQ(proxies.clientOf(ip("10.0.0.6"), "203.0.113.7"), "10.0.0.6");
    // No header, or garbage in it: the nearest address that can be told.
    EXPECT_EQ(proxies.clientOf(ip("10.0.0.5"), ""), "10.0.0.5");
    EXPECT_EQ(proxies.clientOf(ip("10.0.0.5"), "unknown, 203.0.113.7"), "203.0.113.7");
    EXPECT_EQ(proxies.clientOf(ip("10.0.0.5"), "203.0.113.7, <script>"), "10.0.0.5");
    EXPECT_EQ(proxies.clientOf(ip("10.0.0.5"), "192.168.1.1"), "192.168.1.1") << "only proxies: the farthest";
}

TEST(TrustedProxies, ABadEntryIsNamed) {
    for (const std::string bad : {"10.0.0.300", "proxy.example", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/x"}) {
        try {
            TrustedProxies::parse("10.0.0.5," + bad);
            ADD_FAILURE() << bad << " accepted";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find("'" + bad + "'"), std::string::npos) << e.what();
        }
    }
    EXPECT_TRUE(TrustedProxies::parse("0.0.0.0/0").contains(ip("203.0.113.7")));
    EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/8").contains(ip("11.0.0.1")));
    EXPECT_TRUE(TrustedProxies::parse("10.0.0.0/8").contains(ip("10.255.0.1")));
}

// Behind a trusted proxy on 127.0.0.2, clients it names get buckets of their own; the same
// header from an address that is not a trusted proxy changes nothing.
TEST(VerificationLimits, BehindATrustedProxyEachForwardedClientHasItsOwnBucket) {
    PublicOptions options;
    options.rate_limit = {0.001, 2.0, 1000};
    options.trusted_proxies = TrustedProxies::parse("127.0.0.2");
    TestServer server(kMaxBodyBytes, options);
    const auto from = [&](const std::string& peer, const std::string& forwarded) {
        Request r{"GET", "/v1/verify/" + kIssuedNumber};
        r.source_address = peer;
        if (!forwarded.empty()) r.headers["X-Forwarded-For"] = forwarded;
        return server.send(r).status;
    };
    EXPECT_EQ(from("127.0.0.2", "203.0.113.7"), 200);
    EXPECT_EQ(from("127.0.0.2", "203.0.113.7"), 200);
    EXPECT_EQ(from("127.0.0.2", "203.0.113.7"), 429) << "203.0.113.7 used its burst";
    EXPECT_EQ(from("127.0.0.2", "203.0.113.8"), 200) << "another client behind the same proxy";
    EXPECT_EQ(from("127.0.0.2", "9.9.9.9, 203.0.113.7"), 429) << "a forged leftmost address does not help";

    // Not a trusted proxy: its header is ignored and its own address is counted.
    EXPECT_EQ(from("127.0.0.3", "198.51.100.1"), 200);
    EXPECT_EQ(from("127.0.0.3", "198.51.100.2"), 200);
    EXPECT_EQ(from("127.0.0.3", "198.51.100.3"), 429);
}

TEST(VerificationLimits, WithoutTrustedProxiesXForwardedForIsIgnored) {
    PublicOptions options;
    options.rate_limit = {0.001, 1.0, 1000};
    TestServer server(kMaxBodyBytes, options);
    Request r{"GET", "/v1/verify/" + kIssuedNumber};
    r.source_address = "127.0.0.4";
    r.headers["X-Forwarded-For"] = "203.0.113.1";
    EXPECT_EQ(server.send(r).status, 200);
    r.headers["X-Forwarded-For"] = "203.0.113.2";
    EXPECT_EQ(server.send(r).status, 429);
}

}  // namespace
}  // namespace ceres::http::testing
