#pragma once
// Typed cell writes that fail loudly, and column widths fitted to the content.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xlsxwriter.h>

#include "xlsx/date.h"

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
    void date(lxw_row_t row, lxw_col_t col, const std::optional<Date>& value, lxw_format* format);
    void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format = nullptr);

    // A bold header on `row`, frozen above the data, with an autofilter down to `last_row`.
    void tableHeader(lxw_row_t row, const std::vector<std::string>& titles, lxw_format* bold,
                     lxw_row_t last_row);

private:
    void check(lxw_error error, lxw_row_t row, lxw_col_t col) const;

    lxw_worksheet* sheet_;
    std::string context_;
};

// Column widths in characters from the longest value seen in each column, capped so that one
// long address does not push the rest of the sheet off screen. In constant-memory mode widths
// must be set before the first row, so callers fit every value in a first pass.
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
