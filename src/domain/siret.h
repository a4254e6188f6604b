#pragma once
// SIRET numbers (R-ETB-1).
#include <string_view>

namespace ceres::domain {

// 14 digits with a valid Luhn sum; establishments of La Poste (SIREN 356000000) use instead a
// digit sum that is a multiple of 5. The recovery centre's SIRET of zeros passes both.
bool isValidSiret(std::string_view siret);

// The centre de reprise, where sites with no known centre were attached (seed 004).
bool isRecoveryCentreSiret(std::string_view siret);

}  // namespace ceres::domain
