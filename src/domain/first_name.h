#pragma once
// Candidates' first and last names (R-CAN-1) and the folding that makes names comparable (R-CAN-2).
#include <string>
#include <string_view>

#include "domain/outcome.h"

namespace ceres::domain {

// R-CAN-1 folding: dash variants (U+2010, U+2011, U+2013, U+2014) become '-', the typographic
// apostrophe (U+2019) becomes '\'', a run of one separator collapses to one, and surrounding
// spaces go. Text that is not UTF-8 comes back unchanged (validateFirstName refuses it). First and
// last names fold alike.
std::string normalizeName(std::string_view raw);

// R-CAN-1: after folding, only letters of any alphabet (with their combining marks), comma,
// hyphen, apostrophe and space, and at least one letter; at most kMaxSealedNameBytes bytes, what
// the parchemin's 2D code holds. The refusal names the first character at fault and its position.
Outcome validateFirstName(std::string_view first_name, const std::string& subject);
// R-CAN-1 Reading: a last name follows the same rule without the comma.
Outcome validateLastName(std::string_view last_name, const std::string& subject);

// R-CAN-2: the R-CAN-1 folding, then case and accent folding (Latin diacritics, Greek tonos,
// Greek and Cyrillic case), so that "Hélène" and "HELENE" compare equal.
std::string foldForComparison(std::string_view name);

}  // namespace ceres::domain
