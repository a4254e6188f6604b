// The auth rules of CONTRACT.md against the real `serve` (embedded SQLite): 401 without a valid
// token, 403 for an endpoint the profile may never use, 404 for a resource outside the caller's
// perimeter, public verify / healthz / metrics. One row per case; a failure names its row.
#include <Poco/Crypto/ECKey.h>
#include <Poco/JSON/Array.h>

#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "harness.h"

namespace ceres::service_test {
namespace {

using Poco::JSON::Object;

// Two perimeters: the samples' own (Gironde: UD 33, region 75, centre 78184280200048) and a
// copy moved to the Rhône (UD 69, region 84, centre 73282932000074).
constexpr const char* kGirondeCentre = "78184280200048";
constexpr const char* kRhoneCentre = "73282932000074";
constexpr const char* kRhoneSession = "TITRE_T_2026_690001";

Object::Ptr rhoneSessionResults() {
    auto job = sampleJob("session-results.json");
    job->set("idempotency_key", "service-test/rhone/results/1");
    auto payload = job->getObject("payload");
    Object::Ptr ud = new Object;
    ud->set("code", "69");
    ud->set("name", "DDETS du Rhône");
    ud->set("region", "84");
    ud->set("commune", "Lyon");
    payload->set("ud", ud);
    Object::Ptr centre = new Object;
    centre->set("siret", kRhoneCentre);
    centre->set("name", "Centre de formation de Lyon");
    centre->set("type", "AUTRE");
    payload->set("centre", centre);
    Object::Ptr site = new Object;
    site->set("name", "Lyon Gerland");
    site->set("address", "5 rue de Gerland");
    site->set("postal_code", "69007");
    site->set("commune", "Lyon");
    site->set("insee", "69387");
    payload->set("site", site);
    auto session = payload->getObject("session");
    session->set("id", kRhoneSession);
    auto candidates = payload->getArray("candidates");
    for (std::size_t i = 0; i < candidates->size(); ++i) {
        auto candidate = candidates->getObject(static_cast<unsigned>(i));
        candidate->set("id", "C-69000" + std::to_string(i));
    }
    return job;
}

// The sample dashboard as the control agents of `perimeter` see it.
Object::Ptr accDashboard(const std::string& perimeter) {
    auto job = sampleJob("dashboard.json");
    job->set("idempotency_key", "service-test/auth/dashboard/ACC/" + perimeter);
    auto payload = job->getObject("payload");
    payload->set("profile", "ACC");
    payload->set("perimeter", perimeter);
    return job;
}

Object::Ptr withKey(Object::Ptr job, const std::string& key) {
    job->set("idempotency_key", key);
    return job;
}

std::string documentOfKind(const Object::Ptr& job, const std::string& kind, const std::string& field = "id") {
    const auto documents = job->getArray("documents");
    for (std::size_t i = 0; i < documents->size(); ++i) {
        const auto d = documents->getObject(static_cast<unsigned>(i));
        if (d->getValue<std::string>("kind") == kind) return d->getValue<std::string>(field);
    }
    throw std::runtime_error("job " + job->getValue<std::string>("id") + " has no " + kind + " document");
}

struct Case {
    Case(std::string caller, std::string method, std::string path, std::string what, int expected, std::string body = {})
        : caller(std::move(caller)), method(std::move(method)), path(std::move(path)), what(std::move(what)),
          expected(expected), body(std::move(body)) {}
    std::string caller;  // a key of the test's callers
    std::string method;
    std::string path;
    std::string what;    // the endpoint and resource, for the case's name
    int expected;
    std::string body;
};

class ServiceAuthMatrix : public ServiceTest {
protected:
    using Authorizations = std::map<std::string, std::optional<std::string>>;

    void expectAll(const std::vector<Case>& cases, const Authorizations& callers) {
        for (const auto& c : cases) {
            const std::string name = c.caller + " | " + c.method + " " + c.what + " -> " + std::to_string(c.expected);
            SCOPED_TRACE(name);
            const HttpResponse r = call(port(), c.method, c.path, callers.at(c.caller), c.body);
            EXPECT_EQ(r.status, c.expected) << name << "\n  body: " << r.body.substr(0, 300);
            if (r.status == 401) {
                EXPECT_EQ(r.headers.count("WWW-Authenticate"), 1u) << name;
            }
        }
    }

    static std::string token(const std::string& sub, const std::string& profile, const std::string& perimeter) {
        return bearer(hs256Token(kJwtKey, {sub, profile, perimeter}));
    }

    std::string dteJob() { return jsonText(withKey(sampleJob("dte-request.json"), "service-test/auth/" + std::to_string(++keys_))); }

    int keys_ = 0;
};

TEST_F(ServiceAuthMatrix, EveryBadTokenIsRefusedWith401OnEveryProtectedEndpoint) {
    // An ES256 key accepted through CERES_JWT_PUBLIC_KEYS, and one that is not.
    const Poco::Crypto::ECKey configured("prime256v1"), stranger("prime256v1");
    const fs::path pem = dir() / "jwt-es256-public.pem";
    {
        std::ofstream out(pem);
        configured.save(&out);
    }
    startServe("serve", 0, {{"CERES_JWT_PUBLIC_KEYS", pem.string()}});

    const Claims service{"svc-test", "SERVICE", "FR"};
    Claims expired = service;
    expired.expires_in = std::chrono::seconds(-60);
    Claims no_exp = service;
    no_exp.expires_in = std::nullopt;
    // A CENTRE token whose payload is swapped for a SERVICE one, signature kept.
    const std::string centre = hs256Token(kJwtKey, {"centre-fcmb", "CENTRE", kGirondeCentre});
    const std::string promoted = hs256Token(kJwtKey, service);
    const auto dot = [](const std::string& t, int n) { return n == 1 ? t.find('.') : t.rfind('.'); };
    const std::string tampered = centre.substr(0, dot(centre, 1)) +
                                 promoted.substr(dot(promoted, 1), dot(promoted, 2) - dot(promoted, 1)) +
                                 centre.substr(dot(centre, 2));

    const Authorizations callers{
        {"no Authorization header", std::nullopt},
        {"expired HS256", bearer(hs256Token(kJwtKey, expired))},
        {"HS256 without exp", bearer(hs256Token(kJwtKey, no_exp))},
        {"alg none", bearer(unsignedToken(service))},
        {"HS256 signed with another key", bearer(hs256Token("some-other-key-0123456789abcdef", service))},
        {"ES256 signed with an unconfigured key", bearer(es256Token(stranger, service))},
        {"unknown profile", bearer(hs256Token(kJwtKey, {"svc-test", "ADMIN", "FR"}))},
        {"payload tampered after signing", bearer(tampered)},
        {"not a JWT", "Bearer not.a.jwt"},
        {"SERVICE outside FR", bearer(hs256Token(kJwtKey, {"svc-test", "SERVICE", "33"}))},
        {"DISPATCH outside FR", bearer(hs256Token(kJwtKey, {"svc-dispatch", "DISPATCH", "75"}))},
        {"CENTRE with a department for SIRET", bearer(hs256Token(kJwtKey, {"centre-fcmb", "CENTRE", "33"}))},
        {"UD with a SIRET for department", bearer(hs256Token(kJwtKey, {"agent", "UD", kGirondeCentre}))},
        {"otherwise valid HS256 with a fourth part", bearer(hs256Token(kJwtKey, service) + ".AAAA")},
        {"otherwise valid HS256 padded with =", bearer(hs256Token(kJwtKey, service) + "=")},
        {"Basic scheme", "Basic c3ZjLXRlc3Q6c2VjcmV0"},
        {"valid HS256", bearer(hs256Token(kJwtKey, service))},
        {"valid ES256 (configured key)", bearer(es256Token(configured, service))},
    };
    struct Endpoint {
        std::string method, path, what;
        bool has_body;
        int when_authenticated;  // nothing exists in this empty service: 404, or 202 for a submission
    };
    const std::vector<Endpoint> endpoints{
        {"POST", "/v1/jobs", "/v1/jobs (submit)", true, 202},
        {"GET", "/v1/jobs/job_none", "/v1/jobs/{id}", false, 404},
        {"GET", "/v1/documents/doc_none", "/v1/documents/{id}", false, 404},
        {"GET", "/v1/sessions/NONE/documents", "/v1/sessions/{id}/documents", false, 404},
        {"GET", "/v1/print-batches/batch_none", "/v1/print-batches/{id}", false, 404},
        {"POST", "/v1/print-batches/batch_none/ack", "/v1/print-batches/{id}/ack", false, 404},
    };
    std::vector<Case> cases;
    for (const auto& [caller, authorization] : callers) {
        const bool valid = caller.rfind("valid ", 0) == 0;
        for (const auto& e : endpoints) {
            cases.push_back({caller, e.method, e.path, e.what, valid ? e.when_authenticated : 401,
                             e.has_body ? dteJob() : ""});
        }
    }
    expectAll(cases, callers);
}

TEST_F(ServiceAuthMatrix, EachProfileOnEachEndpointInAndOutOfItsPerimeter) {
    startServe("serve", 2);
    // The SERVICE token as a backend gets it in development: from `ceres-docs token`.
    std::string printed;
    const ExitStatus issued =
        runCommand("token", {"token", "--profile", "SERVICE", "--perimeter", "FR", "--sub", "svc-test"}, printed);
    ASSERT_TRUE(issued.exited && issued.code == 0) << issued.describe();
    ASSERT_EQ(printed.find('\n'), printed.size() - 1) << "the token alone on one line: " << printed;
    const std::string service = printed.substr(0, printed.size() - 1);
    const std::string gironde_centre = hs256Token(kJwtKey, {"centre-fcmb", "CENTRE", kGirondeCentre});

    // The world: results of a Gironde and a Rhône session, the Gironde centre's convocations
    // (submitted by the centre itself), then the print batch of the Gironde parchemins.
    const std::string gironde_job = submit(service, sampleJob("session-results.json"));
    const std::string rhone_job = submit(service, rhoneSessionResults());
    const std::string centre_job = submit(gironde_centre, sampleJob("convocations.json"));
    // The centre's DTE request, done before anything is listed: the session list read below
    // shows it (the DTE jobs the matrix submits may still be queued then).
    const std::string centre_dte_job = submit(gironde_centre, withKey(sampleJob("dte-request.json"), "service-test/auth/centre-dte"));
    // Dashboards: the sample's (UD 33) and one of the control agents of the Gironde.
    const std::string ud_dashboard_job = submit(service, sampleJob("dashboard.json"));
    const std::string acc_dashboard_job = submit(service, accDashboard("33"));
    waitForDone(service, {gironde_job, rhone_job, centre_job, centre_dte_job, ud_dashboard_job, acc_dashboard_job});
    const std::string batch_job = submit(service, sampleJob("print-batch.json"));
    waitForDone(service, {batch_job});

    const auto gironde = jobStatus(service, gironde_job);
    const std::string gironde_session = sampleJob("session-results.json")->getObject("payload")->getObject("session")->getValue<std::string>("id");
    const std::string gironde_pv = documentOfKind(gironde, "pv_general");
    const std::string parchemin_number = documentOfKind(gironde, "parchemin", "unique_number");
    const std::string rhone_pv = documentOfKind(jobStatus(service, rhone_job), "pv_general");
    const std::string convocation = documentOfKind(jobStatus(service, centre_job), "convocation");
    const std::string ud_dashboard = documentOfKind(jobStatus(service, ud_dashboard_job), "dashboard_pdf");
    const std::string acc_dashboard = documentOfKind(jobStatus(service, acc_dashboard_job), "dashboard_xlsx");
    const auto batch = jobStatus(service, batch_job);
    const std::string batch_pdf = documentOfKind(batch, "print_batch");
    const std::string batch_file = documentOfKind(batch, "print_batch", "file_name");
    const auto batch_at = batch_file.rfind("_batch_");
    ASSERT_NE(batch_at, std::string::npos) << batch_file;
    const std::string batch_id = batch_file.substr(batch_at + 1, batch_file.size() - batch_at - 1 - 4);  // ".pdf"

    const Authorizations callers{
        {"anonymous", std::nullopt},
        {"SERVICE FR", bearer(service)},
        {"DISPATCH FR", token("svc-dispatch", "DISPATCH", "FR")},
        {"UD 33", token("agent.ud33", "UD", "33")},
        {"UD 69", token("agent.ud69", "UD", "69")},
        {"DIRECCTE 75", token("agent.dreets75", "DIRECCTE", "75")},
        {"DIRECCTE 84", token("agent.dreets84", "DIRECCTE", "84")},
        {"CENTRE Gironde", bearer(gironde_centre)},
        {"CENTRE Rhône", token("centre-lyon", "CENTRE", kRhoneCentre)},
        {"CENTRE Rhône, the Gironde centre's sub", token("centre-fcmb", "CENTRE", kRhoneCentre)},
        {"ACC 33", token("acc.33", "ACC", "33")},
        {"ACC 69", token("acc.69", "ACC", "69")},
        {"ACC FR", token("acc.national", "ACC", "FR")},
    };
    std::vector<Case> cases;

    // Documents and session lists, per perimeter: 404 outside it, never 403.
    struct PerimeterRule {
        std::string caller;
        int gironde_pv;
        int gironde_convocation;
        int rhone_pv;
        int print_batch;
    };
    // Every document of a job carries the job's UD, region and centre. A centre reads only the
    // convocations, DTE requests and juror exports (CONTRACT.md): the PVs of its own session are
    // not found for it, and its session's list shows the convocations alone; the Rhône centre,
    // with no such document, finds no Rhône session. A print batch names only its UD, so neither
    // a DIRECCTE nor a centre sees it. DISPATCH reads print batches and nothing else; ACC reads
    // dashboards and nothing else.
    const std::vector<PerimeterRule> perimeter_rules{
        {"anonymous", 401, 401, 401, 401},      {"SERVICE FR", 200, 200, 200, 200},
        {"DISPATCH FR", 404, 404, 404, 200},    {"UD 33", 200, 200, 404, 200},
        {"UD 69", 404, 404, 200, 404},          {"DIRECCTE 75", 200, 200, 404, 404},
        {"DIRECCTE 84", 404, 404, 200, 404},    {"CENTRE Gironde", 404, 200, 404, 404},
        {"CENTRE Rhône", 404, 404, 404, 404},   {"ACC 33", 404, 404, 404, 404},
        {"ACC 69", 404, 404, 404, 404},         {"ACC FR", 404, 404, 404, 404},
    };
    for (const auto& rule : perimeter_rules) {
        cases.push_back({rule.caller, "GET", "/v1/documents/" + gironde_pv, "Gironde PV général", rule.gironde_pv});
        cases.push_back({rule.caller, "GET", "/v1/documents/" + convocation, "Gironde convocation",
                         rule.gironde_convocation});
        cases.push_back({rule.caller, "GET", "/v1/documents/" + rhone_pv, "Rhône PV général", rule.rhone_pv});
        cases.push_back({rule.caller, "GET", "/v1/sessions/" + gironde_session + "/documents", "Gironde session documents",
                         rule.gironde_convocation});
        cases.push_back({rule.caller, "GET", "/v1/sessions/" + std::string(kRhoneSession) + "/documents",
                         "Rhône session documents", rule.rhone_pv});
        cases.push_back({rule.caller, "GET", "/v1/documents/" + batch_pdf, "Gironde print batch PDF", rule.print_batch});
    }
    // Dashboards: ACC of the department or of France; the UD of the department; nobody else.
    const std::map<std::string, int> dashboard_rules{
        {"anonymous", 401}, {"SERVICE FR", 200}, {"DISPATCH FR", 404}, {"UD 33", 200}, {"UD 69", 404},
        {"DIRECCTE 84", 404}, {"CENTRE Rhône", 404}, {"ACC 33", 200}, {"ACC 69", 404}, {"ACC FR", 200},
    };
    for (const auto& [caller, expected] : dashboard_rules) {
        cases.push_back({caller, "GET", "/v1/documents/" + ud_dashboard, "UD 33 dashboard", expected});
        cases.push_back({caller, "GET", "/v1/documents/" + acc_dashboard, "ACC 33 dashboard", expected});
    }
    cases.push_back({"SERVICE FR", "GET", "/v1/documents/doc_none", "unknown document", 404});
    cases.push_back({"SERVICE FR", "GET", "/v1/sessions/NONE/documents", "unknown session", 404});

    // Jobs: SERVICE submits and reads everything; a CENTRE submits its three kinds for its own
    // SIRET and reads its own jobs; every other profile is refused the endpoint.
    cases.push_back({"anonymous", "POST", "/v1/jobs", "submit DTE", 401, dteJob()});
    cases.push_back({"SERVICE FR", "POST", "/v1/jobs", "submit DTE", 202, dteJob()});
    cases.push_back({"SERVICE FR", "POST", "/v1/jobs", "submit session results again (same idempotency key)", 200,
                     jsonText(sampleJob("session-results.json"))});
    cases.push_back({"CENTRE Gironde", "POST", "/v1/jobs", "submit DTE for its own centre", 202, dteJob()});
    cases.push_back({"CENTRE Rhône", "POST", "/v1/jobs", "submit DTE for another centre", 403, dteJob()});
    cases.push_back({"CENTRE Gironde", "POST", "/v1/jobs", "submit session results", 403,
                     jsonText(withKey(sampleJob("session-results.json"), "service-test/auth/centre-results"))});
    for (const char* caller : {"DISPATCH FR", "UD 33", "DIRECCTE 75", "ACC 33", "ACC FR"})
        cases.push_back({caller, "POST", "/v1/jobs", "submit DTE", 403, dteJob()});

    cases.push_back({"anonymous", "GET", "/v1/jobs/" + centre_job, "the Gironde centre's job", 401});
    cases.push_back({"SERVICE FR", "GET", "/v1/jobs/" + centre_job, "the Gironde centre's job", 200});
    cases.push_back({"CENTRE Gironde", "GET", "/v1/jobs/" + centre_job, "its own job", 200});
    cases.push_back({"CENTRE Rhône", "GET", "/v1/jobs/" + centre_job, "another centre's job", 404});
    cases.push_back({"CENTRE Rhône, the Gironde centre's sub", "GET", "/v1/jobs/" + centre_job,
                     "a job of the same sub under another SIRET", 404});
    cases.push_back({"CENTRE Gironde", "GET", "/v1/jobs/" + gironde_job, "a SERVICE job of its session", 404});
    cases.push_back({"SERVICE FR", "GET", "/v1/jobs/job_none", "unknown job", 404});
    for (const char* caller : {"DISPATCH FR", "UD 33", "DIRECCTE 75", "ACC 33", "ACC FR"})
        cases.push_back({caller, "GET", "/v1/jobs/" + centre_job, "the Gironde centre's job", 403});

    // Print batches: the dispatch service and SERVICE only; acknowledging twice is harmless.
    for (const char* caller : {"UD 33", "DIRECCTE 75", "CENTRE Gironde", "ACC 33", "ACC FR"}) {
        cases.push_back({caller, "GET", "/v1/print-batches/" + batch_id, "Gironde print batch", 403});
        cases.push_back({caller, "POST", "/v1/print-batches/" + batch_id + "/ack", "acknowledge Gironde print batch", 403});
    }
    cases.push_back({"anonymous", "GET", "/v1/print-batches/" + batch_id, "Gironde print batch", 401});
    cases.push_back({"anonymous", "POST", "/v1/print-batches/" + batch_id + "/ack", "acknowledge Gironde print batch", 401});
    for (const char* caller : {"DISPATCH FR", "SERVICE FR"}) {
        cases.push_back({caller, "GET", "/v1/print-batches/" + batch_id, "Gironde print batch", 200});
        cases.push_back({caller, "POST", "/v1/print-batches/" + batch_id + "/ack", "acknowledge Gironde print batch", 200});
        cases.push_back({caller, "GET", "/v1/print-batches/batch_none", "unknown print batch", 404});
        cases.push_back({caller, "POST", "/v1/print-batches/batch_none/ack", "acknowledge unknown print batch", 404});
    }

    // Public: verify, liveness and metrics need no token.
    cases.push_back({"anonymous", "GET", "/v1/verify/" + parchemin_number, "verify an issued number", 200});
    cases.push_back({"anonymous", "GET", "/v1/verify/CERES-000000001-0", "verify a mistyped number", 200});
    cases.push_back({"anonymous", "POST", "/v1/verify", "verify barcode content", 200, R"({"code":"DC04CE00"})"});
    cases.push_back({"anonymous", "GET", "/healthz", "liveness", 200});
    cases.push_back({"anonymous", "GET", "/metrics", "metrics", 200});
    cases.push_back({"UD 33", "GET", "/healthz", "liveness", 200});

    expectAll(cases, callers);

    // What the 200s said.
    const auto verified = call(port(), "GET", "/v1/verify/" + parchemin_number).json();
    EXPECT_TRUE(verified->getValue<bool>("valid")) << jsonText(verified);
    const auto batch_view = call(port(), "GET", "/v1/print-batches/" + batch_id, callers.at("DISPATCH FR")).json();
    EXPECT_TRUE(batch_view->getValue<bool>("acknowledged")) << jsonText(batch_view);
    const auto listed = call(port(), "GET", "/v1/sessions/" + gironde_session + "/documents", callers.at("UD 33")).json();
    EXPECT_GT(listed->getArray("documents")->size(), 1u) << jsonText(listed);
    const auto centre_list = call(port(), "GET", "/v1/sessions/" + gironde_session + "/documents",
                                  callers.at("CENTRE Gironde")).json();
    std::set<std::string> centre_kinds;
    for (const auto& document : *centre_list->getArray("documents"))
        centre_kinds.insert(document.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("kind"));
    // Its convocations and the DTE request it submitted above, no PV and no parchemin.
    EXPECT_EQ(centre_kinds, (std::set<std::string>{"convocation", "convocations_merged", "dte_request"}))
        << jsonText(centre_list);
}

}  // namespace
}  // namespace ceres::service_test
