#pragma once
// Typed cell writes that fail loudly, and column widths fitted to the content.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xlsxwriter.h>

#include "domain/date.h"

namespace ceres::xlsx::internal {

class SheetWriter {
public:
    SheetWriter(lxw_worksheet* sheet, std::string context);

    lxw_worksheet* sheet() const { return sheet_; }
    const std::string& context() const { return context_; }

    // Always a text cell, so phone numbers and postal codes keep their leading "+" and zeros.
    // An empty or missing value leaves the cell empty.
    void text(lxw_row_t row, lxw_col_t col, const std::string& value, lxw_format* format = nullptr);
    void text(lxw_row_t row, lxw_col_t col, const std::optional<std::string>& value);
    void date(lxw_row_t row, lxw_col_t col, const std::optional<domain::Date>& value,
              lxw_format* format);
    void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format = nullptr);

    // A bold header on `row`, frozen above the data, with the print setup below.
    void header(lxw_row_t row, const std::vector<std::string>& titles, lxw_format* bold);
    // A sheet that prints: A4 landscape, one page wide, `header_row` repeated on every page,
    // footer "page N / M".
    void printSetup(lxw_row_t header_row);
    // An autofilter on the header `row` over `columns` columns, down to `last_row`. May come
    // after the rows: libxlsxwriter writes it when the workbook is closed.
    void autofilter(lxw_row_t row, lxw_col_t columns, lxw_row_t last_row);

private:
    void check(lxw_error error, lxw_row_t row, lxw_col_t col) const;

    lxw_worksheet* sheet_;
    std::string context_;
};

// Column widths in characters from the longest value seen in each column, capped so that one
// long address does not push the rest of the sheet off screen. libxlsxwriter writes a sheet's
// widths when the workbook is closed, constant-memory mode included, so values can be fitted as
// the rows are written and the widths applied after the last row.
class ColumnWidths {
public:
    explicit ColumnWidths(std::size_t columns);

    void fit(std::size_t column, std::string_view utf8_text);
    void fitCharacters(std::size_t column, std::size_t characters);
    void apply(const SheetWriter& out) const;

private:
    std::vector<std::size_t> characters_;
};

}  // namespace ceres::xlsx::internal
