#include "domain/siret.h"

#include <algorithm>

#include "domain/readings.h"

namespace ceres::domain {
namespace {

constexpr std::size_t kSiretLength = 14;
constexpr std::string_view kLaPosteSiren = "356000000";

bool luhnValid(std::string_view digits) {
    int sum = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        int d = digits[digits.size() - 1 - i] - '0';
        if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
    }
    return sum % 10 == 0;
}

bool digitSumMultipleOfFive(std::string_view digits) {
    int sum = 0;
    for (char c : digits) sum += c - '0';
    return sum % 5 == 0;
}

}  // namespace

bool isValidSiret(std::string_view siret) {
    if (isRecoveryCentreSiret(siret)) return true;
    if (siret.size() != kSiretLength) return false;
    if (!std::all_of(siret.begin(), siret.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    if (siret.substr(0, kLaPosteSiren.size()) == kLaPosteSiren) {
        return digitSumMultipleOfFive(siret) || luhnValid(siret);
    }
    return luhnValid(siret);
}

bool isRecoveryCentreSiret(std::string_view siret) {
    return siret == reading::kRecoveryCentreSiret || siret == reading::kRecoveryCentreSiret14;
}

std::string centreDisplayName(const Centre& centre) {
    return isRecoveryCentreSiret(centre.siret) ? reading::kRecoveryCentreName : centre.name;
}

}  // namespace ceres::domain
