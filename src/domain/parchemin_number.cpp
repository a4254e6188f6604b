#include "domain/parchemin_number.h"

#include <cstdio>

namespace ceres::domain {
namespace {

constexpr int kModulus = 36;
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
// "CERES-" + 9 digits + "-" + check character
constexpr std::size_t kNumberLength = kParcheminNumberPrefix.size() + 1 + kParcheminSequenceDigits + 2;

int valueOf(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

bool allDigits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return !text.empty();
}

}  // namespace

std::optional<char> mod37_36CheckCharacter(std::string_view body) {
    int product = kModulus;
    for (char c : body) {
        if (c == '-') continue;
        const int value = valueOf(c);
        if (value < 0) return std::nullopt;
        int sum = (product + value) % kModulus;
        if (sum == 0) sum = kModulus;
        product = (2 * sum) % (kModulus + 1);
    }
    return kAlphabet[(kModulus + 1 - product) % kModulus];
}

std::optional<std::string> formatParcheminNumber(std::int64_t sequence) {
    if (sequence < 1 || sequence > kMaxParcheminSequence) return std::nullopt;
    char digits[32];
    std::snprintf(digits, sizeof digits, "%0*lld", kParcheminSequenceDigits,
                  static_cast<long long>(sequence));
    const std::string body = std::string(kParcheminNumberPrefix) + "-" + digits;
    return body + "-" + *mod37_36CheckCharacter(body);
}

std::optional<std::int64_t> parcheminSequence(std::string_view number) {
    const std::size_t prefix = kParcheminNumberPrefix.size();
    if (number.size() != kNumberLength || number.substr(0, prefix) != kParcheminNumberPrefix) {
        return std::nullopt;
    }
    const std::string_view digits = number.substr(prefix + 1, kParcheminSequenceDigits);
    if (number[prefix] != '-' || number[number.size() - 2] != '-' || !allDigits(digits)) {
        return std::nullopt;
    }
    const std::optional<char> check = mod37_36CheckCharacter(number.substr(0, number.size() - 2));
    if (!check || *check != number.back()) return std::nullopt;
    std::int64_t sequence = 0;
    for (char c : digits) sequence = sequence * 10 + (c - '0');
    if (sequence < 1) return std::nullopt;
    return sequence;
}

bool isValidParcheminNumber(std::string_view number) { return parcheminSequence(number).has_value(); }

}  // namespace ceres::domain
