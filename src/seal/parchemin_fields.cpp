#include "seal/parchemin_fields.h"

#include <tuple>

namespace ceres::seal {
namespace {

auto tied(const ParcheminFields& f) {
    return std::tie(f.unique_number, f.last_name, f.first_names, f.birth_date, f.title_code,
                    f.level, f.issued_on, f.ud_code, f.signed_on);
}

constexpr std::string_view kGsText = "<GS>";
constexpr std::string_view kUsText = "<US>";

}  // namespace

bool operator==(const ParcheminFields& a, const ParcheminFields& b) { return tied(a) == tied(b); }
bool operator!=(const ParcheminFields& a, const ParcheminFields& b) { return !(a == b); }

std::string escapeSeparators(std::string_view code) {
    std::string text;
    text.reserve(code.size() + 16);
    for (char c : code) {
        if (c == '\x1d') {
            text += kGsText;
        } else if (c == '\x1f') {
            text += kUsText;
        } else {
            text.push_back(c);
        }
    }
    return text;
}

std::string unescapeSeparators(std::string_view text) {
    std::string code;
    code.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::string_view rest = text.substr(i);
        if (rest.substr(0, kGsText.size()) == kGsText) {
            code.push_back('\x1d');
            i += kGsText.size();
        } else if (rest.substr(0, kUsText.size()) == kUsText) {
            code.push_back('\x1f');
            i += kUsText.size();
        } else {
            code.push_back(text[i]);
            ++i;
        }
    }
    return code;
}

}  // namespace ceres::seal
