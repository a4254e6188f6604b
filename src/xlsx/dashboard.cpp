#include "xlsx/dashboard.h"

#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "xlsx/error.h"
#include "xlsx/internal/sheet_writer.h"
#include "xlsx/internal/workbook_file.h"

namespace ceres::xlsx {
namespace {

using internal::SheetWriter;

constexpr const char* kSheet = "Indicateurs";
constexpr lxw_row_t kTitleRow = 0;
constexpr lxw_row_t kHeaderRow = 2;
constexpr lxw_row_t kFirstMonthRow = 3;
constexpr lxw_col_t kMonthColumn = 0;

// Charts sit right of the table, two per row of the grid, each about 8 columns by 16 rows.
constexpr lxw_col_t kChartColumnsApart = 8;
constexpr lxw_row_t kChartRowsApart = 16;

struct Layout {
    lxw_row_t last_month_row;
    lxw_row_t total_row;
    lxw_col_t first_chart_col;
};

Layout layoutOf(const Dashboard& input) {
    const auto months = static_cast<lxw_row_t>(input.months.size());
    const auto indicators = static_cast<lxw_col_t>(input.indicators.size());
    return {kFirstMonthRow + months - 1, kFirstMonthRow + months,
            static_cast<lxw_col_t>(indicators + 2)};
}

void requireOneCountPerMonth(const Dashboard& input) {
    if (input.months.empty())
        throw std::invalid_argument("dashboard: no month to show");
    for (const Indicator& indicator : input.indicators)
        if (indicator.counts.size() != input.months.size())
            throw std::invalid_argument("dashboard: indicator \"" + indicator.name + "\" has " +
                                        std::to_string(indicator.counts.size()) +
                                        " counts for " + std::to_string(input.months.size()) +
                                        " months");
}

std::string titleOf(const Dashboard& input) {
    return "Tableau de bord " + input.profile + " — " + input.perimeter + " — au " +
           internal::formatDate(input.as_of);
}

void fitColumns(const SheetWriter& out, const Dashboard& input) {
    internal::ColumnWidths widths(input.indicators.size() + 1);
    widths.fit(kMonthColumn, "Total");
    widths.fitCharacters(kMonthColumn, 10);  // "sept. 2025"
    for (std::size_t i = 0; i < input.indicators.size(); ++i)
        widths.fit(i + 1, input.indicators[i].name);
    widths.apply(out);
}

void writeTable(SheetWriter& out, const Dashboard& input, const Layout& layout, lxw_format* bold,
                lxw_format* month) {
    out.text(kHeaderRow, kMonthColumn, "Mois", bold);
    for (std::size_t m = 0; m < input.months.size(); ++m)
        out.date(kFirstMonthRow + static_cast<lxw_row_t>(m), kMonthColumn, input.months[m], month);
    out.text(layout.total_row, kMonthColumn, "Total", bold);

    for (std::size_t i = 0; i < input.indicators.size(); ++i) {
        const Indicator& indicator = input.indicators[i];
        const auto col = static_cast<lxw_col_t>(i + 1);
        out.text(kHeaderRow, col, indicator.name, bold);
        for (std::size_t m = 0; m < indicator.counts.size(); ++m)
            out.number(kFirstMonthRow + static_cast<lxw_row_t>(m), col,
                       static_cast<double>(indicator.counts[m]));
        // The formula keeps the total right if someone edits a month; the cached value lets
        // readers that do not compute formulas see the figure.
        char sum[64];
        char range[LXW_MAX_CELL_RANGE_LENGTH];
        lxw_rowcol_to_range(range, kFirstMonthRow, col, layout.last_month_row, col);
        std::snprintf(sum, sizeof sum, "=SUM(%s)", range);
        const long total = std::accumulate(indicator.counts.begin(), indicator.counts.end(), 0L);
        internal::check(worksheet_write_formula_num(out.sheet(), layout.total_row, col, sum, bold,
                                                    static_cast<double>(total)),
                        out.context() + ", total of " + indicator.name);
    }
}

void addSeries(lxw_chart* chart, const Layout& layout, lxw_col_t col) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    if (!series)
        throw XlsxError("dashboard: cannot add a chart series");
    chart_series_set_categories(series, kSheet, kFirstMonthRow, kMonthColumn,
                                layout.last_month_row, kMonthColumn);
    chart_series_set_values(series, kSheet, kFirstMonthRow, col, layout.last_month_row, col);
    chart_series_set_name_range(series, kSheet, kHeaderRow, col);
}

lxw_chart* newColumnChart(internal::WorkbookFile& book, const std::string& title) {
    lxw_chart* chart = workbook_add_chart(book.handle(), LXW_CHART_COLUMN);
    if (!chart)
        throw XlsxError("dashboard: cannot add a chart");
    chart_title_set_name(chart, title.c_str());
    chart_axis_set_num_format(chart->y_axis, "0");
    return chart;
}

void insertChart(const SheetWriter& out, const Layout& layout, std::size_t position,
                 lxw_chart* chart) {
    const auto row = static_cast<lxw_row_t>(position / 2) * kChartRowsApart;
    const auto col =
        layout.first_chart_col + static_cast<lxw_col_t>(position % 2) * kChartColumnsApart;
    internal::check(worksheet_insert_chart(out.sheet(), row, col, chart),
                    out.context() + ", chart " + std::to_string(position + 1));
}

void addCharts(internal::WorkbookFile& book, const SheetWriter& out, const Dashboard& input,
               const Layout& layout) {
    if (input.indicators.empty())
        return;  // a chart without series is not a valid chart part
    lxw_chart* all = newColumnChart(book, "Tous les indicateurs");
    chart_legend_set_position(all, LXW_CHART_LEGEND_BOTTOM);
    for (std::size_t i = 0; i < input.indicators.size(); ++i)
        addSeries(all, layout, static_cast<lxw_col_t>(i + 1));
    insertChart(out, layout, 0, all);

    for (std::size_t i = 0; i < input.indicators.size(); ++i) {
        lxw_chart* one = newColumnChart(book, input.indicators[i].name);
        chart_legend_set_position(one, LXW_CHART_LEGEND_NONE);
        addSeries(one, layout, static_cast<lxw_col_t>(i + 1));
        insertChart(out, layout, i + 1, one);
    }
}

}  // namespace

std::string writeDashboard(const Dashboard& input) {
    requireOneCountPerMonth(input);
    const std::string title = titleOf(input);
    internal::WorkbookFile book({"dashboard", title, input.as_of, /*constant_memory=*/false});
    SheetWriter out(book.addSheet(kSheet), std::string("dashboard, sheet ") + kSheet);
    const Layout layout = layoutOf(input);

    fitColumns(out, input);
    out.text(kTitleRow, kMonthColumn, title, book.bold());
    // A month is a real date cell (the first of the month), shown in French as "nov. 2025".
    lxw_format* month = workbook_add_format(book.handle());
    format_set_num_format(month, "[$-40C]mmm yyyy");
    writeTable(out, input, layout, book.bold(), month);
    worksheet_freeze_panes(out.sheet(), kFirstMonthRow, 0);
    out.printSetup(kHeaderRow);
    addCharts(book, out, input, layout);
    return book.finish();
}

}  // namespace ceres::xlsx
