#pragma once
// The session's responsable (R-ETB-2): the agrément's titular, its substitute, or someone else.
#include <string_view>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

// Which of the three the person is, comparing names case- and accent-insensitively.
ResponsableRole classifyResponsable(const Agrement& agrement, const Person& person);

// R-ETB-2: the declared role must be the one the agrément gives the person.
Outcome checkResponsableRole(const Agrement& agrement, const Responsable& responsable,
                             const std::string& session_id);

// How the PV names the role.
std::string_view responsableRoleLabel(ResponsableRole role);

}  // namespace ceres::domain
