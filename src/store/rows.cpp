#include "store/rows.h"

namespace ceres::store {

std::string Rows::text(std::size_t row, const std::string& column) const {
    const auto value = records_.value(column, row);
    return value.isEmpty() ? std::string() : value.convert<std::string>();
}

std::int64_t Rows::integer(std::size_t row, const std::string& column) const {
    const auto value = records_.value(column, row);
    return value.isEmpty() ? 0 : value.convert<std::int64_t>();
}

}  // namespace ceres::store
