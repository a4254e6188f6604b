#pragma once
// The payload spelling of every enumeration ("TITRE", "ACTIVE", ...) in both directions.
#include <optional>
#include <string_view>

#include "domain/model.h"

namespace ceres::domain {

std::string_view code(Profile value);
std::string_view code(CentreType value);
std::string_view code(SessionType value);
std::string_view code(SessionStatus value);
std::string_view code(ResponsableRole value);
std::string_view code(HabilitationState value);
std::string_view code(UnitResult value);
std::string_view code(Decision value);

std::optional<Profile> parseProfile(std::string_view text);
std::optional<CentreType> parseCentreType(std::string_view text);
std::optional<SessionType> parseSessionType(std::string_view text);
std::optional<SessionStatus> parseSessionStatus(std::string_view text);
std::optional<ResponsableRole> parseResponsableRole(std::string_view text);
std::optional<HabilitationState> parseHabilitationState(std::string_view text);
std::optional<UnitResult> parseUnitResult(std::string_view text);
std::optional<Decision> parseDecision(std::string_view text);

}  // namespace ceres::domain
