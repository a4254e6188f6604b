#pragma once
// Unicode general categories without a third-party library: a compact table of ranges.
namespace ceres::domain {

// True for letters of any alphabet (categories L*) and combining marks (M*), which carry the
// accents of decomposed letters and the vowel signs of many scripts.
bool isLetterOrMark(char32_t code_point);

}  // namespace ceres::domain
