#include "domain/first_name.h"

#include <optional>

#include "domain/printed_text.h"
#include "domain/unicode_letters.h"
#include "domain/utf8.h"

namespace ceres::domain {
namespace {

bool isSeparator(char32_t cp) { return cp == U',' || cp == U'-' || cp == U'\'' || cp == U' '; }

char32_t foldSeparator(char32_t cp) {
    switch (cp) {
        case U'\u2010': case U'\u2011': case U'\u2013': case U'\u2014': return U'-';
        case U'\u2019': return U'\'';
        default: return cp;
    }
}

std::u32string foldSeparators(const std::u32string& in) {
    std::u32string out;
    for (char32_t raw : in) {
        const char32_t cp = foldSeparator(raw);
        if (isSeparator(cp) && !out.empty() && out.back() == cp) continue;
        out.push_back(cp);
    }
    const auto first = out.find_first_not_of(U' ');
    if (first == std::u32string::npos) return {};
    return out.substr(first, out.find_last_not_of(U' ') - first + 1);
}

// Latin-1 Supplement and Latin Extended-A letters, from U+00C0, folded to lower-case ASCII.
constexpr char32_t kLatinFoldFirst = 0xC0;
constexpr const char* kLatinFold[] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",
    "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", nullptr,
    "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a",
    "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", nullptr, "o", "u", "u", "u",
    "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c",
    "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e",
    "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i",
    "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k",
    "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n",
    "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s",
    "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",
    "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
    "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",};
constexpr char32_t kLatinFoldEnd = kLatinFoldFirst + sizeof kLatinFold / sizeof kLatinFold[0];

bool isCombiningDiacritic(char32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

// Greek letters with tonos, and final sigma, to their plain lower-case letter.
char32_t foldGreekAccent(char32_t cp) {
    switch (cp) {
        case 0x386: case 0x3AC: return 0x3B1;
        case 0x388: case 0x3AD: return 0x3B5;
        case 0x389: case 0x3AE: return 0x3B7;
        case 0x38A: case 0x3AF: return 0x3B9;
        case 0x38C: case 0x3CC: return 0x3BF;
        case 0x38E: case 0x3CD: return 0x3C5;
        case 0x38F: case 0x3CE: return 0x3C9;
        case 0x3C2: return 0x3C3;
        default: return cp;
    }
}

char32_t lowerGreekCyrillic(char32_t cp) {
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
    return cp;
}

void appendFolded(char32_t cp, std::u32string& out) {
    if (isCombiningDiacritic(cp)) return;
    if (cp >= U'A' && cp <= U'Z') {
        out.push_back(cp - U'A' + U'a');
        return;
    }
    if (cp >= kLatinFoldFirst && cp < kLatinFoldEnd && kLatinFold[cp - kLatinFoldFirst]) {
        for (const char* c = kLatinFold[cp - kLatinFoldFirst]; *c; ++c) out.push_back(*c);
        return;
    }
    out.push_back(foldGreekAccent(lowerGreekCyrillic(cp)));
}

// R-CAN-1: "Le prénom" or "Le nom", and the separators it may hold besides letters.
struct NamePart {
    const char* label;
    const char* allowed;
    bool comma;
};
constexpr NamePart kFirstName{"Le prénom", "la virgule, le trait d'union, l'apostrophe et l'espace", true};
constexpr NamePart kLastName{"Le nom", "le trait d'union, l'apostrophe et l'espace", false};

Outcome refuse(const NamePart& part, const std::string& subject, std::string_view name, const std::string& why) {
    return Outcome::refused("R-CAN-1", subject,
                            std::string(part.label) + " « " + std::string(name) + " » " + why +
                                " : seuls les lettres, " + part.allowed + " sont admis.");
}

Outcome validateName(const NamePart& part, std::string_view name, const std::string& subject) {
    const std::optional<std::u32string> decoded = decodeUtf8(name);
    if (!decoded) return refuse(part, subject, "", "n'est pas un texte UTF-8 valide");
    const std::u32string folded = foldSeparators(*decoded);
    bool has_letter = false;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (isLetterOrMark(folded[i])) {
            has_letter = true;
        } else if (!isSeparator(folded[i]) || (!part.comma && folded[i] == U',')) {
            const std::string shown = isForbiddenInPrintedText(folded[i]) ? std::string() : std::string(name);
            return refuse(part, subject, shown,
                          "contient le caractère non autorisé " + describeCharacter(folded[i]) + " en position " +
                              std::to_string(i + 1));
        }
    }
    if (!has_letter) return refuse(part, subject, name, "ne contient aucune lettre");
    if (encodeUtf8(folded).size() > kMaxSealedNameBytes) {
        return refuse(part, subject, "", "dépasse " + std::to_string(kMaxSealedNameBytes) +
                                             " octets, la place que lui donne le code 2D du parchemin");
    }
    return Outcome::allowed();
}

}  // namespace

std::string normalizeName(std::string_view raw) {
    const std::optional<std::u32string> decoded = decodeUtf8(raw);
    if (!decoded) return std::string(raw);
    return encodeUtf8(foldSeparators(*decoded));
}

Outcome validateFirstName(std::string_view first_name, const std::string& subject) {
    return validateName(kFirstName, first_name, subject);
}

Outcome validateLastName(std::string_view last_name, const std::string& subject) {
    return validateName(kLastName, last_name, subject);
}

std::string foldForComparison(std::string_view name) {
    const std::optional<std::u32string> decoded = decodeUtf8(name);
    if (!decoded) return std::string(name);
    std::u32string out;
    for (char32_t cp : foldSeparators(*decoded)) appendFolded(cp, out);
    return encodeUtf8(out);
}

}  // namespace ceres::domain
