// Titles: prolongation (R-TIT-1, R-TIT-2), end-of-life cascade (R-TIT-3), NSF (R-TIT-4).
#include <gtest/gtest.h>

#include "domain/title.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

struct ProlongationCase {
    const char* name;
    const char* seed;
    CentreType centre;
    const char* end_of_life;
    const char* on;
    TitleValidity expected;
};

class R_TIT_1_R_TIT_2_Prolongation : public ::testing::TestWithParam<ProlongationCase> {};

TEST_P(R_TIT_1_R_TIT_2_Prolongation, StateOnDay) {
    const ProlongationCase& c = GetParam();
    Title title = test::exampleTitle();
    title.end_of_life = day(c.end_of_life);
    EXPECT_EQ(titleValidityOn(title, c.centre, day(c.on)), c.expected) << c.seed;
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_TIT_1_R_TIT_2_Prolongation,
    ::testing::Values(
        // seed 002:141 "délai de prolongation ... dans le cas général de 12 mois"
        ProlongationCase{"valid_on_end_of_life", "002:141", CentreType::Autre, "2025-06-30", "2025-06-30", TitleValidity::Valid},
        ProlongationCase{"prolongation_day_after", "002:141", CentreType::Autre, "2025-06-30", "2025-07-01", TitleValidity::InProlongation},
        ProlongationCase{"prolongation_last_day_12_months", "002:141", CentreType::Autre, "2025-06-30", "2026-06-30", TitleValidity::InProlongation},
        ProlongationCase{"beyond_after_12_months", "002:141", CentreType::Autre, "2025-06-30", "2026-07-01", TitleValidity::BeyondProlongation},
        // seed 003:72-76 "Les CFA et les CRP peuvent créer des sessions jusqu'à 24 mois après"
        ProlongationCase{"cfa_in_prolongation_month_13", "003:72", CentreType::Cfa, "2025-06-30", "2026-07-01", TitleValidity::InProlongation},
        ProlongationCase{"crp_last_day_24_months", "003:72", CentreType::Crp, "2025-06-30", "2027-06-30", TitleValidity::InProlongation},
        ProlongationCase{"crp_beyond_24_months", "003:72", CentreType::Crp, "2025-06-30", "2027-07-01", TitleValidity::BeyondProlongation},
        // RULES.md R-TIT-2: month arithmetic clamps (31 Jan + 12 months... and 31 Aug + 12 = 31 Aug)
        ProlongationCase{"leap_end_of_life_clamps", "RULES.md R-TIT-2", CentreType::Autre, "2024-02-29", "2025-02-28", TitleValidity::InProlongation},
        ProlongationCase{"leap_end_of_life_day_after", "RULES.md R-TIT-2", CentreType::Autre, "2024-02-29", "2025-03-01", TitleValidity::BeyondProlongation}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(R_TIT_1_ProlongationMonths, TwelveOrTwentyFourByCentreType) {
    EXPECT_EQ(prolongationMonths(CentreType::Autre), 12);  // seed 002:141
    EXPECT_EQ(prolongationMonths(CentreType::Cfa), 24);    // seed 003:72
    EXPECT_EQ(prolongationMonths(CentreType::Crp), 24);    // seed 003:72
}

TEST(R_TIT_2_SessionOnTitle, RefusedBeyondProlongationAcceptedWithin) {
    // seed 002:137-141: sessions on expired titles only within the prolongation
    Title title = test::exampleTitle();
    title.end_of_life = day("2025-06-30");
    Session session = test::exampleSession(SessionStatus::EnPreparation);
    session.start = day("2026-06-29");
    session.end = day("2026-06-30");
    EXPECT_TRUE(checkTitleOpenForSession(title, CentreType::Autre, session).isAllowed());
    session.end = day("2026-07-01");
    const Outcome late = checkTitleOpenForSession(title, CentreType::Autre, session);
    ASSERT_TRUE(late.isRefused());
    EXPECT_EQ(late.violations[0].rule, "R-TIT-2");
    EXPECT_NE(late.violations[0].message.find("TP-01318"), std::string::npos);
    EXPECT_TRUE(checkTitleOpenForSession(title, CentreType::Cfa, session).isAllowed());
}

TEST(R_TIT_2_Description, SaysUntilWhen) {
    Title title = test::exampleTitle();
    title.end_of_life = day("2025-06-30");
    EXPECT_EQ(describeTitleValidity(title, CentreType::Autre, day("2026-04-02")),
              "en prolongation jusqu'au 30/06/2026");
    EXPECT_EQ(describeTitleValidity(title, CentreType::Autre, day("2025-01-02")),
              "en cours de validité jusqu'au 30/06/2025");
    EXPECT_EQ(describeTitleValidity(title, CentreType::Autre, day("2027-01-02")),
              "hors délai de prolongation depuis le 01/07/2026");
}

// seed 000:30-37: a new end-of-life moves aligned agréments and habilitations, only them.
TEST(R_TIT_3_EndOfLifeCascade, MovesAlignedDatesOnly) {
    const Title title = test::exampleTitle();  // end of life 2028-10-31
    const std::vector<Agrement> agrements = {
        {"A-1", "78184280200048", "TP-01318", day("2023-01-01"), day("2028-10-31"), {}, {}},
        {"A-2", "78184280200048", "TP-01318", day("2023-01-01"), day("2027-10-31"), {}, {}},
        {"A-3", "78184280200048", "TP-00247", day("2023-01-01"), day("2028-10-31"), {}, {}},
    };
    Juror ccp_juror = test::nguyen();
    ccp_juror.habilitations.push_back(
        test::habilitation("CP-01318-2", HabilitationState::Active, "2025-01-01", "2028-10-31"));
    const std::vector<Juror> jurors = {test::durand(), ccp_juror};
    const EndOfLifeCascade cascade = changeEndOfLife(title, day("2029-12-31"), agrements, jurors);
    EXPECT_EQ(cascade.old_end_of_life, day("2028-10-31"));
    ASSERT_EQ(cascade.agrements.size(), 1u);
    EXPECT_EQ(cascade.agrements[0].agrement_id, "A-1");
    EXPECT_EQ(cascade.agrements[0].new_end, day("2029-12-31"));
    ASSERT_EQ(cascade.habilitations.size(), 2u);
    EXPECT_EQ(cascade.habilitations[0].juror_id, "J-1042");
    EXPECT_EQ(cascade.habilitations[1].juror_id, "J-2210");
    EXPECT_EQ(cascade.habilitations[1].habilitation_index, 1u);  // the aligned CCP one
    EXPECT_EQ(cascade.habilitations[1].old_end, day("2028-10-31"));
}

TEST(R_TIT_3_EndOfLifeCascade, EarlierEndOfLifeMovesThemToo) {
    const EndOfLifeCascade cascade =
        changeEndOfLife(test::exampleTitle(), day("2027-06-30"), {}, {test::durand(), test::nguyen()});
    ASSERT_EQ(cascade.habilitations.size(), 1u);
    EXPECT_EQ(cascade.habilitations[0].new_end, day("2027-06-30"));
}

TEST(R_TIT_3_TitleCode, UnitsBelongToTheirTitle) {
    EXPECT_EQ(titleCodeOf("CP-01318-1"), "TP-01318");
    EXPECT_EQ(titleCodeOf("CS-01318-12"), "TP-01318");
    EXPECT_EQ(titleCodeOf("TP-00247"), "TP-00247");
}

// seed 003:123-127: NSF codes missing from parchemins are a data error.
TEST(R_TIT_4_Nsf, RequiredForParchemin) {
    Title title = test::exampleTitle();
    EXPECT_TRUE(checkNsfForParchemin(title).isAllowed());
    title.nsf.clear();
    const Outcome missing = checkNsfForParchemin(title);
    ASSERT_TRUE(missing.isRefused());
    EXPECT_EQ(missing.violations[0].rule, "R-TIT-4");
    EXPECT_EQ(missing.violations[0].subject, "TP-01318");
    title.nsf = {""};
    EXPECT_TRUE(checkNsfForParchemin(title).isRefused());
}

}  // namespace
}  // namespace ceres::domain
