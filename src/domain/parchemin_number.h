#pragma once
// The unique identification number printed top right of every parchemin (R-DOC-2).
//
// Format: "CERES-" + the sequence on 9 zero-padded digits + "-" + one check digit, e.g.
// CERES-000000042-7. The sequence is allocated once by the store and never reused, so a reprint
// shows the same number.
//
// The check digit is Damm's (H. M. Damm, 2004): a running interim through a quasigroup of order 10
// that is weakly totally anti-symmetric. It detects every single wrong digit and every swap of two
// adjacent different digits, the check digit included. Not ISO/IEC 7064 MOD 37-36 (hybrid): it lets
// about 0.16 % of adjacent swaps through (33-2026-123456 and 33-2026-132456 share their check
// character), and a number typed back from a diploma must never pass with two digits swapped.
//
// Only the digits carry the check; the fixed prefix, the hyphens at fixed positions and a digit-only
// body are enforced by the format check. Together, any single wrong character (whatever it is
// replaced with) and any swap of two adjacent different characters anywhere in the printed number
// make it invalid.
//
// Numbers of diplomas issued before this service existed have other formats and no check digit of
// ours. They are accepted as they are for reprints; their integrity rests on the parchemin's
// signature.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ceres::domain {

inline constexpr std::string_view kParcheminNumberPrefix = "CERES";
inline constexpr int kParcheminSequenceDigits = 9;
inline constexpr std::int64_t kMaxParcheminSequence = 999'999'999;

// The Damm check digit ('0'-'9') of `digits`; nothing when `digits` holds anything but 0-9.
std::optional<char> dammCheckDigit(std::string_view digits);

// The printed number of sequence 1..kMaxParcheminSequence; nothing outside that range.
std::optional<std::string> formatParcheminNumber(std::int64_t sequence);

// True for a number in exactly the format above, sequence >= 1, whose check digit matches.
bool isValidParcheminNumber(std::string_view number);

// The sequence of a valid number.
std::optional<std::int64_t> parcheminSequence(std::string_view number);

// True for a number issued before this service: one that does not start with "CERES" (so a typo
// right after the prefix, such as "CERES0-…", is still checked as one of ours).
bool isLegacyParcheminNumber(std::string_view number);

// What a sealer or verifier can check of any number: legacy numbers pass as they are, numbers of
// this service must be valid. A number whose "CERES" prefix itself is mistyped reads as legacy;
// isValidParcheminNumber refuses it, and on a sealed code the signature does.
bool hasValidCheckCharacter(std::string_view number);

}  // namespace ceres::domain
