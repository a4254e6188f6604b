#include "seal/check_character.h"

#include <optional>
#include <stdexcept>
#include <string>

namespace ceres::seal {
namespace {

constexpr int kModulus = 36;  // the hybrid system works modulo 36 and 37
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

int valueOf(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

// Groups of letters and digits joined by single hyphens: nothing else can be a number body.
bool wellFormedBody(std::string_view body) {
    if (body.empty() || body.front() == '-' || body.back() == '-') return false;
    if (body.find("--") != std::string_view::npos) return false;
    for (char c : body) {
        if (c != '-' && valueOf(c) < 0) return false;
    }
    return true;
}

// ISO 7064 hybrid MOD 37-36 over the letters and digits of a well-formed body.
char checkCharacterOfWellFormed(std::string_view body) {
    int product = kModulus;
    for (char c : body) {
        if (c == '-') continue;
        int sum = (product + valueOf(c)) % kModulus;
        if (sum == 0) sum = kModulus;
        product = (2 * sum) % (kModulus + 1);
    }
    return kAlphabet[(kModulus + 1 - product) % kModulus];
}

}  // namespace

char checkCharacter(std::string_view body) {
    if (!wellFormedBody(body)) {
        throw std::invalid_argument("'" + std::string(body) +
                                    "' is not a number body: groups of A-Z and 0-9 joined by '-'");
    }
    return checkCharacterOfWellFormed(body);
}

bool numberCheckCharacterValid(std::string_view number) {
    if (number.size() < 3 || number[number.size() - 2] != '-') return false;
    const std::string_view body = number.substr(0, number.size() - 2);
    return wellFormedBody(body) && checkCharacterOfWellFormed(body) == number.back();
}

}  // namespace ceres::seal
