// Sessions: R-SES-1 to R-SES-6.
#include <gtest/gtest.h>

#include "domain/readings.h"
#include "domain/session.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

// seed 003:98-111 start = creation day, 08:00; convocation on the first day at 08:00
TEST(R_SES_1_Defaults, CreationDayAtEight) {
    const SessionDefaults d = newSessionDefaults(day("2026-03-02"));
    EXPECT_EQ(d.start, day("2026-03-02"));
    EXPECT_EQ(d.start_time, test::hm("08:00"));
    EXPECT_EQ(d.convocation.date, day("2026-03-02"));
    EXPECT_EQ(d.convocation.time, test::hm("08:00"));
}

// seed 001:218-224 a centre may choose a convocation time different from the start time
TEST(R_SES_1_Defaults, ConvocationOwnTimeOrDefault) {
    Session s = test::exampleSession(SessionStatus::DteDemandee);
    EXPECT_EQ(effectiveConvocation(s).date, day("2026-05-20"));
    EXPECT_EQ(effectiveConvocation(s).time, test::hm("08:00"));
    s.convocation = Convocation{day("2026-05-20"), test::hm("07:45")};
    EXPECT_EQ(effectiveConvocation(s).time, test::hm("07:45"));
}

struct LeadCase {
    const char* name;
    const char* seed;
    SessionType type;
    const char* start;
    const char* action;
    bool relaxed;
    const char* expect;  // "ok", "warn", "refuse"
};

const std::vector<Period> kRelaxation = {{day("2019-02-11"), day("2019-04-11")},
                                         {day("2026-04-01"), day("2026-04-30")}};

void expectLead(const Outcome& outcome, const LeadCase& c) {
    const std::string expect = c.expect;
    EXPECT_EQ(outcome.isAllowed(), expect != "refuse") << c.seed;
    EXPECT_EQ(outcome.warnings.size(), expect == "warn" ? 1u : 0u) << c.seed;
    const auto& list = expect == "refuse" ? outcome.violations : outcome.warnings;
    if (expect != "ok") {
        ASSERT_FALSE(list.empty());
        EXPECT_EQ(list[0].rule, "R-SES-2");
    }
}

class R_SES_2_ConvocationLead : public ::testing::TestWithParam<LeadCase> {};

TEST_P(R_SES_2_ConvocationLead, Outcome) {
    const LeadCase& c = GetParam();
    Session s = test::exampleSession(SessionStatus::DteDemandee);
    s.type = c.type;
    s.start = day(c.start);
    const auto periods = c.relaxed ? kRelaxation : std::vector<Period>{};
    expectLead(checkConvocationLeadTime(s, day(c.action), periods, {test::candidate("C-1", "Lefèvre", "Hélène", "1991-04-12")}), c);
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_SES_2_ConvocationLead,
    ::testing::Values(
        // seed 004:293 "convocation des candidats (1 mois)"; reading: 15 days for CCP and CCS
        LeadCase{"titre_one_month_exactly", "004:293", SessionType::Titre, "2026-05-20", "2026-04-20", false, "ok"},
        LeadCase{"titre_one_day_late", "004:293", SessionType::Titre, "2026-05-20", "2026-04-21", false, "refuse"},
        LeadCase{"titre_month_end_clamp", "004:293", SessionType::Titre, "2026-03-31", "2026-02-28", false, "ok"},
        LeadCase{"titre_month_end_clamp_late", "004:293", SessionType::Titre, "2026-03-31", "2026-03-01", false, "refuse"},
        // reading: day + 1 month <= start, so 31 January is in time for a start on 28 February
        LeadCase{"titre_forward_from_31_january", "004:293", SessionType::Titre, "2026-02-28", "2026-01-31", false, "ok"},
        LeadCase{"titre_forward_1_february_late", "004:293", SessionType::Titre, "2026-02-28", "2026-02-01", false, "refuse"},
        LeadCase{"titre_forward_leap_29_february", "004:293", SessionType::Titre, "2024-03-29", "2024-02-29", false, "ok"},
        LeadCase{"titre_forward_leap_30_january", "004:293", SessionType::Titre, "2024-02-29", "2024-01-30", false, "ok"},
        LeadCase{"ccp_fifteen_days", "004:293", SessionType::Ccp, "2026-05-20", "2026-05-05", false, "ok"},
        LeadCase{"ccp_fourteen_days", "004:293", SessionType::Ccp, "2026-05-20", "2026-05-06", false, "refuse"},
        LeadCase{"ccs_fourteen_days", "004:293", SessionType::Ccs, "2026-05-20", "2026-05-06", false, "refuse"},
        // seed 004:268-270 relaxation lifts the check but every lifted check is archived
        LeadCase{"titre_late_in_relaxation", "004:268", SessionType::Titre, "2026-05-20", "2026-04-30", true, "warn"},
        LeadCase{"titre_late_after_relaxation", "004:268", SessionType::Titre, "2026-05-20", "2026-05-01", true, "refuse"},
        LeadCase{"titre_in_time_in_relaxation", "004:268", SessionType::Titre, "2026-05-20", "2026-04-10", true, "ok"}),
    [](const auto& info) { return std::string(info.param.name); });

class R_SES_2_DteLead : public ::testing::TestWithParam<LeadCase> {};

TEST_P(R_SES_2_DteLead, Outcome) {
    const LeadCase& c = GetParam();
    Session s = test::exampleSession(SessionStatus::EnPreparation);
    s.start = day(c.start);
    const auto periods = c.relaxed ? kRelaxation : std::vector<Period>{};
    expectLead(checkDteLeadTime(s, day(c.action), periods), c);
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_SES_2_DteLead,
    ::testing::Values(
        // seed 004:293 "demande de DTE (3 mois)"
        LeadCase{"three_months_exactly", "004:293", SessionType::Titre, "2026-05-20", "2026-02-20", false, "ok"},
        LeadCase{"one_day_late", "004:293", SessionType::Titre, "2026-05-20", "2026-02-21", false, "refuse"},
        LeadCase{"clamped_from_31_may", "004:293", SessionType::Titre, "2026-05-31", "2026-02-28", false, "ok"},
        LeadCase{"leap_year_clamp", "004:293", SessionType::Titre, "2024-05-31", "2024-02-29", false, "ok"},
        LeadCase{"forward_from_30_november", "004:293", SessionType::Titre, "2026-02-28", "2025-11-30", false, "ok"},
        LeadCase{"forward_1_december_late", "004:293", SessionType::Titre, "2026-02-28", "2025-12-01", false, "refuse"},
        LeadCase{"forward_leap_from_30_november", "004:293", SessionType::Titre, "2024-02-29", "2023-11-30", false, "ok"},
        LeadCase{"leap_year_late", "004:293", SessionType::Titre, "2024-05-31", "2024-03-01", false, "refuse"},
        // seed 004:268 the 2019 relaxation period, first and last day included
        LeadCase{"late_on_relaxation_first_day", "004:268", SessionType::Titre, "2019-04-20", "2019-02-11", true, "warn"},
        LeadCase{"late_on_relaxation_last_day", "004:268", SessionType::Titre, "2019-05-20", "2019-04-11", true, "warn"},
        LeadCase{"late_day_after_relaxation", "004:268", SessionType::Titre, "2019-05-20", "2019-04-12", true, "refuse"}),
    [](const auto& info) { return std::string(info.param.name); });

struct VaeCase {
    const char* name;
    bool vae;
    std::optional<const char*> registered_on;
    const char* generated_on;
    bool relaxed;
    const char* expect;  // "ok", "warn", "refuse"
};

class R_SES_2_VaeLateRegistration : public ::testing::TestWithParam<VaeCase> {};

// RULES.md R-SES-2 Reading: a VAE candidate registered in the R-CAN-3 window (30 days before the
// start, last day start - 1) is convoked whatever the lead time, the exemption in the trace.
TEST_P(R_SES_2_VaeLateRegistration, Outcome) {
    const VaeCase& c = GetParam();
    const Session s = test::exampleSession(SessionStatus::ConvocationsEnvoyees);  // starts 2026-05-20
    Candidate candidate = test::candidate("C-900003", "Смирнов", "Дмитрий", "1979-02-28");
    candidate.vae = c.vae;
    if (c.registered_on) candidate.registered_on = day(*c.registered_on);
    const Outcome outcome = checkConvocationLeadTime(s, day(c.generated_on), c.relaxed ? kRelaxation : std::vector<Period>{},
                                                     {candidate});
    expectLead(outcome, {c.name, "R-SES-2", SessionType::Titre, "2026-05-20", c.generated_on, c.relaxed, c.expect});
    if (std::string(c.expect) == "warn" && !c.relaxed) {
        EXPECT_NE(outcome.warnings[0].message.find("C-900003"), std::string::npos) << outcome.warnings[0].message;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_SES_2_VaeLateRegistration,
    ::testing::Values(VaeCase{"registered_30_days_before", true, "2026-04-20", "2026-05-10", false, "warn"},
                      VaeCase{"registered_day_before_start", true, "2026-05-19", "2026-05-19", false, "warn"},
                      VaeCase{"registered_31_days_before", true, "2026-04-19", "2026-05-10", false, "refuse"},
                      VaeCase{"registered_on_start_day", true, "2026-05-20", "2026-05-20", false, "refuse"},
                      VaeCase{"not_vae", false, "2026-05-01", "2026-05-10", false, "refuse"},
                      VaeCase{"vae_without_registration_day", true, std::nullopt, "2026-05-10", false, "refuse"},
                      VaeCase{"in_time_needs_no_exemption", true, "2026-05-01", "2026-04-20", false, "ok"},
                      VaeCase{"relaxation_traced_once", true, "2026-05-01", "2026-04-25", true, "warn"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(R_SES_2_VaeLateRegistrationMixed, AnyOtherCandidateKeepsTheLeadTime) {
    const Session s = test::exampleSession(SessionStatus::ConvocationsEnvoyees);
    Candidate late_vae = test::candidate("C-900003", "Смирнов", "Дмитрий", "1979-02-28");
    late_vae.vae = true;
    late_vae.registered_on = day("2026-05-01");
    const Candidate other = test::candidate("C-900001", "Lefèvre", "Hélène", "1991-04-12");
    EXPECT_TRUE(checkConvocationLeadTime(s, day("2026-05-10"), {}, {late_vae, other}).isRefused());
    EXPECT_EQ(checkConvocationLeadTime(s, day("2026-05-10"), {}, {late_vae, late_vae}).warnings.size(), 2u);
}

// seed 001:158-160 no convocations without a registered candidate
TEST(R_SES_3_Convocations, NeedACandidate) {
    const Session s = test::exampleSession(SessionStatus::DteDemandee);
    EXPECT_TRUE(checkConvocationsHaveCandidates(s, 1).isAllowed());
    const Outcome none = checkConvocationsHaveCandidates(s, 0);
    ASSERT_TRUE(none.isRefused());
    EXPECT_EQ(none.violations[0].rule, "R-SES-3");
}

struct MoveCase {
    const char* name;
    Profile profile;
    SessionStatus status;
    const char* today;
    bool allowed;
};

class R_SES_4_DateChange : public ::testing::TestWithParam<MoveCase> {};

// seed 002:101-119 centre only while "En préparation"; then only the UD, before the start
TEST_P(R_SES_4_DateChange, WhoMayMoveDates) {
    Session s = test::exampleSession(GetParam().status);  // starts 2026-05-20
    const Outcome outcome = checkDateChange(GetParam().profile, s, day(GetParam().today));
    EXPECT_EQ(outcome.isAllowed(), GetParam().allowed);
    if (!GetParam().allowed) {
        EXPECT_EQ(outcome.violations[0].rule, "R-SES-4");
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_SES_4_DateChange,
    ::testing::Values(MoveCase{"centre_in_preparation", Profile::Centre, SessionStatus::EnPreparation, "2026-03-01", true},
                      MoveCase{"centre_after_dte", Profile::Centre, SessionStatus::DteDemandee, "2026-03-01", false},
                      MoveCase{"ud_in_preparation", Profile::Ud, SessionStatus::EnPreparation, "2026-03-01", true},
                      MoveCase{"ud_dte_requested", Profile::Ud, SessionStatus::DteDemandee, "2026-03-01", true},
                      MoveCase{"ud_convocations_sent_day_before", Profile::Ud, SessionStatus::ConvocationsEnvoyees, "2026-05-19", true},
                      MoveCase{"ud_on_start_day", Profile::Ud, SessionStatus::ConvocationsEnvoyees, "2026-05-20", false},
                      MoveCase{"ud_running_session", Profile::Ud, SessionStatus::EnCours, "2026-03-01", false},
                      MoveCase{"ud_suspended_session", Profile::Ud, SessionStatus::Suspendue, "2026-03-01", false},
                      MoveCase{"direccte_not_allowed", Profile::Direccte, SessionStatus::DteDemandee, "2026-03-01", false}),
    [](const auto& info) { return std::string(info.param.name); });

// seed 004:272 "renseignant à « 0 » candidats" during the relaxation period
TEST(R_SES_5_DteRequest, ZeroCandidatesOnlyInRelaxation) {
    const Session s = test::exampleSession(SessionStatus::EnPreparation);
    DteRequestData request{day("2026-04-10"), 0, day("2026-05-13"), std::nullopt};
    const Outcome outside = checkDteRequestData(s, request, {});
    ASSERT_TRUE(outside.isRefused());
    EXPECT_EQ(outside.violations[0].rule, "R-SES-5");
    const Outcome inside = checkDteRequestData(s, request, kRelaxation);
    EXPECT_TRUE(inside.isAllowed());
    ASSERT_EQ(inside.warnings.size(), 1u);
    EXPECT_EQ(inside.warnings[0].rule, "R-SES-5");
    request.candidate_count = 5;
    EXPECT_TRUE(checkDteRequestData(s, request, {}).isAllowed());
}

TEST(R_SES_5_DteRequest, EnvelopesBeforeStart) {
    Session s = test::exampleSession(SessionStatus::EnPreparation);
    const DteRequestData on_start{day("2026-02-10"), 5, day("2026-05-20"), std::nullopt};
    EXPECT_TRUE(checkEnvelopeReception(s, on_start).isAllowed());
    const DteRequestData late{day("2026-02-10"), 5, day("2026-05-21"), std::nullopt};
    EXPECT_EQ(checkEnvelopeReception(s, late).violations.at(0).rule, "R-SES-5");
}

// seed 002:81-85 enter the real end date before the results; seed 001:306-308 unlocked sessions
TEST(R_SES_6_Results, NeedActualEnd) {
    Session s = test::exampleSession(SessionStatus::Terminee);
    const Outcome missing = checkResultsEntry(s);
    ASSERT_TRUE(missing.isRefused());
    EXPECT_EQ(missing.violations[0].rule, "R-SES-6");
    s.actual_end = day("2026-05-22");
    EXPECT_TRUE(checkResultsEntry(s).isAllowed());
}

TEST(R_SES_6_Results, VersionsOfTheirPv) {
    Session s = test::exampleSession(SessionStatus::Terminee);
    s.actual_end = day("2026-05-22");
    EXPECT_EQ(resultsVersionAfterSave(s, true).version, 1);
    s.status = SessionStatus::Validee;
    s.results_version = 1;
    EXPECT_EQ(resultsVersionAfterSave(s, false).version, 1);
    const ResultsVersion locked = resultsVersionAfterSave(s, true);
    ASSERT_TRUE(locked.outcome.isRefused());
    EXPECT_EQ(locked.outcome.violations[0].rule, "R-SES-6");
    s.unlocked = true;
    const ResultsVersion next = resultsVersionAfterSave(s, true);
    EXPECT_TRUE(next.outcome.isAllowed());
    EXPECT_EQ(next.version, 2);
    s.actual_end.reset();
    s.status = SessionStatus::Terminee;
    EXPECT_TRUE(resultsVersionAfterSave(s, true).outcome.isRefused());
}

TEST(R_SES_6_Results, ValidatedSessionEndsOnItsPlannedEnd) {
    Session s = test::exampleSession(SessionStatus::Validee);
    EXPECT_EQ(reading::actualEndOf(s), day("2026-05-22"));
    s.actual_end = day("2026-05-21");
    EXPECT_EQ(reading::actualEndOf(s), day("2026-05-21"));
    s.actual_end.reset();
    s.status = SessionStatus::Terminee;
    EXPECT_FALSE(reading::actualEndOf(s));
}

}  // namespace
}  // namespace ceres::domain
