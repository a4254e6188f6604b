#pragma once
// What printed text may hold. One place for the character rules that documents and the
// parchemin's 2D code rely on, so that validation refuses, up front, everything a later step
// (rendering, sealing) would refuse.
#include <cstddef>
#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/outcome.h"

namespace ceres::domain {

// The 2D code's rule for the characters of the names it carries (seal/code_format): well-formed
// UTF-8 without bytes below 0x20, DEL or '<' ('<' starts the printable stand-ins of the code's
// separators). A sealed name holds 1 to kMaxSealedNameBytes bytes.
inline constexpr std::size_t kMaxSealedNameBytes = 400;
bool isSealableName(std::string_view text);

// The 2D code's header dates count days from 2000-01-01 in 4 hex digits; FFFF means "no date".
bool isSealableDate(Date date);

// R-CAN-1 Reading: characters refused in every printed field: C0 and C1 control characters and DEL,
// line and paragraph separators, bidi controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069),
// zero-width characters (U+200B-U+200D, U+2060) and the byte-order mark (U+FEFF); and code points
// that no font can draw: unassigned ones, private use and surrogates.
bool isForbiddenInPrintedText(char32_t code_point);

// R-CAN-1 on a printed field: well-formed UTF-8 without a forbidden character; in a name
// (`is_name`), no '<' either. The refusal names the character and its position.
Outcome checkPrintedText(std::string_view text, bool is_name, const std::string& subject);

// "U+202E", or "« é » (U+00E9)" for a printable character: how messages name a character.
std::string describeCharacter(char32_t code_point);

}  // namespace ceres::domain
