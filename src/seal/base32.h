#pragma once
// RFC 4648 Base32 without padding: the signature's text form inside the code (upper-case letters
// and digits 2-7, which DataMatrix packs densely in C40 mode).
#include <optional>
#include <string>
#include <string_view>

namespace ceres::seal {

std::string base32Encode(std::string_view bytes);

// The bytes, or nothing when `text` is not the canonical encoding of some byte string: a character
// outside the alphabet, an impossible length, or non-zero unused bits in the last character.
// Canonical-only decoding means no two different texts carry the same signature.
std::optional<std::string> base32Decode(std::string_view text);

}  // namespace ceres::seal
