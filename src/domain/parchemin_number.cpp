#include "domain/parchemin_number.h"

#include <cstdio>

namespace ceres::domain {
namespace {

// Damm's quasigroup of order 10 (row: interim digit, column: next digit). Its diagonal is zero, so
// a number followed by its own check digit brings the interim back to 0.
constexpr char kDammTable[10][10] = {
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3}, {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6}, {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7}, {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
};

// "CERES-" + 9 digits + "-" + check digit
constexpr std::size_t kDigitsAt = kParcheminNumberPrefix.size() + 1;
constexpr std::size_t kNumberLength = kDigitsAt + kParcheminSequenceDigits + 2;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool startsWithPrefixAndHyphen(std::string_view number) {
    return number.size() > kParcheminNumberPrefix.size() &&
           number.substr(0, kParcheminNumberPrefix.size()) == kParcheminNumberPrefix &&
           number[kParcheminNumberPrefix.size()] == '-';
}

}  // namespace

std::optional<char> dammCheckDigit(std::string_view digits) {
    int interim = 0;
    for (char c : digits) {
        if (!isDigit(c)) return std::nullopt;
        interim = kDammTable[interim][c - '0'];
    }
    return static_cast<char>('0' + interim);
}

std::optional<std::string> formatParcheminNumber(std::int64_t sequence) {
    if (sequence < 1 || sequence > kMaxParcheminSequence) return std::nullopt;
    char digits[32];
    std::snprintf(digits, sizeof digits, "%0*lld", kParcheminSequenceDigits, static_cast<long long>(sequence));
    return std::string(kParcheminNumberPrefix) + "-" + digits + "-" + *dammCheckDigit(digits);
}

std::optional<std::int64_t> parcheminSequence(std::string_view number) {
    if (number.size() != kNumberLength || !startsWithPrefixAndHyphen(number)) return std::nullopt;
    const std::string_view digits = number.substr(kDigitsAt, kParcheminSequenceDigits);
    if (number[number.size() - 2] != '-' || dammCheckDigit(digits) != number.back()) return std::nullopt;
    std::int64_t sequence = 0;
    for (char c : digits) sequence = sequence * 10 + (c - '0');
    if (sequence < 1) return std::nullopt;
    return sequence;
}

bool isValidParcheminNumber(std::string_view number) { return parcheminSequence(number).has_value(); }

// Anything starting with the prefix claims this service's format, so a typo next to the prefix is refused
// rather than taken for an older number.
bool isLegacyParcheminNumber(std::string_view number) {
    return number.substr(0, kParcheminNumberPrefix.size()) != kParcheminNumberPrefix;
}

bool hasValidCheckCharacter(std::string_view number) {
    return isLegacyParcheminNumber(number) || isValidParcheminNumber(number);
}

}  // namespace ceres::domain
