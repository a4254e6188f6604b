#pragma once
// The layout of a parchemin code (README.md, "Code format"): header, fields, US, signature.
#include <stdexcept>
#include <string>
#include <string_view>

#include "seal/parchemin_fields.h"

namespace ceres::seal {

inline constexpr std::string_view kAuthorityId = "CE00";
inline constexpr char kGroupSeparator = '\x1d';
inline constexpr char kUnitSeparator = '\x1f';

// Header and message: the bytes the signature covers. Throws std::invalid_argument naming the
// field that cannot be sealed (wrong characters, length, date, check digit) or a bad key id.
std::string composeSignedPart(const ParcheminFields& fields, std::string_view key_id);

// The text is not a parchemin code; what() says why.
class MalformedCode : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CodeParts {
    std::string authority_id;
    std::string key_id;
    ParcheminFields fields;
    std::string_view signed_part;  // views into the parsed text
    std::string_view signature_text;
};

// Splits a raw code (with real GS/US bytes). Throws MalformedCode. The number's check digit and
// the signature are left to the caller.
CodeParts parseCode(std::string_view code);

// A key id is 4 characters A-Z, 0-9, as in the header.
bool validKeyId(std::string_view key_id);

}  // namespace ceres::seal
