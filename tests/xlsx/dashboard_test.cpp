// The dashboard read back with openpyxl and zipfile: figures, totals and native charts.
#include <stdexcept>
#include <string>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include "read_back.h"
#include "xlsx/dashboard.h"

namespace ceres::xlsx {
namespace {

using test::readBackXlsx;
using test::rowCount;
using test::sheetNamed;
using test::textAt;

// R-DOC-5, DIRECCTE profile: five indicators over the last 12 months.
Dashboard direccteDashboard() {
    Dashboard input;
    input.profile = "DIRECCTE";
    input.perimeter = "75";
    input.as_of = {2026, 11, 1};
    input.months = {"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
                    "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"};
    const char* names[] = {"Agréments instruits", "Contrôles", "Rapports publiés",
                           "Sessions programmées", "Demandes de DTE"};
    for (int i = 0; i < 5; ++i) {
        Indicator indicator{names[i], {}};
        for (int month = 0; month < 12; ++month)
            indicator.counts.push_back((month * (i + 3)) % 7);
        input.indicators.push_back(indicator);
    }
    return input;
}

long total(const Indicator& indicator) {
    long sum = 0;
    for (long count : indicator.counts)
        sum += count;
    return sum;
}

class DashboardTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        workbook_ = readBackXlsx(writeDashboard(direccteDashboard()));
        sheet_ = sheetNamed(workbook_, "Indicateurs");
    }
    static Poco::JSON::Object::Ptr workbook_;
    static Poco::JSON::Object::Ptr sheet_;
};

Poco::JSON::Object::Ptr DashboardTest::workbook_;
Poco::JSON::Object::Ptr DashboardTest::sheet_;

double numberAt(const Poco::JSON::Object::Ptr& sheet, std::size_t row, std::size_t col) {
    return sheet->getArray("rows")->getArray(row)->getElement<double>(col);
}

TEST_F(DashboardTest, titleNamesProfilePerimeterAndDate) {
    const std::string title = textAt(sheet_, 0, 0);
    EXPECT_NE(title.find("DIRECCTE"), std::string::npos) << title;
    EXPECT_NE(title.find("75"), std::string::npos) << title;
    EXPECT_NE(title.find("01/11/2026"), std::string::npos) << title;
}

TEST_F(DashboardTest, R_DOC_5_oneRowPerMonthOneColumnPerIndicator) {
    const Dashboard input = direccteDashboard();
    EXPECT_EQ(textAt(sheet_, 2, 0), "Mois");
    for (std::size_t i = 0; i < input.indicators.size(); ++i)
        EXPECT_EQ(textAt(sheet_, 2, i + 1), input.indicators[i].name);
    for (std::size_t m = 0; m < 12; ++m) {
        EXPECT_EQ(textAt(sheet_, 3 + m, 0), input.months[m]);
        for (std::size_t i = 0; i < input.indicators.size(); ++i)
            EXPECT_EQ(numberAt(sheet_, 3 + m, i + 1), input.indicators[i].counts[m]);
    }
}

TEST_F(DashboardTest, totalRowIsASumFormulaWithItsValue) {
    const Dashboard input = direccteDashboard();
    EXPECT_EQ(textAt(sheet_, 15, 0), "Total");
    for (std::size_t i = 0; i < input.indicators.size(); ++i)
        EXPECT_EQ(numberAt(sheet_, 15, i + 1), total(input.indicators[i]));
    EXPECT_EQ(sheet_->getObject("formulas")->getValue<std::string>("B16"), "=SUM(B4:B15)");
    EXPECT_EQ(sheet_->getObject("formulas")->getValue<std::string>("F16"), "=SUM(F4:F15)");
}

TEST_F(DashboardTest, oneCombinedChartAndOneChartPerIndicatorOnTheSheetRanges) {
    const auto charts = workbook_->getObject("charts");
    ASSERT_EQ(charts->size(), 6u);
    const auto combined = charts->getArray("xl/charts/chart1.xml");
    std::string ranges;
    for (std::size_t i = 0; i < combined->size(); ++i)
        ranges += combined->getElement<std::string>(i) + " ";
    for (const char* range : {"Indicateurs!$A$4:$A$15", "Indicateurs!$B$4:$B$15",
                              "Indicateurs!$F$4:$F$15", "Indicateurs!$F$3"})
        EXPECT_NE(ranges.find(range), std::string::npos) << range << " in " << ranges;
    const auto last = charts->getArray("xl/charts/chart6.xml");
    EXPECT_EQ(last->getElement<std::string>(2), "Indicateurs!$F$4:$F$15");
}

TEST_F(DashboardTest, packageIsAValidZipOfWellFormedXml) {
    EXPECT_EQ(workbook_->getArray("xml_errors")->size(), 0u);
}

TEST(Dashboard, sameInputGivesSameBytes) {
    EXPECT_EQ(writeDashboard(direccteDashboard()), writeDashboard(direccteDashboard()));
}

TEST(Dashboard, centreProfileWithOneIndicator) {
    Dashboard input = direccteDashboard();
    input.profile = "CENTRE";
    input.indicators.resize(1);
    const auto workbook = readBackXlsx(writeDashboard(input));
    EXPECT_EQ(workbook->getObject("charts")->size(), 2u);
    EXPECT_EQ(rowCount(sheetNamed(workbook, "Indicateurs")), 16u);
}

TEST(Dashboard, withoutIndicatorsHasMonthsAndNoChart) {
    Dashboard input = direccteDashboard();
    input.indicators.clear();
    const auto workbook = readBackXlsx(writeDashboard(input));
    EXPECT_EQ(workbook->getObject("charts")->size(), 0u);
    EXPECT_EQ(textAt(sheetNamed(workbook, "Indicateurs"), 14, 0), "2026-11");
}

TEST(Dashboard, countsThatDoNotMatchTheMonthsAreRefused) {
    Dashboard input = direccteDashboard();
    input.indicators[1].counts.pop_back();
    EXPECT_THROW(writeDashboard(input), std::invalid_argument);
}

}  // namespace
}  // namespace ceres::xlsx
