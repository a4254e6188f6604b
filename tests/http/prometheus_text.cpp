#include "prometheus_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

namespace ceres::http::testing {
namespace {

const std::regex kComment(R"(^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$)");
const std::regex kSample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$)");
const std::regex kLabel(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$))re");
const std::set<std::string> kTypes = {"counter", "gauge", "histogram", "summary", "untyped"};

double valueOf(const std::string& text) {
    if (text == "+Inf") return std::numeric_limits<double>::infinity();
    if (text == "-Inf") return -std::numeric_limits<double>::infinity();
    if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    EXPECT_EQ(used, text.size()) << "not a number: " << text;
    return value;
}

std::map<std::string, std::string> labelsOf(const std::string& text) {
    std::map<std::string, std::string> labels;
    std::size_t covered = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), kLabel); it != std::sregex_iterator(); ++it) {
        EXPECT_EQ(static_cast<std::size_t>(it->position()), covered) << "malformed labels: " << text;
        EXPECT_TRUE(labels.emplace((*it)[1], (*it)[2]).second) << "repeated label in " << text;
        covered = static_cast<std::size_t>(it->position() + it->length());
    }
    EXPECT_EQ(covered, text.size()) << "malformed labels: " << text;
    return labels;
}

bool endsWith(const std::string& text, const std::string& suffix) {
    return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// A histogram's samples are named after it with _bucket, _sum or _count.
std::pair<std::string, std::string> familyAndSuffix(const std::string& name,
                                                    const std::map<std::string, std::string>& types) {
    for (const char* suffix : {"_bucket", "_sum", "_count"}) {
        if (!endsWith(name, suffix)) continue;
        const std::string base = name.substr(0, name.size() - std::string(suffix).size());
        const auto type = types.find(base);
        if (type != types.end() && type->second == "histogram") return {base, suffix};
    }
    return {name, ""};
}

struct Series {
    std::vector<std::pair<double, double>> buckets;  // (le, count) in printed order
    std::optional<double> count;
    bool has_sum = false;
};

void checkHistogram(const std::string& series, const Series& s) {
    ASSERT_FALSE(s.buckets.empty()) << series << ": no bucket";
    for (std::size_t i = 1; i < s.buckets.size(); ++i) {
        EXPECT_LT(s.buckets[i - 1].first, s.buckets[i].first) << series << ": le not increasing";
        EXPECT_LE(s.buckets[i - 1].second, s.buckets[i].second) << series << ": buckets not cumulative";
    }
    EXPECT_TRUE(std::isinf(s.buckets.back().first)) << series << ": the last bucket must be le=\"+Inf\"";
    ASSERT_TRUE(s.count) << series << ": no _count";
    EXPECT_EQ(s.buckets.back().second, *s.count) << series << ": the +Inf bucket must equal _count";
    EXPECT_TRUE(s.has_sum) << series << ": no _sum";
}

}  // namespace

Exposition parseExposition(const std::string& text) {
    Exposition out;
    EXPECT_TRUE(!text.empty() && text.back() == '\n') << "the exposition must end with a line feed";
    std::set<std::string> helped;
    std::set<std::string> finished;  // families whose samples are behind us
    std::string current;
    std::map<std::string, Series> histograms;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_match(line, m, kComment)) {
            const std::string family = m[2];
            if (m[1] == "HELP") {
                EXPECT_TRUE(helped.insert(family).second) << "a second HELP for " << family;
            } else {
                EXPECT_TRUE(out.types.emplace(family, m[3]).second) << "a second TYPE for " << family;
                EXPECT_EQ(kTypes.count(m[3]), 1u) << "unknown type in: " << line;
            }
            EXPECT_EQ(finished.count(family), 0u) << family << ": a comment after its samples";
            EXPECT_NE(current, family) << family << ": a comment among its samples";
            continue;
        }
        if (!std::regex_match(line, m, kSample)) {
            ADD_FAILURE() << "neither a sample nor a HELP/TYPE line: " << line;
            continue;
        }
        const std::string name = m[1];
        auto labels = labelsOf(m[3]);
        const double value = valueOf(m[4]);
        const auto [family, suffix] = familyAndSuffix(name, out.types);
        EXPECT_EQ(out.types.count(family), 1u) << "no TYPE before " << line;
        EXPECT_EQ(helped.count(family), 1u) << "no HELP before " << line;
        if (family != current) {
            EXPECT_EQ(finished.count(family), 0u) << family << ": its samples are not together";
            if (!current.empty()) finished.insert(current);
            current = family;
        }
        EXPECT_TRUE(out.samples.emplace(name + std::string(m[2]), value).second) << "repeated sample: " << line;
        if (suffix.empty()) continue;
        const auto le = labels.find("le");
        std::string le_text;
        if (le != labels.end()) {
            le_text = le->second;
            labels.erase(le);
        }
        std::string series = family + "{";
        for (const auto& [label, label_value] : labels) series += label + "=" + label_value + ",";
        auto& s = histograms[series + "}"];
        if (suffix == "_bucket") {
            EXPECT_FALSE(le_text.empty()) << "a bucket without le: " << line;
            s.buckets.emplace_back(valueOf(le_text), value);
        } else if (suffix == "_count") {
            s.count = value;
        } else {
            s.has_sum = true;
        }
    }
    for (const auto& [series, s] : histograms) checkHistogram(series, s);
    return out;
}

}  // namespace ceres::http::testing
