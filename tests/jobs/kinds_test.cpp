// The one table of kinds against what callers see: the envelope schema's kinds, the typed payload a
// reference job becomes once checked, and who may see its documents.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "jobs/kinds.h"
#include "jobs/pipeline.h"

namespace fs = std::filesystem;
namespace jobs = ceres::jobs;
namespace domain = ceres::domain;

namespace {

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const jobs::Pipeline& pipeline() {
    static jobs::Pipeline p([] {
        jobs::Context c;
        c.resources = CERES_SOURCE_DIR;
        return c;
    }());
    return p;
}

std::string sample(const std::string& name) { return readFile(fs::path(CERES_SOURCE_DIR) / "samples" / name); }

jobs::Job checkedJob(const std::string& text) {
    auto checked = pipeline().check(text);
    EXPECT_EQ(checked.outcome.verdict, jobs::Verdict::Done) << jobs::problemsToJson(checked.outcome.problems);
    EXPECT_TRUE(checked.job.has_value());
    return checked.job ? std::move(*checked.job) : jobs::Job{};
}

}  // namespace

TEST(KindTable, NamesTheKindsOfTheEnvelopeSchemaEachOnceInTheOrderOfTheEnum) {
    const auto schema = Poco::JSON::Parser()
                            .parse(readFile(fs::path(CERES_SOURCE_DIR) / "schemas" / "job.schema.json"))
                            .extract<Poco::JSON::Object::Ptr>();
    const auto names = schema->getObject("properties")->getObject("kind")->getArray("enum");
    std::set<std::string> from_schema;
    for (const auto& name : *names) from_schema.insert(name.convert<std::string>());
    std::set<std::string> from_table;
    for (std::size_t i = 0; i < jobs::kindTable().size(); ++i) {
        const auto& spec = jobs::kindTable()[i];
        EXPECT_EQ(static_cast<std::size_t>(spec.kind), i) << spec.name;
        EXPECT_EQ(jobs::kindNamed(spec.name), spec.kind);
        EXPECT_EQ(jobs::nameOf(spec.kind), spec.name);
        EXPECT_TRUE(fs::exists(fs::path(CERES_SOURCE_DIR) / "schemas" / (std::string(spec.name) + ".schema.json")))
            << spec.name;
        from_table.emplace(spec.name);
    }
    EXPECT_EQ(from_table, from_schema);
    EXPECT_FALSE(jobs::kindNamed("session-results").has_value());
    EXPECT_FALSE(jobs::kindNamed("").has_value());
}

TEST(KindTable, ACentreMaySubmitConvocationsDteRequestsAndJurorExportsOnly) {
    std::set<std::string> centre;
    for (const auto& spec : jobs::kindTable())
        if (spec.centre_may_submit) centre.emplace(spec.name);
    EXPECT_EQ(centre, (std::set<std::string>{"convocations", "dte_request", "juror_export"}));
}

TEST(TypedJob, EachReferenceJobIsCheckedOnceIntoItsKindsPayload) {
    const auto session = checkedJob(sample("session-results.json"));
    ASSERT_EQ(session.kind, jobs::Kind::SessionResults);
    const auto& results = jobs::payloadAs<domain::SessionResultsPayload>(session);
    EXPECT_FALSE(results.candidates.empty());
    EXPECT_EQ(session.requested_by.profile, domain::Profile::Service);

    EXPECT_EQ(checkedJob(sample("convocations.json")).payload.index(), static_cast<std::size_t>(jobs::Kind::Convocations));
    EXPECT_EQ(checkedJob(sample("dte-request.json")).kind, jobs::Kind::DteRequest);
    EXPECT_EQ(checkedJob(sample("parchemins-reprint.json")).kind, jobs::Kind::ParcheminsReprint);
    EXPECT_EQ(checkedJob(sample("print-batch.json")).kind, jobs::Kind::PrintBatch);
    const auto jurors = checkedJob(sample("juror-export.json"));
    ASSERT_EQ(jurors.kind, jobs::Kind::JurorExport);
    EXPECT_FALSE(jobs::payloadAs<domain::JurorExportPayload>(jurors).jurors.empty());
    const auto dashboard = checkedJob(sample("dashboard.json"));
    ASSERT_EQ(dashboard.kind, jobs::Kind::Dashboard);
    EXPECT_THROW(jobs::payloadAs<domain::SessionResultsPayload>(dashboard), std::bad_variant_access);
}

TEST(TypedJob, TheDocumentsGetTheNamesAsRCan1WritesThemTheRulesReadThemAsSent) {
    auto root = Poco::JSON::Parser().parse(sample("session-results.json")).extract<Poco::JSON::Object::Ptr>();
    auto first = root->getObject("payload")->getArray("candidates")->getObject(0);
    first->set("first_name", "Jean\u2014\u2014Christophe");
    std::ostringstream text;
    root->stringify(text);
    const auto job = checkedJob(text.str());
    const auto& candidate = jobs::payloadAs<domain::SessionResultsPayload>(job).candidates.front();
    EXPECT_EQ(candidate.first_name, "Jean-Christophe");
}

TEST(TypedJob, ThePerimeterComesFromTheTypedPayload) {
    const auto session = pipeline().validate(sample("session-results.json"));
    EXPECT_EQ(session.perimeter.ud_code, "33");
    EXPECT_EQ(session.perimeter.region, "75");
    EXPECT_EQ(session.perimeter.siret.size(), 14u);
    const auto batch = pipeline().validate(sample("print-batch.json"));
    EXPECT_EQ(batch.perimeter.ud_code, "33");
    EXPECT_TRUE(batch.perimeter.siret.empty());
    const auto jurors = pipeline().validate(sample("juror-export.json"));
    EXPECT_TRUE(jurors.perimeter.ud_code.empty());
    EXPECT_EQ(jurors.perimeter.siret.size(), 14u);
}

TEST(TypedJob, AdmissionSeesTheClaimsBeforeAnyCheckAndMayTurnTheJobAway) {
    jobs::Claims seen;
    const auto checked = pipeline().check(R"({"kind":"dte_request","payload":{"centre":{"siret":"12345678901234"}},)"
                                          R"("requested_by":{"user":"u","profile":"CENTRE","perimeter":"7"}})",
                                          [&](const jobs::Claims& claims) { seen = claims; });
    // The payload is far from valid: the claims were read all the same, then the schema answered.
    EXPECT_EQ(seen.kind, "dte_request");
    EXPECT_EQ(seen.centre_siret, "12345678901234");
    EXPECT_EQ(seen.user, "u");
    EXPECT_EQ(seen.profile, "CENTRE");
    EXPECT_EQ(seen.perimeter, "7");
    EXPECT_EQ(checked.outcome.verdict, jobs::Verdict::Invalid);
    EXPECT_FALSE(checked.job.has_value());
    EXPECT_THROW(pipeline().check(sample("dte-request.json"),
                                  [](const jobs::Claims&) { throw std::runtime_error("turned away"); }),
                 std::runtime_error);
}
