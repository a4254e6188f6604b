// The dashboard read back with openpyxl and zipfile: figures, totals and native charts.
#include <stdexcept>
#include <string>

#include <Poco/JSON/Array.h>
#include <gtest/gtest.h>

#include <cstdio>

#include "read_back.h"
#include "xlsx/dashboard.h"

namespace ceres::xlsx {
namespace {

using test::day;
using test::readBackXlsx;
using test::rowCount;
using test::sheetNamed;
using test::textAt;

// R-DOC-5, DIRECCTE profile: five indicators over the last 12 months.
Dashboard direccteDashboard() {
    Dashboard input;
    input.profile = "DIRECCTE";
    input.as_of = day(2026, 11, 1);
    input.perimeter = "Nouvelle-Aquitaine (75)";
    input.months = {day(2025, 12, 1)};
    for (int month = 1; month <= 11; ++month)
        input.months.push_back(day(2026, month, 1));
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

// The ISO date of a month cell (a date shown "nov. 2025"), "" for any other cell.
std::string monthAt(const Poco::JSON::Object::Ptr& sheet, std::size_t row, std::size_t col) {
    const auto cell = sheet->getArray("rows")->getArray(row)->get(col);
    if (cell.type() != typeid(Poco::JSON::Object::Ptr)) return "";
    const auto date = cell.extract<Poco::JSON::Object::Ptr>();
    return date->getValue<std::string>("format") == "[$-40C]mmm yyyy" ? date->getValue<std::string>("date") : "";
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
    EXPECT_NE(title.find("— Nouvelle-Aquitaine (75) —"), std::string::npos) << title;
    EXPECT_NE(title.find("01/11/2026"), std::string::npos) << title;
}

TEST_F(DashboardTest, R_DOC_5_oneRowPerMonthOneColumnPerIndicator) {
    const Dashboard input = direccteDashboard();
    EXPECT_EQ(textAt(sheet_, 2, 0), "Mois");
    for (std::size_t i = 0; i < input.indicators.size(); ++i)
        EXPECT_EQ(textAt(sheet_, 2, i + 1), input.indicators[i].name);
    for (std::size_t m = 0; m < 12; ++m) {
        char iso[11];
        std::snprintf(iso, sizeof iso, "%04d-%02d-01", input.months[m].year(),
                      input.months[m].month());
        EXPECT_EQ(monthAt(sheet_, 3 + m, 0), iso) << "a month is a date cell";
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

// Months read as months in French, the header stays in view, the sheet prints on A4 landscape.
TEST_F(DashboardTest, monthsShowInFrenchWithTheirYearAndTheSheetPrints) {
    const auto month = sheet_->getArray("rows")->getArray(3)->getObject(0);
    EXPECT_EQ(month->getValue<std::string>("format"), "[$-40C]mmm yyyy");
    EXPECT_EQ(sheet_->getValue<std::string>("freeze"), "A4");
    const auto print = sheet_->getObject("print");
    EXPECT_EQ(print->getValue<std::string>("orientation"), "landscape");
    EXPECT_EQ(print->getValue<int>("paper"), 9);  // A4
    EXPECT_TRUE(print->getValue<bool>("fit_to_page"));
    EXPECT_EQ(print->getValue<int>("pages_wide"), 1);
    EXPECT_EQ(print->getValue<int>("pages_tall"), 0);
    EXPECT_EQ(print->getValue<std::string>("title_rows"), "$3:$3");
    EXPECT_EQ(print->getValue<std::string>("footer"), "page &P / &N");
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
    EXPECT_EQ(monthAt(sheetNamed(workbook, "Indicateurs"), 14, 0), "2026-11-01");
}

TEST(Dashboard, countsThatDoNotMatchTheMonthsAreRefused) {
    Dashboard input = direccteDashboard();
    input.indicators[1].counts.pop_back();
    EXPECT_THROW(writeDashboard(input), std::invalid_argument);
}

}  // namespace
}  // namespace ceres::xlsx
