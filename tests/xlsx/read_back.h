#pragma once
// Test support: writes bytes to a temporary file and reads them back with read_back.py
// (openpyxl, zipfile, csv) through the system Python.
#include <string>

#include <Poco/JSON/Object.h>

#include "domain/date.h"

namespace ceres::xlsx::test {

Poco::JSON::Object::Ptr readBackXlsx(const std::string& bytes);
Poco::JSON::Object::Ptr readBackCsv(const std::string& bytes);

// The string at rows[row][col] of a sheet or CSV dump; "" for an empty cell.
std::string textAt(const Poco::JSON::Object::Ptr& table, std::size_t row, std::size_t col);
bool isEmptyAt(const Poco::JSON::Object::Ptr& table, std::size_t row, std::size_t col);
// The ISO date of a date cell, "" when the cell is not a date.
std::string dateAt(const Poco::JSON::Object::Ptr& table, std::size_t row, std::size_t col);
Poco::JSON::Object::Ptr sheetNamed(const Poco::JSON::Object::Ptr& workbook,
                                   const std::string& name);
std::size_t rowCount(const Poco::JSON::Object::Ptr& table);

// The day a test names; throws std::invalid_argument for one that does not exist.
domain::Date day(int year, int month, int day_of_month);

}  // namespace ceres::xlsx::test
