#include "http/access.h"

#include <gtest/gtest.h>

namespace ceres::http {
namespace {

const Perimeter kGironde{"33", "75", "78184280200048"};

struct PerimeterCase {
    const char* profile;
    const char* perimeter;
    bool within;
};

class WithinPerimeter : public ::testing::TestWithParam<PerimeterCase> {};

TEST_P(WithinPerimeter, FollowsTheProfile) {
    const auto& c = GetParam();
    EXPECT_EQ(withinPerimeter(Caller{"u", c.profile, c.perimeter}, kGironde), c.within);
}

INSTANTIATE_TEST_SUITE_P(Contract, WithinPerimeter,
                         ::testing::Values(PerimeterCase{"SERVICE", "FR", true}, PerimeterCase{"DISPATCH", "FR", true},
                                           PerimeterCase{"UD", "33", true}, PerimeterCase{"UD", "69", false},
                                           PerimeterCase{"UD", "75", false},  // a region code is not a department
                                           PerimeterCase{"DIRECCTE", "75", true},
                                           PerimeterCase{"DIRECCTE", "84", false},
                                           PerimeterCase{"DIRECCTE", "33", false},
                                           PerimeterCase{"CENTRE", "78184280200048", true},
                                           PerimeterCase{"CENTRE", "11111111111111", false},
                                           PerimeterCase{"ACC", "FR", true}, PerimeterCase{"ACC", "33", true},
                                           PerimeterCase{"ACC", "69", false}, PerimeterCase{"UD", "", false}));

TEST(Access, EmptyDocumentPerimeterIsNeverMatchedByAnEmptyClaim) {
    EXPECT_FALSE(withinPerimeter(Caller{"u", "CENTRE", ""}, Perimeter{}));
}

TEST(Access, CentreSubmitsOnlyItsThreeKinds) {
    const Caller centre{"c", "CENTRE", "78184280200048"};
    EXPECT_TRUE(maySubmitKind(centre, "convocations"));
    EXPECT_TRUE(maySubmitKind(centre, "dte_request"));
    EXPECT_TRUE(maySubmitKind(centre, "juror_export"));
    EXPECT_FALSE(maySubmitKind(centre, "session_results"));
    EXPECT_FALSE(maySubmitKind(centre, "print_batch"));
    EXPECT_TRUE(maySubmitKind(Caller{"s", "SERVICE", "FR"}, "print_batch"));
    EXPECT_FALSE(maySubmitJobs(Caller{"d", "DISPATCH", "FR"}));
}

TEST(Access, CentreReadsOnlyItsThreeKindsAndItsDashboardInItsPerimeter) {
    const Caller centre{"c", "CENTRE", "78184280200048"};
    for (const char* kind : {"convocation", "convocations_merged", "dte_request", "juror_export", "dashboard_xlsx",
                             "dashboard_pdf"}) {
        EXPECT_TRUE(mayReadDocument(centre, kind, kGironde)) << kind;
        EXPECT_FALSE(mayReadDocument(Caller{"c", "CENTRE", "11111111111111"}, kind, kGironde)) << kind;
    }
    for (const char* kind : {"pv_general", "pv_individuel", "parchemin", "print_batch", "print_manifest_csv"})
        EXPECT_FALSE(mayReadDocument(centre, kind, kGironde)) << kind;
    EXPECT_TRUE(mayReadDocument(Caller{"u", "UD", "33"}, "pv_general", kGironde));
    EXPECT_TRUE(mayReadDocument(Caller{"u", "UD", "33"}, "parchemin", kGironde));
    EXPECT_FALSE(mayReadDocument(Caller{"u", "UD", "69"}, "convocation", kGironde));
}

TEST(Access, JobsAreReadByTheirSubmitterOrTheService) {
    EXPECT_TRUE(mayReadJob(Caller{"c", "CENTRE", "1"}, "c"));
    EXPECT_FALSE(mayReadJob(Caller{"c", "CENTRE", "1"}, "other"));
    EXPECT_TRUE(mayReadJob(Caller{"s", "SERVICE", "FR"}, "other"));
    EXPECT_FALSE(mayReadJob(Caller{"u", "UD", "33"}, "u"));
}

TEST(Access, PrintBatchesAreForDispatchAndService) {
    EXPECT_TRUE(mayUsePrintBatches(Caller{"d", "DISPATCH", "FR"}));
    EXPECT_TRUE(mayUsePrintBatches(Caller{"s", "SERVICE", "FR"}));
    EXPECT_FALSE(mayUsePrintBatches(Caller{"u", "UD", "33"}));
    EXPECT_FALSE(mayUsePrintBatches(Caller{"c", "CENTRE", "78184280200048"}));
}

}  // namespace
}  // namespace ceres::http
