#include "render/utf8.h"

#include <algorithm>

namespace ceres::render {
namespace {

void appendHex16(std::string& out, unsigned unit) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kDigits[(unit >> shift) & 0xF]);
}

}  // namespace

std::vector<std::string_view> splitWords(std::string_view text) {
    std::vector<std::string_view> words;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        if (end > start) words.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

size_t longestFittingPrefix(std::string_view text, const std::function<bool(std::string_view)>& fits) {
    Utf8Text decoded = domain::decodeUtf8Replacing(text);
    size_t low = 1, high = decoded.chars.size();
    while (low < high) {
        size_t middle = (low + high + 1) / 2;
        if (fits(text.substr(0, decoded.offsets[middle])))
            low = middle;
        else
            high = middle - 1;
    }
    return decoded.offsets[std::min(low, decoded.chars.size())];
}

std::string utf16BeHex(std::string_view text) {
    std::string hex;
    for (char32_t c : domain::decodeUtf8Replacing(text).chars) {
        if (c >= 0x10000) {
            c -= 0x10000;
            appendHex16(hex, 0xD800 + (static_cast<unsigned>(c) >> 10));
            appendHex16(hex, 0xDC00 + (static_cast<unsigned>(c) & 0x3FF));
        } else {
            appendHex16(hex, static_cast<unsigned>(c));
        }
    }
    return hex;
}

}  // namespace ceres::render
