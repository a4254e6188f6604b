#include "domain/utf8.h"

namespace ceres::domain {

std::optional<std::u32string> decodeUtf8(std::string_view text) {
    std::u32string out;
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        const int length = utf8_detail::decodeAt(text, i, cp);
        if (length == 0) return std::nullopt;
        out.push_back(cp);
        i += static_cast<std::size_t>(length);
    }
    return out;
}

std::string encodeUtf8(const std::u32string& code_points) {
    std::string out;
    for (char32_t cp : code_points) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    return out;
}

}  // namespace ceres::domain
