#pragma once
// The names of the French departments and regions (INSEE codes), for documents that name a
// perimeter to a reader: "Gironde (33)", not "33".
#include <optional>
#include <string>
#include <string_view>

namespace ceres::domain {

// "33" -> "Gironde", "2A" -> "Corse-du-Sud", "974" -> "La Réunion"; none for an unknown code.
std::optional<std::string_view> departmentName(std::string_view code);
// "75" -> "Nouvelle-Aquitaine", "11" -> "Île-de-France"; none for an unknown code.
std::optional<std::string_view> regionName(std::string_view code);

}  // namespace ceres::domain
