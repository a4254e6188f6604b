// Whole-job checks on the reference examples (contract/examples/*.json) and on variations that
// each break one rule; the subject of every violation is a JSON Pointer into the payload.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/job_checks.h"
#include "domain/parchemin_number.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

// True when `outcome` holds a violation with this rule at this pointer.
bool refuses(const Outcome& outcome, const std::string& rule, const std::string& pointer) {
    return std::any_of(outcome.violations.begin(), outcome.violations.end(),
                       [&](const Violation& v) { return v.rule == rule && v.subject == pointer; });
}

std::string dump(const Outcome& outcome) {
    std::string text;
    for (const Violation& v : outcome.violations) text += v.rule + " " + v.subject + " " + v.message + "\n";
    for (const Violation& w : outcome.warnings) text += "warning " + w.rule + " " + w.subject + " " + w.message + "\n";
    return text;
}

TEST(ReferenceExamples, AllSixPassTheirCheck) {
    for (const Outcome& outcome :
         {checkSessionResults(test::sessionResultsExample()), checkConvocations(test::convocationsExample()),
          checkDteRequest(test::dteRequestExample()), checkParcheminsReprint(test::parcheminsReprintExample()),
          checkJurorExport(test::jurorExportExample()), checkDashboard(test::dashboardExample()),
          checkPrintBatch(test::printBatchExample())}) {
        EXPECT_TRUE(outcome.isAllowed()) << dump(outcome);
        EXPECT_TRUE(outcome.warnings.empty()) << dump(outcome);
    }
}

// seed 001:158-160
TEST(R_SES_3_ConvocationsJob, NoCandidateRefused) {
    ConvocationsPayload p = test::convocationsExample();
    p.candidates.clear();
    EXPECT_TRUE(refuses(checkConvocations(p), "R-SES-3", "/candidates"));
}

// seed 004:293 and 004:268
TEST(R_SES_2_ConvocationsJob, LateUnlessRelaxed) {
    ConvocationsPayload p = test::convocationsExample();
    p.generated_on = day("2026-04-21");
    EXPECT_TRUE(refuses(checkConvocations(p), "R-SES-2", "/generated_on"));
    p.relaxation_periods = {{day("2026-04-15"), day("2026-04-30")}};
    const Outcome relaxed = checkConvocations(p);
    EXPECT_TRUE(relaxed.isAllowed()) << dump(relaxed);
    ASSERT_EQ(relaxed.warnings.size(), 1u);
    EXPECT_EQ(relaxed.warnings[0].rule, "R-SES-2");
    EXPECT_EQ(relaxed.warnings[0].subject, "/generated_on");
}

TEST(R_SES_2_DteJob, LateUnlessRelaxed) {
    DteRequestPayload p = test::dteRequestExample();
    p.request.requested_on = day("2026-02-21");
    EXPECT_TRUE(refuses(checkDteRequest(p), "R-SES-2", "/request/requested_on"));
    p.relaxation_periods = {{day("2026-02-01"), day("2026-03-31")}};
    EXPECT_TRUE(checkDteRequest(p).isAllowed());
}

// seed 004:272
TEST(R_SES_5_DteJob, ZeroCandidatesOutsideRelaxationRefused) {
    DteRequestPayload p = test::dteRequestExample();
    p.request.candidate_count = 0;
    EXPECT_TRUE(refuses(checkDteRequest(p), "R-SES-5", "/request/candidate_count"));
    p.relaxation_periods = {{day("2026-02-10"), day("2026-02-10")}};
    const Outcome relaxed = checkDteRequest(p);
    EXPECT_TRUE(relaxed.isAllowed());
    ASSERT_EQ(relaxed.warnings.size(), 1u);
    EXPECT_EQ(relaxed.warnings[0].subject, "/request/candidate_count");
    p.request.envelope_reception_date = day("2026-05-21");
    EXPECT_TRUE(refuses(checkDteRequest(p), "R-SES-5", "/request/envelope_reception_date"));
}

// RULES.md R-HAB-9 and R-HAB-10
TEST(R_HAB_9_SessionResultsJob, UnhabilitatedJurorNamed) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.jury[0].habilitations[0].on = "TP-00247";
    const Outcome outcome = checkSessionResults(p);
    EXPECT_TRUE(refuses(outcome, "R-HAB-9", "/jury/0"));
    EXPECT_TRUE(refuses(outcome, "R-HAB-10", "/jury"));
    EXPECT_NE(outcome.violations[0].message.find("J-1042"), std::string::npos);
}

TEST(R_HAB_10_SessionResultsJob, JuryOfOneRefused) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.jury.pop_back();
    const Outcome outcome = checkSessionResults(p);
    ASSERT_EQ(outcome.violations.size(), 1u) << dump(outcome);
    EXPECT_TRUE(refuses(outcome, "R-HAB-10", "/jury"));
}

// seed 000:108-114
TEST(R_CAN_1_SessionResultsJob, DigitOrAtInFirstName) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.candidates[2].first_name = "Dmitri2";
    p.candidates[4].first_name = "athina@mail";
    const Outcome outcome = checkSessionResults(p);
    EXPECT_TRUE(refuses(outcome, "R-CAN-1", "/candidates/2/first_name"));
    EXPECT_TRUE(refuses(outcome, "R-CAN-1", "/candidates/4/first_name"));
}

TEST(R_CAN_1_SessionResultsJob, LastNameFollowsTheRuleWithoutComma) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.candidates[2].last_name = "Смирнов, Иван";
    EXPECT_TRUE(refuses(checkSessionResults(p), "R-CAN-1", "/candidates/2/last_name"));
}

TEST(BirthDateJobs, ImplausibleBirthDatesNamed) {
    ConvocationsPayload p = test::convocationsExample();
    p.candidates[0].birth_date = day("2090-04-12");
    p.candidates[4].birth_date = day("1800-09-30");
    const Outcome outcome = checkConvocations(p);
    EXPECT_TRUE(refuses(outcome, "", "/candidates/0/birth_date")) << dump(outcome);
    EXPECT_TRUE(refuses(outcome, "", "/candidates/4/birth_date")) << dump(outcome);
}

TEST(R_DOC_2_SessionResultsJob, IssueDateOutsideTheCodeRangeRefused) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.session.validated_on = day("2180-01-01");
    EXPECT_TRUE(refuses(checkSessionResults(p), "", "/session/validated_on")) << dump(checkSessionResults(p));
}

TEST(R_CAN_1_Normalization, JobPrintsNormalisedNames) {
    ConvocationsPayload p = test::convocationsExample();
    p.candidates[3].first_name = "Marie\u2014\u2014Ève,  Françoise";
    p.candidates[1].last_name = "N\u2019\u2019Diaye";
    normalizeNames(p);
    EXPECT_EQ(p.candidates[1].last_name, "N'Diaye");
    EXPECT_EQ(p.candidates[3].first_name, "Marie-Ève, Françoise");
    EXPECT_EQ(p.candidates[0].first_name, "Hélène");
}

// seed 003:131-135
TEST(R_CAN_2_ConvocationsJob, DuplicateRecordRefused) {
    ConvocationsPayload p = test::convocationsExample();
    Candidate twin = p.candidates[0];
    twin.id = "C-900006";
    twin.last_name = "LEFEVRE";
    p.candidates.push_back(twin);
    EXPECT_TRUE(refuses(checkConvocations(p), "R-CAN-2", "/candidates/5"));
}

// seed 002:141 and 003:72
TEST(R_TIT_2_SessionJobs, TitleBeyondProlongationForCentreType) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.title.end_of_life = day("2025-05-21");  // 12 months end 2026-05-21, session ends 2026-05-22
    p.jury[0].habilitations[0].end = day("2025-05-21");
    EXPECT_TRUE(refuses(checkSessionResults(p), "R-TIT-2", "/session/end"));
    p.centre.type = CentreType::Cfa;
    EXPECT_FALSE(refuses(checkSessionResults(p), "R-TIT-2", "/session/end"));
    DteRequestPayload dte = test::dteRequestExample();
    dte.title.end_of_life = day("2025-01-31");
    EXPECT_TRUE(refuses(checkDteRequest(dte), "R-TIT-2", "/session/start"));
}

// seed 003:123-127
TEST(R_TIT_4_SessionResultsJob, AdmittedCandidateNeedsNsf) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.title.nsf.clear();
    EXPECT_TRUE(refuses(checkSessionResults(p), "R-TIT-4", "/title/nsf"));
    for (Candidate& c : p.candidates) {
        if (c.decision == Decision::Admis) c.decision = Decision::Ajourne;
    }
    EXPECT_TRUE(checkSessionResults(p).isAllowed());
}

// seed 003:46-52 and RULES.md R-DOC-2: parchemins only for ADMIS, same number on reprint
TEST(R_DOC_2_ReprintJob, OnlyAdmittedCandidates) {
    ParcheminsReprintPayload p = test::parcheminsReprintExample();
    p.candidates.push_back(test::gradedCandidates()[1]);  // AJOURNE
    EXPECT_TRUE(refuses(checkParcheminsReprint(p), "R-DOC-2", "/candidates/1/decision"));
}

TEST(R_DOC_2_ReprintJob, NumberAndDateChecked) {
    ParcheminsReprintPayload p = test::parcheminsReprintExample();
    p.candidates[0].unique_number = formatParcheminNumber(42);
    EXPECT_TRUE(checkParcheminsReprint(p).isAllowed());
    char& check_digit = p.candidates[0].unique_number->back();
    check_digit = check_digit == '0' ? '1' : '0';  // a wrong check digit
    EXPECT_TRUE(refuses(checkParcheminsReprint(p), "R-DOC-2", "/candidates/0/unique_number"));
    p.candidates[0].unique_number = "TP2019-33-000123";  // issued before this service: as it is
    EXPECT_TRUE(checkParcheminsReprint(p).isAllowed());
    p.reprint.date = day("2026-05-28");
    EXPECT_TRUE(refuses(checkParcheminsReprint(p), "R-DOC-2", "/reprint/date"));
}

TEST(R_TIT_4_ReprintJob, NsfAndPlaceOfIssue) {
    ParcheminsReprintPayload p = test::parcheminsReprintExample();
    p.title.nsf.clear();
    p.ud.commune.clear();
    const Outcome outcome = checkParcheminsReprint(p);
    EXPECT_TRUE(refuses(outcome, "R-TIT-4", "/title/nsf"));
    EXPECT_TRUE(refuses(outcome, "R-DOC-3", "/ud/commune"));
}

// RULES.md R-SES-6: validation after the actual end; a decision for every candidate
TEST(R_SES_6_SessionResultsJob, ValidatedAfterActualEnd) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.session.actual_end = day("2026-05-30");
    EXPECT_TRUE(refuses(checkSessionResults(p), "R-SES-6", "/session/validated_on"));
    p = test::sessionResultsExample();
    p.candidates[1].decision.reset();
    EXPECT_TRUE(refuses(checkSessionResults(p), "R-SES-6", "/candidates/1/decision"));
}

TEST(R_SES_7_SessionResultsJob, AbsentWithResultRefused) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.candidates[3].results["CP-01318-1"] = UnitResult::Acquis;
    EXPECT_TRUE(refuses(checkSessionResults(p), "R-SES-7", "/candidates/3/decision"));
}

TEST(R_SES_7_SessionResultsJob, UnknownUnitNamedNotDropped) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.candidates[1].results["CP-01318-9"] = UnitResult::Acquis;
    const Outcome outcome = checkSessionResults(p);
    ASSERT_TRUE(refuses(outcome, "R-SES-7", "/candidates/1/results/CP-01318-9")) << dump(outcome);
    EXPECT_NE(outcome.violations[0].message.find("C-900002"), std::string::npos);
}

TEST(R_SES_7_SessionJobs, EndBeforeStartRefusedInEveryKind) {
    SessionResultsPayload results = test::sessionResultsExample();
    results.session.end = day("2026-05-19");
    EXPECT_TRUE(refuses(checkSessionResults(results), "R-SES-7", "/session/end")) << dump(checkSessionResults(results));
    ConvocationsPayload convocations = test::convocationsExample();
    convocations.session.end = day("2026-05-19");
    EXPECT_TRUE(refuses(checkConvocations(convocations), "R-SES-7", "/session/end"));
    DteRequestPayload dte = test::dteRequestExample();
    dte.session.end = day("2026-05-19");
    EXPECT_TRUE(refuses(checkDteRequest(dte), "R-SES-7", "/session/end"));
    ParcheminsReprintPayload reprint = test::parcheminsReprintExample();
    reprint.session.actual_end = day("2026-05-01");
    EXPECT_TRUE(refuses(checkParcheminsReprint(reprint), "R-SES-7", "/session/actual_end"));
}

TEST(R_SES_7_ReprintJob, AdmittedWithNonAcquisRefused) {
    ParcheminsReprintPayload p = test::parcheminsReprintExample();
    p.candidates[0].results["CP-01318-2"] = UnitResult::NonAcquis;
    EXPECT_TRUE(refuses(checkParcheminsReprint(p), "R-SES-7", "/candidates/0/decision"));
}

TEST(R_DOC_1_SessionResultsJob, TitleWithoutLibelleRefused) {
    SessionResultsPayload p = test::sessionResultsExample();
    p.title.libelle.clear();
    EXPECT_TRUE(refuses(checkSessionResults(p), "R-DOC-1", "/title"));
}

TEST(R_ETB_1_Jobs, InvalidSiretRefused) {
    JurorExportPayload p = test::jurorExportExample();
    p.centre.siret = "78184280200049";
    EXPECT_TRUE(refuses(checkJurorExport(p), "R-ETB-1", "/centre/siret"));
}

TEST(R_DOC_4_JurorExportJob, WarnsAboutUnreachableJurorsAndUnknownTitles) {
    JurorExportPayload p = test::jurorExportExample();
    p.jurors[1].email.reset();
    p.jurors[1].phone_pro.reset();
    p.jurors[1].phone_personal.reset();
    p.jurors[1].address.reset();
    p.jurors[0].habilitations[0].on = "TP-99999";
    const Outcome outcome = checkJurorExport(p);
    EXPECT_TRUE(outcome.isAllowed());
    ASSERT_EQ(outcome.warnings.size(), 2u) << dump(outcome);
    EXPECT_EQ(outcome.warnings[0].subject, "/jurors/0/habilitations/0");
    EXPECT_EQ(outcome.warnings[1].subject, "/jurors/1");
}

TEST(R_DOC_5_DashboardJob, PerimeterMustFitProfile) {
    DashboardPayload p = test::dashboardExample();
    p.perimeter = "FR";
    EXPECT_TRUE(refuses(checkDashboard(p), "R-DOC-5", "/perimeter"));
    p.profile = Profile::Acc;
    EXPECT_TRUE(checkDashboard(p).isAllowed());
    p.profile = Profile::Dispatch;
    EXPECT_TRUE(refuses(checkDashboard(p), "R-DOC-5", "/profile"));
}

TEST(PrintBatchJob, ReversedRangeIsAValidationError) {
    PrintBatchPayload p = test::printBatchExample();
    p.issued_to = day("2026-04-30");
    EXPECT_TRUE(refuses(checkPrintBatch(p), "", "/issued_to"));
}

}  // namespace
}  // namespace ceres::domain
