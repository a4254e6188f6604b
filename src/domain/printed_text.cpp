#include "domain/printed_text.h"

#include <optional>

#include "domain/unicode_letters.h"
#include "domain/utf8.h"

namespace ceres::domain {
namespace {

constexpr long kLastSealableDay = 0xFFFF;  // exclusive: FFFF is "no date"

bool isControl(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

bool isBidiControl(char32_t cp) {
    return cp == 0x61C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool isZeroWidth(char32_t cp) { return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF; }

}  // namespace

bool isSealableName(std::string_view text) {
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == '<') return false;
    }
    return decodeUtf8(text).has_value();
}

bool isSealableDate(Date date) {
    const long days = date.daysSinceEpoch();
    return days >= 0 && days < kLastSealableDay;
}

bool isForbiddenInPrintedText(char32_t cp) {
    return isControl(cp) || cp == 0x2028 || cp == 0x2029 || isBidiControl(cp) || isZeroWidth(cp) ||
           !isAssignedCharacter(cp);
}

std::string describeCharacter(char32_t cp) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string code = "U+";
    const int digits = cp > 0xFFFF ? 6 : 4;
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) code.push_back(kHex[(cp >> shift) & 0xF]);
    if (isForbiddenInPrintedText(cp)) return code;
    return "« " + encodeUtf8(std::u32string(1, cp)) + " » (" + code + ")";
}

Outcome checkPrintedText(std::string_view text, bool is_name, const std::string& subject) {
    const std::optional<std::u32string> decoded = decodeUtf8(text);
    if (!decoded) return Outcome::refused("R-CAN-1", subject, "Le texte n'est pas de l'UTF-8 valide.");
    for (std::size_t i = 0; i < decoded->size(); ++i) {
        const char32_t cp = (*decoded)[i];
        if (!isForbiddenInPrintedText(cp) && !(is_name && cp == U'<')) continue;
        return Outcome::refused("R-CAN-1", subject,
                                "Le caractère " + describeCharacter(cp) + " en position " + std::to_string(i + 1) +
                                    " ne peut pas être imprimé (caractère de contrôle, de direction, "
                                    "de largeur nulle, non attribué par Unicode ou « < » dans un nom).");
    }
    return Outcome::allowed();
}

}  // namespace ceres::domain
