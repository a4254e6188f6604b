// Dates carry the month arithmetic of R-TIT-2 and every lead time of R-SES-2.
#include <gtest/gtest.h>

#include "domain/date.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

TEST(R_TIT_2_DateParsing, AcceptsRealDaysOnly) {
    EXPECT_TRUE(Date::parse("2026-05-20"));
    EXPECT_TRUE(Date::parse("2024-02-29"));   // leap year
    EXPECT_FALSE(Date::parse("2026-02-29"));  // not a leap year
    EXPECT_FALSE(Date::parse("2026-02-30"));
    EXPECT_FALSE(Date::parse("1900-02-29"));  // century, not leap
    EXPECT_TRUE(Date::parse("2000-02-29"));   // 400-year rule
    EXPECT_FALSE(Date::parse("2026-13-01"));
    EXPECT_FALSE(Date::parse("2026-00-10"));
    EXPECT_FALSE(Date::parse("2026-04-31"));
    EXPECT_FALSE(Date::parse("2026-5-20"));
    EXPECT_FALSE(Date::parse("2026/05/20"));
    EXPECT_FALSE(Date::parse("20260520"));
    EXPECT_FALSE(Date::parse("2026-05-2a"));
    EXPECT_FALSE(Date::parse(""));
}

TEST(R_TIT_2_DateArithmetic, DaysSince2000AndBack) {
    EXPECT_EQ(day("2000-01-01").daysSinceEpoch(), 0);
    EXPECT_EQ(day("2000-03-01").daysSinceEpoch(), 60);
    EXPECT_EQ(day("1999-12-31").daysSinceEpoch(), -1);
    EXPECT_EQ(day("2026-05-20").daysSinceEpoch(), 9636);
    for (long d = -730000; d <= 2900000; d += 997) {
        EXPECT_EQ(Date::fromDaysSinceEpoch(d).daysSinceEpoch(), d);
    }
    EXPECT_EQ(day("2024-02-28").addDays(1), day("2024-02-29"));
    EXPECT_EQ(day("2023-02-28").addDays(1), day("2023-03-01"));
    EXPECT_EQ(day("2026-12-31").addDays(1), day("2027-01-01"));
    EXPECT_EQ(day("2026-05-20").addDays(-30), day("2026-04-20"));
    EXPECT_EQ(daysBetween(day("2025-05-20"), day("2026-05-20")), 365);
    EXPECT_EQ(daysBetween(day("2024-01-01"), day("2025-01-01")), 366);
}

struct MonthCase {
    const char* from;
    int months;
    const char* expected;
};

class R_TIT_2_AddMonths : public ::testing::TestWithParam<MonthCase> {};

// RULES.md R-TIT-2: month arithmetic clamps to month end.
TEST_P(R_TIT_2_AddMonths, ClampsToMonthEnd) {
    EXPECT_EQ(day(GetParam().from).addMonths(GetParam().months), day(GetParam().expected));
}

INSTANTIATE_TEST_SUITE_P(Table, R_TIT_2_AddMonths,
                         ::testing::Values(MonthCase{"2026-01-31", 1, "2026-02-28"},
                                           MonthCase{"2024-01-31", 1, "2024-02-29"},
                                           MonthCase{"2026-03-31", -1, "2026-02-28"},
                                           MonthCase{"2026-05-31", -3, "2026-02-28"},
                                           MonthCase{"2026-08-31", 1, "2026-09-30"},
                                           MonthCase{"2026-01-15", 12, "2027-01-15"},
                                           MonthCase{"2024-02-29", 12, "2025-02-28"},
                                           MonthCase{"2026-12-15", 1, "2027-01-15"},
                                           MonthCase{"2026-01-15", -1, "2025-12-15"},
                                           MonthCase{"2025-06-30", 24, "2027-06-30"}));

TEST(R_TIT_2_DateFormatting, IsoAndFrench) {
    EXPECT_EQ(day("2026-05-02").iso(), "2026-05-02");
    EXPECT_EQ(day("2026-05-02").french(), "02/05/2026");
    EXPECT_LT(day("2026-05-01"), day("2026-05-02"));
    EXPECT_EQ(day("2024-02-29").addYears(-5), day("2019-02-28"));
}

TEST(R_SES_1_TimeOfDay, ParsesHoursAndMinutes) {
    EXPECT_EQ(test::hm("07:45").minutesSinceMidnight(), 7 * 60 + 45);
    EXPECT_EQ(test::hm("08:00").text(), "08:00");
    EXPECT_FALSE(TimeOfDay::parse("24:00"));
    EXPECT_FALSE(TimeOfDay::parse("12:60"));
    EXPECT_FALSE(TimeOfDay::parse("8:00"));
    EXPECT_TRUE(test::hm("07:45") < test::hm("08:00"));
}

}  // namespace
}  // namespace ceres::domain
