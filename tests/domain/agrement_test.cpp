// Agrément suspension (R-AGR-1) and restoration (R-AGR-2), seed 000:139-160.
#include <gtest/gtest.h>

#include "domain/agrement.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

Session session(const char* id, SessionStatus status, const char* start, const char* end) {
    Session s = test::exampleSession(status);
    s.id = id;
    s.start = day(start);
    s.end = day(end);
    return s;
}

// seed 000:145-146 ended sessions keep their status; current and future ones are suspended
TEST(R_AGR_1_Suspension, CurrentAndFutureSessionsSuspended) {
    const std::vector<Session> sessions = {
        session("ended", SessionStatus::Terminee, "2026-03-01", "2026-03-03"),
        session("validated", SessionStatus::Validee, "2026-02-01", "2026-02-03"),
        session("past_by_date", SessionStatus::EnCours, "2026-03-10", "2026-03-31"),
        session("ends_on_decision_day", SessionStatus::EnCours, "2026-03-30", "2026-04-01"),
        session("current", SessionStatus::EnCours, "2026-03-31", "2026-04-03"),
        session("future", SessionStatus::DteDemandee, "2026-05-20", "2026-05-22"),
        session("cancelled", SessionStatus::Annulee, "2026-05-20", "2026-05-22"),
    };
    const auto changes = suspendAgrement(sessions, day("2026-04-01"));
    ASSERT_EQ(changes.size(), 3u);
    EXPECT_EQ(changes[0].session_id, "ends_on_decision_day");
    EXPECT_EQ(changes[1].session_id, "current");
    EXPECT_EQ(changes[2].session_id, "future");
    EXPECT_EQ(changes[2].from, SessionStatus::DteDemandee);
    EXPECT_EQ(changes[2].to, SessionStatus::Suspendue);
}

struct RestoreCase {
    const char* name;
    const char* seed;
    const char* decision;
    SessionStatus expected;
};

class R_AGR_2_Restoration : public ::testing::TestWithParam<RestoreCase> {};

TEST_P(R_AGR_2_Restoration, DependsOnDecisionDay) {
    Session s = session("S", SessionStatus::Suspendue, "2026-05-20", "2026-05-22");
    s.status_before_suspension = SessionStatus::ConvocationsEnvoyees;
    const auto changes = restoreAgrement({s}, day(GetParam().decision));
    const SessionStatus after = changes.empty() ? s.status : changes[0].to;
    EXPECT_EQ(after, GetParam().expected) << GetParam().seed;
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_AGR_2_Restoration,
    ::testing::Values(
        // seed 000:158-160 decision before the session: back to the status before suspension
        RestoreCase{"day_before_start", "000:158", "2026-05-19", SessionStatus::ConvocationsEnvoyees},
        // seed 000:155-157 decision within the session: cancelled, first and last day included
        RestoreCase{"on_first_day", "000:155", "2026-05-20", SessionStatus::Annulee},
        RestoreCase{"in_the_middle", "000:155", "2026-05-21", SessionStatus::Annulee},
        RestoreCase{"on_last_day", "000:155", "2026-05-22", SessionStatus::Annulee},
        // seed 000:152-154 otherwise stays suspended
        RestoreCase{"day_after_end", "000:152", "2026-05-23", SessionStatus::Suspendue}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(R_AGR_2_Restoration, OnlySessionsSuspendedByTheAgrement) {
    Session ended = session("ended", SessionStatus::Terminee, "2026-03-01", "2026-03-03");
    Session other = session("other", SessionStatus::Suspendue, "2026-05-20", "2026-05-22");
    EXPECT_TRUE(restoreAgrement({ended, other}, day("2026-04-01")).empty());
}

}  // namespace
}  // namespace ceres::domain
