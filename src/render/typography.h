#pragma once
// French typography, applied by the layout to everything it prints (wording and data alike).
#include <string>
#include <string_view>

namespace ceres::render {

// The spaces of French punctuation: a space typed before ; ! ? becomes a narrow no-break space
// (U+202F), before : a no-break space (U+00A0), and the spaces inside « » narrow no-break
// spaces. The line breaker never breaks at either, so a sign never starts a line.
std::string frenchSpacing(std::string_view text);

// Wording of a template, and free text of the data (jobs::bind::freeText): the straight apostrophe
// becomes the typographic one (U+2019). Names keep their own, since a name is printed as it is
// signed in the 2D code.
std::string typographicApostrophes(std::string_view wording);

}  // namespace ceres::render
