#include "xlsx/internal/sheet_writer.h"

#include <algorithm>
#include <utility>

#include "xlsx/internal/workbook_file.h"

namespace ceres::xlsx::internal {
namespace {

constexpr std::size_t kMinimumWidth = 6;
constexpr std::size_t kMaximumWidth = 60;
constexpr std::size_t kPadding = 2;  // room for the autofilter button

std::size_t codePoints(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char byte) {
        return (static_cast<unsigned char>(byte) & 0xC0) != 0x80;
    }));
}

std::string cellName(lxw_row_t row, lxw_col_t col) {
    char name[LXW_MAX_CELL_NAME_LENGTH];
    lxw_rowcol_to_cell(name, row, col);
    return name;
}

}  // namespace

SheetWriter::SheetWriter(lxw_worksheet* sheet, std::string context)
    : sheet_(sheet), context_(std::move(context)) {}

void SheetWriter::text(lxw_row_t row, lxw_col_t col, const std::string& value, lxw_format* format) {
    check(worksheet_write_string(sheet_, row, col, value.c_str(), format), row, col);
}

void SheetWriter::text(lxw_row_t row, lxw_col_t col, const std::optional<std::string>& value) {
    if (value)
        text(row, col, *value);
}

void SheetWriter::date(lxw_row_t row, lxw_col_t col, const std::optional<domain::Date>& value,
                       lxw_format* format) {
    if (!value)
        return;
    lxw_datetime day{value->year(), value->month(), value->day(), 0, 0, 0.0};
    check(worksheet_write_datetime(sheet_, row, col, &day, format), row, col);
}

void SheetWriter::number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
    check(worksheet_write_number(sheet_, row, col, value, format), row, col);
}

void SheetWriter::header(lxw_row_t row, const std::vector<std::string>& titles,
                         lxw_format* bold) {
    for (lxw_col_t col = 0; col < titles.size(); ++col)
        text(row, col, titles[col], bold);
    worksheet_freeze_panes(sheet_, row + 1, 0);
    printSetup(row);
}

void SheetWriter::printSetup(lxw_row_t header_row) {
    constexpr uint8_t kA4 = 9;
    worksheet_set_paper(sheet_, kA4);
    worksheet_set_landscape(sheet_);
    worksheet_fit_to_pages(sheet_, 1, 0);  // one page wide, as many pages long as the rows need
    check(worksheet_repeat_rows(sheet_, header_row, header_row), header_row, 0);
    check(worksheet_set_footer(sheet_, "&Cpage &P / &N"), header_row, 0);
}

void SheetWriter::autofilter(lxw_row_t row, lxw_col_t columns, lxw_row_t last_row) {
    check(worksheet_autofilter(sheet_, row, 0, std::max(row, last_row), columns - 1), row, 0);
}

void SheetWriter::check(lxw_error error, lxw_row_t row, lxw_col_t col) const {
    if (error != LXW_NO_ERROR)
        internal::check(error, context_ + ", cell " + cellName(row, col));
}

ColumnWidths::ColumnWidths(std::size_t columns) : characters_(columns, 0) {}

void ColumnWidths::fit(std::size_t column, std::string_view utf8_text) {
    // A text has no more characters than bytes: most values need no counting.
    if (utf8_text.size() > characters_[column])
        fitCharacters(column, codePoints(utf8_text));
}

void ColumnWidths::fitCharacters(std::size_t column, std::size_t characters) {
    characters_[column] = std::max(characters_[column], characters);
}

void ColumnWidths::apply(const SheetWriter& out) const {
    for (std::size_t column = 0; column < characters_.size(); ++column) {
        const std::size_t width =
            std::clamp(characters_[column] + kPadding, kMinimumWidth, kMaximumWidth);
        const auto col = static_cast<lxw_col_t>(column);
        check(worksheet_set_column(out.sheet(), col, col, static_cast<double>(width), nullptr),
              out.context() + ", width of column " + std::to_string(column + 1));
    }
}

}  // namespace ceres::xlsx::internal
