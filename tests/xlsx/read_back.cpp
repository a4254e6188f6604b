#include "read_back.h"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <unistd.h>

namespace ceres::xlsx::test {
namespace {

// The Python first on PATH may lack the Debian modules; the system one has openpyxl.
constexpr const char* kPython = "/usr/bin/python3";

std::filesystem::path writeTemporary(const std::string& bytes, const char* extension) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ceres-xlsx-test-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw std::runtime_error("cannot create a temporary file");
    ::close(fd);
    std::filesystem::path path = pattern + extension;
    std::filesystem::rename(pattern, path);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string runReadBack(const char* mode, const std::filesystem::path& path) {
    const std::string command = std::string(kPython) + " " + CERES_SOURCE_DIR +
                                "/tests/xlsx/read_back.py " + mode + " '" + path.string() + "'";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + command);
    std::string output;
    std::array<char, 65536> buffer;
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
        output.append(buffer.data(), n);
    if (::pclose(pipe) != 0)
        throw std::runtime_error(command + " failed");
    return output;
}

Poco::JSON::Object::Ptr readBack(const std::string& bytes, const char* mode,
                                 const char* extension) {
    const std::filesystem::path path = writeTemporary(bytes, extension);
    std::string json;
    try {
        json = runReadBack(mode, path);
    } catch (...) {
        std::filesystem::remove(path);
        throw;
    }
    std::filesystem::remove(path);
    return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

Poco::Dynamic::Var cellAt(const Poco::JSON::Object::Ptr& table, std::size_t row, std::size_t col) {
    const Poco::JSON::Array::Ptr cells = table->getArray("rows")->getArray(row);
    return col < cells->size() ? cells->get(col) : Poco::Dynamic::Var();
}

}  // namespace

Poco::JSON::Object::Ptr readBackXlsx(const std::string& bytes) {
    return readBack(bytes, "xlsx", ".xlsx");
}

Poco::JSON::Object::Ptr readBackCsv(const std::string& bytes) {
    return readBack(bytes, "csv", ".csv");
}

std::string textAt(const Poco::JSON::Object::Ptr& table, std::size_t row, std::size_t col) {
    const Poco::Dynamic::Var cell = cellAt(table, row, col);
    return cell.isEmpty() || !cell.isString() ? "" : cell.extract<std::string>();
}

bool isEmptyAt(const Poco::JSON::Object::Ptr& table, std::size_t row, std::size_t col) {
    return cellAt(table, row, col).isEmpty();
}

std::string dateAt(const Poco::JSON::Object::Ptr& table, std::size_t row, std::size_t col) {
    const Poco::Dynamic::Var cell = cellAt(table, row, col);
    if (cell.isEmpty() || cell.type() != typeid(Poco::JSON::Object::Ptr))
        return "";
    const auto date = cell.extract<Poco::JSON::Object::Ptr>();
    return date->getValue<std::string>("format") == "dd/mm/yyyy"
               ? date->getValue<std::string>("date")
               : "wrong format " + date->getValue<std::string>("format");
}

Poco::JSON::Object::Ptr sheetNamed(const Poco::JSON::Object::Ptr& workbook,
                                   const std::string& name) {
    const Poco::JSON::Array::Ptr sheets = workbook->getArray("sheets");
    for (std::size_t i = 0; i < sheets->size(); ++i)
        if (sheets->getObject(i)->getValue<std::string>("name") == name)
            return sheets->getObject(i);
    throw std::runtime_error("no sheet named " + name);
}

std::size_t rowCount(const Poco::JSON::Object::Ptr& table) {
    return table->getArray("rows")->size();
}

domain::Date day(int year, int month, int day_of_month) {
    const auto date = domain::Date::fromYmd(year, month, day_of_month);
    if (!date)
        throw std::invalid_argument("no such day: " + std::to_string(year) + "-" +
                                    std::to_string(month) + "-" + std::to_string(day_of_month));
    return *date;
}

}  // namespace ceres::xlsx::test
