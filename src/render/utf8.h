#pragma once
// Small UTF-8 helpers shared by shaping, wrapping and the PDF text layer.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ceres::render {

struct Utf8Text {
    std::vector<char32_t> chars;
    std::vector<size_t> offsets;  // byte offset of each code point, plus one past the end
};

// Invalid sequences decode as U+FFFD, one byte at a time.
Utf8Text decodeUtf8(std::string_view text);
// Words separated by one or more spaces.
std::vector<std::string_view> splitWords(std::string_view text);
// The byte length of the longest prefix, cut between code points, that `fits` accepts; at least one
// code point so that progress is always made.
size_t longestFittingPrefix(std::string_view text, const std::function<bool(std::string_view)>& fits);
// UTF-16BE hex digits (no BOM) of the text, as PDF strings and CMaps want them.
std::string utf16BeHex(std::string_view text);

}  // namespace ceres::render
