#include "render/typography.h"

namespace ceres::render {
namespace {

constexpr std::string_view kNarrowNoBreakSpace = "\u202F";
constexpr std::string_view kNoBreakSpace = "\u00A0";
constexpr std::string_view kOpeningGuillemet = "\u00AB";
constexpr std::string_view kClosingGuillemet = "\u00BB";

bool startsWith(std::string_view text, size_t at, std::string_view prefix) {
    return text.compare(at, prefix.size(), prefix) == 0;
}

// The space that goes before the sign starting at `at`, or nothing when the sign takes none.
std::string_view spaceBefore(std::string_view text, size_t at) {
    const char c = text[at];
    if (c == ';' || c == '!' || c == '?') return kNarrowNoBreakSpace;
    if (c == ':') return kNoBreakSpace;
    if (startsWith(text, at, kClosingGuillemet)) return kNarrowNoBreakSpace;
    return {};
}

}  // namespace

std::string frenchSpacing(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ' ') {
            size_t next = i;
            while (next < text.size() && text[next] == ' ') ++next;
            const std::string_view space = next < text.size() ? spaceBefore(text, next) : std::string_view();
            if (!space.empty() && !out.empty()) {
                out.append(space);
                i = next - 1;
                continue;
            }
            out.push_back(' ');
            continue;
        }
        if (startsWith(text, i, kClosingGuillemet) && !out.empty() && out.back() != ' ' &&
            !(out.size() >= 3 && std::string_view(out).substr(out.size() - 3) == kNarrowNoBreakSpace))
            out.append(kNarrowNoBreakSpace);
        if (startsWith(text, i, kOpeningGuillemet)) {
            out.append(kOpeningGuillemet);
            size_t next = i + kOpeningGuillemet.size();
            while (next < text.size() && text[next] == ' ') ++next;
            if (next < text.size()) out.append(kNarrowNoBreakSpace);
            i = next - 1;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

std::string typographicApostrophes(std::string_view wording) {
    std::string out;
    out.reserve(wording.size() + 8);
    for (char c : wording) {
        if (c == '\'')
            out.append("\u2019");
        else
            out.push_back(c);
    }
    return out;
}

}  // namespace ceres::render
