// Results coherent with the title: R-SES-7 (exam regulations).
#include <gtest/gtest.h>

#include <map>

#include "domain/results.h"
#include "domain/session.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;
constexpr auto A = UnitResult::Acquis;
constexpr auto N = UnitResult::NonAcquis;
constexpr auto X = UnitResult::Absent;

struct ResultsCase {
    const char* name;
    SessionType type;
    std::map<std::string, UnitResult> results;
    std::optional<Decision> decision;
    const char* expected_subject;  // nullptr: allowed
};

class R_SES_7_Results : public ::testing::TestWithParam<ResultsCase> {};

TEST_P(R_SES_7_Results, Outcome) {
    const ResultsCase& c = GetParam();
    Session session = test::exampleSession(SessionStatus::Validee);
    session.type = c.type;
    if (c.type == SessionType::Ccs) session.ccs_code = "CS-01318-1";
    Candidate candidate = test::candidate("C-900001", "Lefèvre", "Hélène", "1991-04-12");
    candidate.results = c.results;
    candidate.decision = c.decision;
    const Outcome outcome = checkResultsCoherent(test::exampleTitle(), session, candidate, "/candidates/4");
    if (!c.expected_subject) {
        EXPECT_TRUE(outcome.isAllowed()) << outcome.violations.at(0).message;
        return;
    }
    ASSERT_EQ(outcome.violations.size(), 1u);
    const Violation& v = outcome.violations[0];
    EXPECT_EQ(v.rule, "R-SES-7");
    EXPECT_EQ(v.subject, c.expected_subject);
    EXPECT_NE(v.message.find("C-900001"), std::string::npos) << v.message;
}

const char* kDecision = "/candidates/4/decision";
const char* kResults = "/candidates/4/results";

INSTANTIATE_TEST_SUITE_P(
    Table, R_SES_7_Results,
    ::testing::Values(
        ResultsCase{"titre_admis_all_acquis", SessionType::Titre, {{"CP-01318-1", A}, {"CP-01318-2", A}}, Decision::Admis, nullptr},
        ResultsCase{"titre_ajourne_one_non_acquis", SessionType::Titre, {{"CP-01318-1", A}, {"CP-01318-2", N}}, Decision::Ajourne, nullptr},
        ResultsCase{"titre_ajourne_partly_absent", SessionType::Titre, {{"CP-01318-1", X}, {"CP-01318-2", N}}, Decision::Ajourne, nullptr},
        ResultsCase{"titre_absent_all_absent", SessionType::Titre, {{"CP-01318-1", X}, {"CP-01318-2", X}}, Decision::Absent, nullptr},
        ResultsCase{"titre_absent_without_results", SessionType::Titre, {}, Decision::Absent, nullptr},
        ResultsCase{"titre_unit_of_another_title", SessionType::Titre, {{"CP-01318-1", A}, {"CP-01318-2", A}, {"CP-00247-1", A}}, Decision::Admis, "/candidates/4/results/CP-00247-1"},
        ResultsCase{"titre_ccs_outside_a_ccs_session", SessionType::Titre, {{"CP-01318-1", A}, {"CP-01318-2", A}, {"CS-01318-1", A}}, Decision::Admis, "/candidates/4/results/CS-01318-1"},
        ResultsCase{"titre_present_missing_a_ccp", SessionType::Titre, {{"CP-01318-1", N}}, Decision::Ajourne, kResults},
        ResultsCase{"titre_present_without_results", SessionType::Titre, {}, Decision::Ajourne, kResults},
        ResultsCase{"titre_admis_with_non_acquis", SessionType::Titre, {{"CP-01318-1", A}, {"CP-01318-2", N}}, Decision::Admis, kDecision},
        ResultsCase{"titre_admis_with_absent", SessionType::Titre, {{"CP-01318-1", X}, {"CP-01318-2", A}}, Decision::Admis, kDecision},
        ResultsCase{"titre_absent_with_acquis", SessionType::Titre, {{"CP-01318-1", X}, {"CP-01318-2", A}}, Decision::Absent, kDecision},
        ResultsCase{"ccp_one_ccp_taken", SessionType::Ccp, {{"CP-01318-2", A}}, Decision::Admis, nullptr},
        ResultsCase{"ccp_no_ccp_taken", SessionType::Ccp, {}, Decision::Ajourne, kResults},
        ResultsCase{"ccp_admis_non_acquis", SessionType::Ccp, {{"CP-01318-2", N}}, Decision::Admis, kDecision},
        ResultsCase{"ccs_graded", SessionType::Ccs, {{"CS-01318-1", A}}, Decision::Admis, nullptr},
        ResultsCase{"ccs_missing_its_ccs", SessionType::Ccs, {{"CP-01318-1", A}}, Decision::Admis, kResults},
        ResultsCase{"ccs_other_ccs", SessionType::Ccs, {{"CS-01318-1", A}, {"CS-01318-2", A}}, Decision::Admis, "/candidates/4/results/CS-01318-2"}),
    [](const auto& info) { return std::string(info.param.name); });

// Every fault is reported, none hides another.
TEST(R_SES_7_Results, EveryContradictionReported) {
    Candidate c = test::candidate("C-900002", "N'Diaye", "Aminata", "1988-11-03");
    c.results = {{"CP-01318-1", N}, {"CP-09999-1", A}};
    c.decision = Decision::Admis;
    const Outcome outcome =
        checkResultsCoherent(test::exampleTitle(), test::exampleSession(SessionStatus::Validee), c, "/candidates/0");
    ASSERT_EQ(outcome.violations.size(), 3u);
    EXPECT_EQ(outcome.violations[0].subject, "/candidates/0/results/CP-09999-1");
    EXPECT_NE(outcome.violations[0].message.find("CP-09999-1"), std::string::npos);
    EXPECT_EQ(outcome.violations[1].subject, "/candidates/0/results");
    EXPECT_NE(outcome.violations[1].message.find("CP-01318-2"), std::string::npos);
    EXPECT_EQ(outcome.violations[2].subject, "/candidates/0/decision");
}

struct PeriodCase {
    const char* name;
    const char* start;
    const char* end;
    std::optional<const char*> actual_end;
    const char* expected_subject;  // nullptr: allowed
};

class R_SES_7_SessionPeriod : public ::testing::TestWithParam<PeriodCase> {};

TEST_P(R_SES_7_SessionPeriod, Outcome) {
    const PeriodCase& c = GetParam();
    Session s = test::exampleSession(SessionStatus::Terminee);
    s.start = day(c.start);
    s.end = day(c.end);
    if (c.actual_end) s.actual_end = day(*c.actual_end);
    const Outcome outcome = checkSessionPeriod(s);
    if (!c.expected_subject) {
        EXPECT_TRUE(outcome.isAllowed());
        return;
    }
    ASSERT_EQ(outcome.violations.size(), 1u);
    EXPECT_EQ(outcome.violations[0].rule, "R-SES-7");
    EXPECT_EQ(outcome.violations[0].subject, c.expected_subject);
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_SES_7_SessionPeriod,
    ::testing::Values(PeriodCase{"one_day", "2026-05-20", "2026-05-20", std::nullopt, nullptr},
                      PeriodCase{"three_days", "2026-05-20", "2026-05-22", "2026-05-21", nullptr},
                      PeriodCase{"end_day_before_start", "2026-05-20", "2026-05-19", std::nullopt, "/session/end"},
                      PeriodCase{"end_year_before", "2026-05-20", "2025-05-22", std::nullopt, "/session/end"},
                      PeriodCase{"actual_end_before_start", "2026-05-20", "2026-05-22", "2026-05-19", "/session/actual_end"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ceres::domain
