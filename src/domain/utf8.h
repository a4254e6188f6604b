#pragma once
// UTF-8 to code points and back, for name rules that work on characters, not bytes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ceres::domain {

// The code points of `text`, or nothing when it is not well-formed UTF-8 (overlong forms,
// surrogates and truncated sequences included).
std::optional<std::u32string> decodeUtf8(std::string_view text);
std::string encodeUtf8(const std::u32string& code_points);

}  // namespace ceres::domain
