#pragma once
// The one UTF-8 decoder: code points, with the byte offset each starts at, and back.
// Well-formed means no overlong form, no surrogate, nothing above U+10FFFF and no truncated
// sequence. The decoding itself is inline here: the renderer shapes text with it and links
// nothing of the domain.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ceres::domain {

// What decoding does with a byte that does not start a well-formed sequence.
enum class InvalidUtf8 {
    Refuse,   // the text is refused (decodeUtf8 gives nothing)
    Replace,  // the byte decodes as U+FFFD and decoding goes on at the next byte
};

struct Utf8Text {
    std::vector<char32_t> chars;
    std::vector<std::size_t> offsets;  // byte offset of each code point, plus one past the end
};

namespace utf8_detail {

inline int sequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

// The length of the well-formed sequence at `i` and its code point, or 0 when there is none.
inline int decodeAt(std::string_view text, std::size_t i, char32_t& cp) {
    static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    const auto lead = static_cast<unsigned char>(text[i]);
    const int length = sequenceLength(lead);
    if (length == 0 || i + static_cast<std::size_t>(length) > text.size()) return 0;
    cp = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
        if ((next & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (next & 0x3F);
    }
    const bool valid = cp >= kMinimum[length] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    return valid ? length : 0;
}

}  // namespace utf8_detail

// Byte offset of the first byte that does not start a well-formed sequence, or npos.
inline std::size_t firstInvalidUtf8(std::string_view text) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        // Plain ASCII, eight bytes at a time.
        while (i + 8 <= text.size()) {
            std::uint64_t word;
            std::memcpy(&word, text.data() + i, sizeof word);
            if (word & 0x8080808080808080u) break;
            i += 8;
        }
        if (i == text.size()) break;
        const int length = utf8_detail::decodeAt(text, i, cp);
        if (length == 0) return i;
        i += static_cast<std::size_t>(length);
    }
    return std::string_view::npos;
}

// The code points of `text`, or nothing when it is not well-formed UTF-8.
std::optional<std::u32string> decodeUtf8(std::string_view text);

// The code points of `text` with their byte offsets. With InvalidUtf8::Refuse, nothing when the
// text is not well-formed.
inline std::optional<Utf8Text> decodeUtf8WithOffsets(std::string_view text, InvalidUtf8 invalid) {
    Utf8Text decoded;
    decoded.chars.reserve(text.size());
    decoded.offsets.reserve(text.size() + 1);
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        int length = utf8_detail::decodeAt(text, i, cp);
        if (length == 0) {
            if (invalid == InvalidUtf8::Refuse) return std::nullopt;
            cp = 0xFFFD;
            length = 1;
        }
        decoded.chars.push_back(cp);
        decoded.offsets.push_back(i);
        i += static_cast<std::size_t>(length);
    }
    decoded.offsets.push_back(text.size());
    return decoded;
}

// decodeUtf8WithOffsets with InvalidUtf8::Replace: for text already checked, where an invalid
// byte is a fault to show, not to stop on.
inline Utf8Text decodeUtf8Replacing(std::string_view text) {
    return *decodeUtf8WithOffsets(text, InvalidUtf8::Replace);
}

std::string encodeUtf8(const std::u32string& code_points);

}  // namespace ceres::domain
