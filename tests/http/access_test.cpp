#include "http/access.h"

#include "domain/codes.h"

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
    EXPECT_EQ(withinPerimeter(Caller{"u", *ceres::domain::parseProfile(c.profile), c.perimeter}, kGironde), c.within);
}

INSTANTIATE_TEST_SUITE_P(Contract, WithinPerimeter,
                         ::testing::Values(PerimeterCase{"SERVICE", "FR", true},
                                           PerimeterCase{"UD", "33", true}, PerimeterCase{"UD", "69", false},
                                           PerimeterCase{"UD", "75", false},  // a region code is not a department
                                           PerimeterCase{"DIRECCTE", "75", true},
                                           PerimeterCase{"DIRECCTE", "84", false},
                                           PerimeterCase{"DIRECCTE", "33", false},
                                           PerimeterCase{"CENTRE", "78184280200048", true},
                                           PerimeterCase{"CENTRE", "73282932000074", false},
                                           PerimeterCase{"ACC", "FR", true}, PerimeterCase{"ACC", "33", true},
                                           PerimeterCase{"ACC", "75", true},  // its region
                                           PerimeterCase{"ACC", "69", false}, PerimeterCase{"ACC", "84", false},
                                           PerimeterCase{"UD", "", false}));

TEST(Access, EmptyDocumentPerimeterIsNeverMatchedByAnEmptyClaim) {
    EXPECT_FALSE(withinPerimeter(Caller{"u", ceres::domain::Profile::Centre, ""}, Perimeter{}));
}

TEST(Access, CentreSubmitsOnlyItsThreeKinds) {
    const Caller centre{"c", ceres::domain::Profile::Centre, "78184280200048"};
    EXPECT_TRUE(maySubmitKind(centre, "convocations"));
    EXPECT_TRUE(maySubmitKind(centre, "dte_request"));
    EXPECT_TRUE(maySubmitKind(centre, "juror_export"));
    EXPECT_FALSE(maySubmitKind(centre, "session_results"));
    EXPECT_FALSE(maySubmitKind(centre, "print_batch"));
    EXPECT_TRUE(maySubmitKind(Caller{"s", ceres::domain::Profile::Service, "FR"}, "print_batch"));
    EXPECT_FALSE(maySubmitJobs(Caller{"d", ceres::domain::Profile::Dispatch, "FR"}));
}

TEST(Access, CentreReadsOnlyItsThreeKindsAndItsDashboardInItsPerimeter) {
    const Caller centre{"c", ceres::domain::Profile::Centre, "78184280200048"};
    for (const char* kind : {"convocation", "convocations_merged", "dte_request", "juror_export", "dashboard_xlsx",
                             "dashboard_pdf"}) {
        EXPECT_TRUE(mayReadDocument(centre, kind, kGironde)) << kind;
        EXPECT_FALSE(mayReadDocument(Caller{"c", ceres::domain::Profile::Centre, "73282932000074"}, kind, kGironde)) << kind;
    }
    for (const char* kind : {"pv_general", "pv_individuel", "parchemin", "print_batch", "print_manifest_csv"})
        EXPECT_FALSE(mayReadDocument(centre, kind, kGironde)) << kind;
    EXPECT_TRUE(mayReadDocument(Caller{"u", ceres::domain::Profile::Ud, "33"}, "pv_general", kGironde));
    EXPECT_TRUE(mayReadDocument(Caller{"u", ceres::domain::Profile::Ud, "33"}, "parchemin", kGironde));
    EXPECT_FALSE(mayReadDocument(Caller{"u", ceres::domain::Profile::Ud, "69"}, "convocation", kGironde));
}

TEST(Access, JobsAreReadByTheirSubmitterOrTheService) {
    const Caller centre{"c", ceres::domain::Profile::Centre, "78184280200048"};
    EXPECT_TRUE(mayReadJob(centre, centre));
    EXPECT_FALSE(mayReadJob(centre, Caller{"other", ceres::domain::Profile::Centre, "78184280200048"}));
    EXPECT_FALSE(mayReadJob(centre, Caller{"c", ceres::domain::Profile::Centre, "73282932000074"})) << "same sub, another perimeter";
    EXPECT_FALSE(mayReadJob(centre, Caller{"c", ceres::domain::Profile::Service, "FR"})) << "same sub, another profile";
    EXPECT_TRUE(mayReadJob(Caller{"s", ceres::domain::Profile::Service, "FR"}, Caller{"other", ceres::domain::Profile::Centre, "78184280200048"}));
    EXPECT_FALSE(mayReadJob(Caller{"u", ceres::domain::Profile::Ud, "33"}, Caller{"u", ceres::domain::Profile::Ud, "33"}));
}

TEST(Access, DispatchReadsPrintBatchesOnly) {
    const Caller dispatch{"d", ceres::domain::Profile::Dispatch, "FR"};
    for (const char* kind : {"print_batch", "print_manifest_xlsx", "print_manifest_csv"})
        EXPECT_TRUE(mayReadDocument(dispatch, kind, kGironde)) << kind;
    for (const char* kind : {"pv_general", "pv_individuel", "parchemin", "convocation", "juror_export", "dte_request",
                             "dashboard_pdf", "dashboard_xlsx"})
        EXPECT_FALSE(mayReadDocument(dispatch, kind, kGironde)) << kind;
}

TEST(Access, AccReadsTheDashboardsOfItsPerimeterOnly) {
    for (const char* perimeter : {"FR", "33", "75"}) {
        EXPECT_TRUE(mayReadDocument(Caller{"a", ceres::domain::Profile::Acc, perimeter}, "dashboard_pdf", kGironde)) << perimeter;
        EXPECT_TRUE(mayReadDocument(Caller{"a", ceres::domain::Profile::Acc, perimeter}, "dashboard_xlsx", kGironde)) << perimeter;
        for (const char* kind : {"pv_general", "parchemin", "convocation", "juror_export", "print_batch"})
            EXPECT_FALSE(mayReadDocument(Caller{"a", ceres::domain::Profile::Acc, perimeter}, kind, kGironde)) << perimeter << " " << kind;
    }
    EXPECT_FALSE(mayReadDocument(Caller{"a", ceres::domain::Profile::Acc, "69"}, "dashboard_pdf", kGironde));
    EXPECT_TRUE(mayReadDocument(Caller{"a", ceres::domain::Profile::Acc, "FR"}, "dashboard_pdf", Perimeter{})) << "a national dashboard";
    EXPECT_FALSE(mayReadDocument(Caller{"a", ceres::domain::Profile::Acc, "33"}, "dashboard_pdf", Perimeter{}));
}

struct FitCase {
    const char* profile;
    const char* perimeter;
    bool fits;
};

class PerimeterFits : public ::testing::TestWithParam<FitCase> {};

TEST_P(PerimeterFits, FollowsTheContract) {
    EXPECT_EQ(perimeterFits(GetParam().profile, GetParam().perimeter), GetParam().fits);
}

INSTANTIATE_TEST_SUITE_P(
    Contract, PerimeterFits,
    ::testing::Values(FitCase{"SERVICE", "FR", true}, FitCase{"SERVICE", "33", false}, FitCase{"SERVICE", "", false},
                      FitCase{"DISPATCH", "FR", true}, FitCase{"DISPATCH", "33", false},
                      FitCase{"UD", "33", true}, FitCase{"UD", "01", true}, FitCase{"UD", "95", true},
                      FitCase{"UD", "2A", true}, FitCase{"UD", "2B", true}, FitCase{"UD", "971", true},
                      FitCase{"UD", "976", true}, FitCase{"UD", "00", false}, FitCase{"UD", "96", false},
                      FitCase{"UD", "977", false}, FitCase{"UD", "3", false}, FitCase{"UD", "FR", false},
                      FitCase{"UD", "78184280200048", false}, FitCase{"DIRECCTE", "75", true},
                      FitCase{"DIRECCTE", "84", true}, FitCase{"DIRECCTE", "94", true}, FitCase{"DIRECCTE", "33", false},
                      FitCase{"DIRECCTE", "FR", false}, FitCase{"CENTRE", "78184280200048", true},
                      FitCase{"CENTRE", "73282932000074", true}, FitCase{"CENTRE", "11111111111111", false},
                      FitCase{"CENTRE", "33", false}, FitCase{"CENTRE", "7818428020004X", false},
                      FitCase{"ACC", "FR", true}, FitCase{"ACC", "33", true}, FitCase{"ACC", "84", true},
                      FitCase{"ACC", "2A", true}, FitCase{"ACC", "78184280200048", false}, FitCase{"ACC", "", false},
                      FitCase{"ADMIN", "FR", false}),
    [](const auto& info) {
        return std::string(info.param.profile) + "_" + (*info.param.perimeter ? info.param.perimeter : "empty");
    });

TEST(Access, PrintBatchesAreForDispatchAndService) {
    EXPECT_TRUE(mayUsePrintBatches(Caller{"d", ceres::domain::Profile::Dispatch, "FR"}));
    EXPECT_TRUE(mayUsePrintBatches(Caller{"s", ceres::domain::Profile::Service, "FR"}));
    EXPECT_FALSE(mayUsePrintBatches(Caller{"u", ceres::domain::Profile::Ud, "33"}));
    EXPECT_FALSE(mayUsePrintBatches(Caller{"c", ceres::domain::Profile::Centre, "78184280200048"}));
}

}  // namespace
}  // namespace ceres::http
