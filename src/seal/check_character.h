#pragma once
// ISO/IEC 7064 MOD 37-36 check character of parchemin numbers.
//
// A number is a body of upper-case letters, digits and hyphens, then `-` and one check character
// computed over all the letters and digits before it (hyphens are layout, not data).
// Groups of letters and digits are joined by single hyphens. Example: 33-2026-000123-? where ?
// is checkCharacter("33-2026-000123").
#include <string_view>

namespace ceres::seal {

// The check character (0-9, A-Z) of `body`. Throws std::invalid_argument when `body` is not
// groups of A-Z and 0-9 joined by single hyphens.
char checkCharacter(std::string_view body);

// True when `number` is `body-C` with C == checkCharacter(body); false for anything else.
bool numberCheckCharacterValid(std::string_view number);

}  // namespace ceres::seal
