// Juror habilitations: R-HAB-1 to R-HAB-10.
#include <gtest/gtest.h>

#include "domain/habilitation.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;
using HS = HabilitationState;
using HA = HabilitationAction;

// The title of the cases ends its life on 2025-06-30; jurors see it in prolongation until
// 2027-06-30 (R-HAB-7 reading: 24 months).
Title endingTitle() {
    Title title = test::exampleTitle();
    title.end_of_life = day("2025-06-30");
    return title;
}

struct TransitionCase {
    const char* name;
    const char* seed;
    Profile profile;
    HS state;
    const char* end;     // habilitation end
    const char* today;
    HA action;
    const char* rule;    // "" allowed without warning, "R-HAB-4" allowed with warning, else refused
};

class R_HAB_1_to_4_Transitions : public ::testing::TestWithParam<TransitionCase> {};

TEST_P(R_HAB_1_to_4_Transitions, Outcome) {
    const TransitionCase& c = GetParam();
    const Habilitation h{"TP-01318", c.state, day("2020-01-01"), day(c.end)};
    const Outcome outcome = checkHabilitationAction(c.profile, c.action, h, endingTitle(), day(c.today), {});
    const std::string rule = c.rule;
    if (rule.empty()) {
        EXPECT_TRUE(outcome.isAllowed()) << c.seed;
        EXPECT_TRUE(outcome.warnings.empty()) << c.seed;
    } else if (rule == "R-HAB-4") {
        EXPECT_TRUE(outcome.isAllowed()) << c.seed;
        ASSERT_EQ(outcome.warnings.size(), 1u) << c.seed;
        EXPECT_EQ(outcome.warnings[0].rule, "R-HAB-4");
    } else {
        ASSERT_TRUE(outcome.isRefused()) << c.seed;
        EXPECT_EQ(outcome.violations[0].rule, rule) << c.seed;
        EXPECT_EQ(outcome.violations[0].subject, "TP-01318");
    }
}

constexpr Profile UD = Profile::Ud;
constexpr Profile DR = Profile::Direccte;

INSTANTIATE_TEST_SUITE_P(
    Table, R_HAB_1_to_4_Transitions,
    ::testing::Values(
        // seed 001:80 "Valider ou supprimer une habilitation en mode brouillon"
        TransitionCase{"R_HAB_1_draft_validate", "001:80", UD, HS::Brouillon, "2025-06-30", "2025-01-10", HA::Validate, ""},
        TransitionCase{"R_HAB_4_draft_delete_warns", "001:80,108", DR, HS::Brouillon, "2025-06-30", "2025-01-10", HA::Delete, "R-HAB-4"},
        // seed 001:82 "Réactiver une habilitation suspendue"
        TransitionCase{"R_HAB_4_suspended_reactivate_warns", "001:82,104", UD, HS::Suspendue, "2025-06-30", "2025-01-10", HA::Reactivate, "R-HAB-4"},
        // seed 001:84 "Mettre en mode brouillon ou suspendre une habilitation active"
        TransitionCase{"R_HAB_1_active_to_draft", "001:84", UD, HS::Active, "2025-06-30", "2025-01-10", HA::BackToDraft, ""},
        TransitionCase{"R_HAB_4_active_suspend_warns", "001:84,110", UD, HS::Active, "2025-06-30", "2025-01-10", HA::Suspend, "R-HAB-4"},
        // seed 001:86-88 expired at the end-of-life, title in prolongation -> suspended
        TransitionCase{"R_HAB_1_expired_aligned_in_prolongation_suspend", "001:86", UD, HS::Expiree, "2025-06-30", "2026-01-10", HA::Suspend, "R-HAB-4"},
        TransitionCase{"R_HAB_1_expired_not_aligned_suspend_refused", "001:86", UD, HS::Expiree, "2025-03-31", "2026-01-10", HA::Suspend, "R-HAB-1"},
        TransitionCase{"R_HAB_1_expired_aligned_title_valid_suspend_refused", "001:86", UD, HS::Expiree, "2025-06-30", "2025-06-30", HA::Suspend, "R-HAB-1"},
        // seed 001:90 expired on a title still valid -> draft
        TransitionCase{"R_HAB_1_expired_title_valid_to_draft", "001:90", UD, HS::Expiree, "2024-12-31", "2025-06-30", HA::BackToDraft, ""},
        // seed 001:92-94 expired before the end-of-life, title in prolongation -> draft
        TransitionCase{"R_HAB_1_expired_before_eol_in_prolongation_to_draft", "001:92", UD, HS::Expiree, "2025-03-31", "2027-06-30", HA::BackToDraft, ""},
        TransitionCase{"R_HAB_1_expired_aligned_in_prolongation_to_draft_refused", "001:92", UD, HS::Expiree, "2025-06-30", "2026-01-10", HA::BackToDraft, "R-HAB-1"},
        // seed 001:116 nothing on an expired habilitation whose title is beyond prolongation
        TransitionCase{"R_HAB_2_expired_beyond_prolongation_draft", "001:116", UD, HS::Expiree, "2025-03-31", "2027-07-01", HA::BackToDraft, "R-HAB-2"},
        TransitionCase{"R_HAB_2_expired_beyond_prolongation_suspend", "001:116", DR, HS::Expiree, "2025-06-30", "2027-07-01", HA::Suspend, "R-HAB-2"},
        // every other transition is refused
        TransitionCase{"R_HAB_1_draft_suspend_refused", "001:79-98", UD, HS::Brouillon, "2025-06-30", "2025-01-10", HA::Suspend, "R-HAB-1"},
        TransitionCase{"R_HAB_1_active_validate_refused", "001:79-98", UD, HS::Active, "2025-06-30", "2025-01-10", HA::Validate, "R-HAB-1"},
        TransitionCase{"R_HAB_1_active_delete_refused", "001:79-98", UD, HS::Active, "2025-06-30", "2025-01-10", HA::Delete, "R-HAB-1"},
        TransitionCase{"R_HAB_1_suspended_to_draft_refused", "001:79-98", UD, HS::Suspendue, "2025-06-30", "2025-01-10", HA::BackToDraft, "R-HAB-1"},
        TransitionCase{"R_HAB_1_deleted_reactivate_refused", "001:79-98", UD, HS::Supprimee, "2025-06-30", "2025-01-10", HA::Reactivate, "R-HAB-1"},
        TransitionCase{"R_HAB_1_expired_reactivate_refused", "001:79-98", UD, HS::Expiree, "2025-06-30", "2026-01-10", HA::Reactivate, "R-HAB-1"},
        // seed 001:77 "Profils DIRECCTE et UD" only
        TransitionCase{"R_HAB_1_centre_profile_refused", "001:77", Profile::Centre, HS::Brouillon, "2025-06-30", "2025-01-10", HA::Validate, "R-HAB-1"},
        TransitionCase{"R_HAB_1_acc_profile_refused", "001:77", Profile::Acc, HS::Active, "2025-06-30", "2025-01-10", HA::Suspend, "R-HAB-1"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(R_HAB_1_StateAfter, EachActionLeadsToItsState) {
    EXPECT_EQ(stateAfter(HA::Validate), HS::Active);
    EXPECT_EQ(stateAfter(HA::Delete), HS::Supprimee);
    EXPECT_EQ(stateAfter(HA::Reactivate), HS::Active);
    EXPECT_EQ(stateAfter(HA::BackToDraft), HS::Brouillon);
    EXPECT_EQ(stateAfter(HA::Suspend), HS::Suspendue);
}

// seed 001:118 "Supprimer une habilitation d'un juré s'il est inscrit à une session"
TEST(R_HAB_3_Deletion, RefusedWhileJurorSitsOnASession) {
    const Habilitation draft{"TP-01318", HS::Brouillon, day("2025-01-01"), day("2025-06-30")};
    const Outcome blocked = checkHabilitationAction(UD, HA::Delete, draft, endingTitle(), day("2025-01-10"),
                                                    {SessionStatus::Validee, SessionStatus::DteDemandee});
    ASSERT_TRUE(blocked.isRefused());
    EXPECT_EQ(blocked.violations[0].rule, "R-HAB-3");
    const Outcome cancelled_only = checkHabilitationAction(UD, HA::Delete, draft, endingTitle(),
                                                           day("2025-01-10"), {SessionStatus::Annulee});
    EXPECT_TRUE(cancelled_only.isAllowed());
}

// seed 001:120 and 001:106
TEST(R_HAB_3_R_HAB_4_Inactivation, RefusedWhileAwaitingValidationElseWarned) {
    const Juror juror = test::durand();
    const Outcome blocked = checkJurorInactivation(juror, {SessionStatus::Terminee});
    ASSERT_TRUE(blocked.isRefused());
    EXPECT_EQ(blocked.violations[0].rule, "R-HAB-3");
    EXPECT_EQ(blocked.violations[0].subject, "J-1042");
    const Outcome warned = checkJurorInactivation(juror, {SessionStatus::Validee, SessionStatus::Annulee});
    EXPECT_TRUE(warned.isAllowed());
    ASSERT_EQ(warned.warnings.size(), 1u);
    EXPECT_EQ(warned.warnings[0].rule, "R-HAB-4");
}

Title titleWithCcs() {
    Title title = test::exampleTitle();
    title.ccs = {{"CS-01318-1", "Accueil en langue étrangère"}};
    return title;
}

// seed 001:128-130 CCS habilitation only with a CCP of the title
TEST(R_HAB_5_CcsHabilitation, NeedsACcpOfTheTitle) {
    Juror juror = test::nguyen();
    juror.habilitations = {test::habilitation("CP-01318-2", HS::Active, "2025-01-01", "2027-12-31")};
    EXPECT_TRUE(checkCcsHabilitation(titleWithCcs(), "CS-01318-1", juror, day("2026-01-01")).isAllowed());
    juror.habilitations = {test::habilitation("CP-01318-2", HS::Suspendue, "2025-01-01", "2027-12-31")};
    const Outcome suspended = checkCcsHabilitation(titleWithCcs(), "CS-01318-1", juror, day("2026-01-01"));
    ASSERT_TRUE(suspended.isRefused());
    EXPECT_EQ(suspended.violations[0].rule, "R-HAB-5");
    juror.habilitations = {test::habilitation("CP-99999-1", HS::Active, "2025-01-01", "2027-12-31")};
    EXPECT_TRUE(checkCcsHabilitation(titleWithCcs(), "CS-01318-1", juror, day("2026-01-01")).isRefused());
    EXPECT_TRUE(checkCcsHabilitation(titleWithCcs(), "CS-01318-9", test::durand(), day("2026-01-01")).isRefused());
    // reading: a habilitation on the whole TP covers its CCPs
    EXPECT_TRUE(checkCcsHabilitation(titleWithCcs(), "CS-01318-1", test::durand(), day("2026-01-01")).isAllowed());
}

// seed 001:134-136 a centre puts a juror on a CCS session only if habilitated on that CCS
TEST(R_HAB_5_CcsSession, JurorMustHoldTheCcs) {
    Session session = test::exampleSession(SessionStatus::EnPreparation);
    session.type = SessionType::Ccs;
    session.ccs_code = "CS-01318-1";
    const Outcome tp_only = checkCcsSessionJuror(session, titleWithCcs(), test::durand());
    ASSERT_TRUE(tp_only.isRefused());
    EXPECT_EQ(tp_only.violations[0].rule, "R-HAB-5");
    Juror holder = test::durand();
    holder.habilitations.push_back(test::habilitation("CS-01318-1", HS::Active, "2025-01-01", "2027-12-31"));
    EXPECT_TRUE(checkCcsSessionJuror(session, titleWithCcs(), holder).isAllowed());
    session.type = SessionType::Titre;
    EXPECT_TRUE(checkCcsSessionJuror(session, titleWithCcs(), test::durand()).isAllowed());
}

struct SeniorityCase {
    const char* name;
    const char* last_job;  // "" unknown
    const char* start;
    bool allowed;
};

class R_HAB_6_Seniority : public ::testing::TestWithParam<SeniorityCase> {};

// seed 001:144-146 "plus de 5 ans par rapport à la date de début d'habilitation"
TEST_P(R_HAB_6_Seniority, FiveYearLimit) {
    Juror juror = test::durand();
    if (*GetParam().last_job) juror.last_job_date = day(GetParam().last_job);
    const Outcome outcome = checkSeniority(juror, day(GetParam().start));
    EXPECT_EQ(outcome.isAllowed(), GetParam().allowed);
    if (!GetParam().allowed) {
        EXPECT_EQ(outcome.violations[0].rule, "R-HAB-6");
    }
}

INSTANTIATE_TEST_SUITE_P(Table, R_HAB_6_Seniority,
                         ::testing::Values(SeniorityCase{"exactly_five_years", "2021-03-01", "2026-03-01", true},
                                           SeniorityCase{"one_day_more", "2021-02-28", "2026-03-01", false},
                                           SeniorityCase{"recent", "2025-12-31", "2026-03-01", true},
                                           SeniorityCase{"leap_day_start", "2019-02-28", "2024-02-29", true},
                                           SeniorityCase{"leap_day_start_day_before", "2019-02-27", "2024-02-29", false},
                                           SeniorityCase{"unknown_job_date", "", "2026-03-01", false}),
                         [](const auto& info) { return std::string(info.param.name); });

struct EligibilityCase {
    const char* name;
    const char* seed;
    HS state;
    const char* end;
    const char* on;
    Eligibility expected;
};

class R_HAB_7_R_HAB_8_Eligibility : public ::testing::TestWithParam<EligibilityCase> {};

TEST_P(R_HAB_7_R_HAB_8_Eligibility, OnDay) {
    const EligibilityCase& c = GetParam();
    const Habilitation h{"TP-01318", c.state, day("2021-01-01"), day(c.end)};
    const JurorEligibility e = habilitationEligibility(h, endingTitle(), day(c.on));
    EXPECT_EQ(e.eligibility, c.expected) << c.seed << " " << e.reason;
    EXPECT_EQ(e.convocable, c.expected == Eligibility::Running || c.expected == Eligibility::ExtendedAligned);
    EXPECT_FALSE(e.reason.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_HAB_7_R_HAB_8_Eligibility,
    ::testing::Values(
        EligibilityCase{"running_last_day", "003:77-81", HS::Active, "2025-06-30", "2025-06-30", Eligibility::Running},
        // seed 003:79-81 aligned habilitations pushed 24 months past the end-of-life
        EligibilityCase{"aligned_extended_day_after", "003:79", HS::Active, "2025-06-30", "2025-07-01", Eligibility::ExtendedAligned},
        EligibilityCase{"aligned_extended_last_day", "003:79", HS::Active, "2025-06-30", "2027-06-30", Eligibility::ExtendedAligned},
        EligibilityCase{"aligned_expired_state_extended", "003:79", HS::Expiree, "2025-06-30", "2026-04-02", Eligibility::ExtendedAligned},
        EligibilityCase{"aligned_after_extension", "003:79", HS::Active, "2025-06-30", "2027-07-01", Eligibility::NotConvocable},
        EligibilityCase{"aligned_but_suspended", "003:79", HS::Suspendue, "2025-06-30", "2026-04-02", Eligibility::NotConvocable},
        // seed 000:132-136 expired less than 6 months ago listed, more not
        EligibilityCase{"not_aligned_expired_5_months", "000:132", HS::Expiree, "2025-03-31", "2025-08-31", Eligibility::ExpiredRecently},
        EligibilityCase{"not_aligned_expired_day_before_6_months", "000:132", HS::Expiree, "2025-03-31", "2025-09-29", Eligibility::ExpiredRecently},
        EligibilityCase{"not_aligned_expired_exactly_6_months", "000:135", HS::Expiree, "2025-03-31", "2025-09-30", Eligibility::NotConvocable},
        EligibilityCase{"not_aligned_expired_6_months_and_a_day", "000:135", HS::Expiree, "2025-03-31", "2025-10-01", Eligibility::NotConvocable},
        EligibilityCase{"draft", "001:80", HS::Brouillon, "2027-06-30", "2026-01-01", Eligibility::NotConvocable},
        EligibilityCase{"not_started", "RULES.md R-HAB-9", HS::Active, "2027-06-30", "2020-12-31", Eligibility::NotConvocable}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(R_HAB_7_Extension, ReasonNamesTheRule) {
    const Habilitation h{"TP-00247", HS::Active, day("2021-01-01"), day("2025-06-30")};
    Title title = endingTitle();
    title.code = "TP-00247";
    const JurorEligibility e = habilitationEligibility(h, title, day("2026-04-02"));
    EXPECT_EQ(e.reason, "alignée sur la fin de vie du titre, prolongée jusqu'au 30/06/2027 (R-HAB-7)");
}

// seed 000:123-136 search on a title in prolongation
TEST(R_HAB_8_Search, ListsAlignedRunningAndRecentlyExpired) {
    auto juror = [](const char* id, HS state, const char* end) {
        Juror j;
        j.id = id;
        j.habilitations = {Habilitation{"TP-01318", state, day("2021-01-01"), day(end)}};
        return j;
    };
    const std::vector<Juror> jurors = {
        juror("aligned", HS::Active, "2025-06-30"),
        juror("not_aligned_running", HS::Active, "2026-12-31"),
        juror("expired_4_months", HS::Expiree, "2025-11-30"),
        juror("expired_8_months", HS::Expiree, "2025-08-01"),
        juror("suspended", HS::Suspendue, "2026-12-31"),
    };
    const auto matches = searchHabilitatedJurors(jurors, endingTitle(), day("2026-04-02"));
    ASSERT_EQ(matches.size(), 3u);
    EXPECT_EQ(matches[0].juror_index, 0u);
    EXPECT_EQ(matches[0].eligibility.eligibility, Eligibility::ExtendedAligned);
    EXPECT_EQ(matches[1].juror_index, 1u);
    EXPECT_EQ(matches[1].eligibility.eligibility, Eligibility::Running);
    EXPECT_EQ(matches[2].juror_index, 2u);
    EXPECT_EQ(matches[2].eligibility.eligibility, Eligibility::ExpiredRecently);
}

TEST(R_HAB_8_Search, RecentlyExpiredOnlyWhileTitleInProlongation) {
    Juror j;
    j.id = "J";
    j.habilitations = {test::habilitation("TP-01318", HS::Expiree, "2021-01-01", "2026-01-31")};
    EXPECT_TRUE(searchHabilitatedJurors({j}, test::exampleTitle(), day("2026-04-02")).empty());
}

// RULES.md R-HAB-9: habilitated on the session's dates, ACTIVE or extended.
TEST(R_HAB_9_Jury, EachMemberHabilitatedOnEveryDay) {
    const Session session = test::exampleSession(SessionStatus::Validee);
    const Title title = test::exampleTitle();
    EXPECT_TRUE(checkJurorSits(test::durand(), session, title, session.start, session.end).isAllowed());
    Juror ends_mid_session = test::nguyen();
    ends_mid_session.habilitations[0].end = day("2026-05-21");
    const Outcome refused = checkJurorSits(ends_mid_session, session, title, session.start, session.end);
    ASSERT_TRUE(refused.isRefused());
    EXPECT_EQ(refused.violations[0].rule, "R-HAB-9");
    EXPECT_EQ(refused.violations[0].subject, "J-2210");
    EXPECT_NE(refused.violations[0].message.find("Nguyen"), std::string::npos);
    Juror other_title = test::nguyen();
    other_title.habilitations[0].on = "TP-00247";
    EXPECT_TRUE(checkJurorSits(other_title, session, title, session.start, session.end).isRefused());
}

TEST(R_HAB_9_Jury, ExtendedAlignedJurorSitsInProlongation) {
    Title title = endingTitle();
    Session session = test::exampleSession(SessionStatus::Validee);
    session.start = day("2027-06-29");
    session.end = day("2027-06-30");
    Juror aligned = test::durand();
    aligned.habilitations[0] = test::habilitation("TP-01318", HS::Active, "2021-01-01", "2025-06-30");
    EXPECT_TRUE(checkJurorSits(aligned, session, title, session.start, session.end).isAllowed());
    session.end = day("2027-07-01");
    EXPECT_TRUE(checkJurorSits(aligned, session, title, session.start, session.end).isRefused());
}

// RULES.md R-HAB-10 (exam regulations): at least two habilitated members.
TEST(R_HAB_10_JurySize, AtLeastTwoHabilitated) {
    const Session session = test::exampleSession(SessionStatus::Validee);
    EXPECT_TRUE(checkJurySize(session, 2).isAllowed());
    EXPECT_TRUE(checkJurySize(session, 3).isAllowed());
    for (std::size_t members : {0u, 1u}) {
        const Outcome small = checkJurySize(session, members);
        ASSERT_TRUE(small.isRefused());
        EXPECT_EQ(small.violations[0].rule, "R-HAB-10");
        EXPECT_EQ(small.violations[0].subject, "TITRE_T_2026_299045");
    }
}

}  // namespace
}  // namespace ceres::domain
