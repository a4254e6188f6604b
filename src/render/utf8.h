#pragma once
// Small UTF-8 helpers shared by shaping, wrapping and the PDF text layer. Decoding is the
// domain's (domain/utf8.h); the renderer receives checked text and decodes it replacing any
// invalid byte with U+FFFD.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/utf8.h"

namespace ceres::render {

using domain::Utf8Text;

// Words separated by one or more spaces.
std::vector<std::string_view> splitWords(std::string_view text);
// The byte length of the longest prefix, cut between code points, that `fits` accepts; at least one
// code point so that progress is always made.
size_t longestFittingPrefix(std::string_view text, const std::function<bool(std::string_view)>& fits);
// UTF-16BE hex digits (no BOM) of the text, as PDF strings and CMaps want them.
std::string utf16BeHex(std::string_view text);

}  // namespace ceres::render
