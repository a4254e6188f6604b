#pragma once
// The unique identification number printed top right of every parchemin (R-DOC-2).
//
// Format: "CERES-" + the sequence on 9 zero-padded digits + "-" + one check character, e.g.
// CERES-000000042-I. The check character is ISO/IEC 7064 MOD 37-36 (hybrid system) over the
// letters and digits before it ("CERES000000042"), hyphens being layout only; it catches every
// single wrong character and every swap of two adjacent different characters. The sequence is
// allocated once by the store and never reused, so a reprint shows the same number.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ceres::domain {

inline constexpr std::string_view kParcheminNumberPrefix = "CERES";
inline constexpr int kParcheminSequenceDigits = 9;
inline constexpr std::int64_t kMaxParcheminSequence = 999'999'999;

// MOD 37-36 check character ('0'-'9', 'A'-'Z') of the letters and digits of `body`; hyphens are
// skipped. Nothing when `body` holds any other character.
std::optional<char> mod37_36CheckCharacter(std::string_view body);

// The printed number of sequence 1..kMaxParcheminSequence; nothing outside that range.
std::optional<std::string> formatParcheminNumber(std::int64_t sequence);

// True for a number in exactly the format above, sequence >= 1, whose check character matches.
bool isValidParcheminNumber(std::string_view number);

// The sequence of a valid number.
std::optional<std::int64_t> parcheminSequence(std::string_view number);

}  // namespace ceres::domain
