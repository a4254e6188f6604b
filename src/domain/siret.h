#pragma once
// SIRET numbers (R-ETB-1).
#include <string>
#include <string_view>

#include "domain/model.h"

namespace ceres::domain {

// 14 digits with a valid Luhn sum; establishments of La Poste (SIREN 356000000) use instead a
// digit sum that is a multiple of 5. The recovery centre's SIRET of zeros, 13 or 14 of them, is valid.
bool isValidSiret(std::string_view siret);

// The centre de reprise, where sites with no known centre were attached (seed 004): 13 zeros, as
// CERES writes it, or 14.
bool isRecoveryCentreSiret(std::string_view siret);

// The centre's name on documents: "Centre de reprise" for the recovery centre, its own otherwise.
std::string centreDisplayName(const Centre& centre);

}  // namespace ceres::domain
