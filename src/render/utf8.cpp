#include "render/utf8.h"

#include <algorithm>

namespace ceres::render {
namespace {

size_t sequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead >> 5) == 0x6) return 2;
    if ((lead >> 4) == 0xE) return 3;
    if ((lead >> 3) == 0x1E) return 4;
    return 0;
}

void appendHex16(std::string& out, unsigned unit) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kDigits[(unit >> shift) & 0xF]);
}

}  // namespace

Utf8Text decodeUtf8(std::string_view text) {
    Utf8Text decoded;
    decoded.chars.reserve(text.size());
    decoded.offsets.reserve(text.size() + 1);
    size_t i = 0;
    while (i < text.size()) {
        auto lead = static_cast<unsigned char>(text[i]);
        size_t length = sequenceLength(lead);
        char32_t c = 0xFFFD;
        if (length == 1) {
            c = lead;
        } else if (length > 1 && i + length <= text.size()) {
            c = lead & (0x7F >> length);
            for (size_t k = 1; k < length; ++k) {
                auto next = static_cast<unsigned char>(text[i + k]);
                if ((next & 0xC0) != 0x80) {
                    c = 0xFFFD;
                    length = 1;
                    break;
                }
                c = (c << 6) | (next & 0x3F);
            }
        } else {
            length = 1;
        }
        decoded.chars.push_back(c);
        decoded.offsets.push_back(i);
        i += length;
    }
    decoded.offsets.push_back(text.size());
    return decoded;
}

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
    Utf8Text decoded = decodeUtf8(text);
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
    for (char32_t c : decodeUtf8(text).chars) {
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
