#include "seal/base32.h"

#include <cstdint>

namespace ceres::seal {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

// Lengths modulo 8 that an unpadded encoding can have (1, 3 and 6 are impossible).
bool possibleLength(std::size_t length) {
    const std::size_t rest = length % 8;
    return rest != 1 && rest != 3 && rest != 6;
}

}  // namespace

std::string base32Encode(std::string_view bytes) {
    std::string text;
    text.reserve((bytes.size() * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            text.push_back(kAlphabet[(buffer >> bits) & 0x1F]);
        }
    }
    if (bits > 0) text.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1F]);
    return text;
}

std::optional<std::string> base32Decode(std::string_view text) {
    if (!possibleLength(text.size())) return std::nullopt;
    std::string bytes;
    bytes.reserve(text.size() * 5 / 8);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int value = valueOf(c);
        if (value < 0) return std::nullopt;
        buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            bytes.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
    return bytes;
}

}  // namespace ceres::seal
