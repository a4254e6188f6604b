#pragma once
// Reads /metrics as a Prometheus server would (text exposition format 0.0.4), checking its rules
// with test expectations: every line a sample or a HELP/TYPE comment, HELP and TYPE once per
// family before its samples, a family's samples together, and for each histogram series
// buckets in increasing `le`, cumulative counts, a last `+Inf` bucket equal to `_count`, a `_sum`.
#include <map>
#include <string>

namespace ceres::http::testing {

struct Exposition {
    std::map<std::string, double> samples;      // "name{labels}" exactly as printed → value
    std::map<std::string, std::string> types;   // family → counter, gauge, histogram…
};

Exposition parseExposition(const std::string& text);

}  // namespace ceres::http::testing
