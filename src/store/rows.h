#pragma once
// Reads query results by column name, whatever integer width or text type each backend reports.
#include <cstdint>
#include <string>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

namespace ceres::store {

class Rows {
public:
    explicit Rows(const Poco::Data::Statement& executed) : records_(executed) {}
    std::size_t size() const { return records_.rowCount(); }
    bool empty() const { return size() == 0; }
    std::string text(std::size_t row, const std::string& column) const;
    std::int64_t integer(std::size_t row, const std::string& column) const;

private:
    Poco::Data::RecordSet records_;
};

}  // namespace ceres::store
