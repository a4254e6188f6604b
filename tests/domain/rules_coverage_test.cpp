// Every rule of RULES.md is named by at least one test of this folder (R-HAB-9 -> R_HAB_9 in a
// test suite or test name), so no rule can be left without a test unnoticed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::set<std::string> ruleIds(const std::string& rules_text) {
    std::set<std::string> ids;
    const std::regex id(R"(\*\*(R-[A-Z]{3}-[0-9]+)\*\*)");
    for (auto it = std::sregex_iterator(rules_text.begin(), rules_text.end(), id); it != std::sregex_iterator(); ++it) {
        ids.insert((*it)[1]);
    }
    return ids;
}

// Suite and test names of TEST/TEST_P, and the case names given to parameterized suites.
std::string testNames(const std::filesystem::path& folder) {
    const std::regex declaration(R"((TEST|TEST_P|TEST_F)\s*\(\s*(\w+)\s*,\s*(\w+))");
    const std::regex case_name(R"re(Case\{"(\w+)")re");
    std::string names;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        if (entry.path().extension() != ".cpp") continue;
        const std::string source = readFile(entry.path());
        for (auto it = std::sregex_iterator(source.begin(), source.end(), declaration); it != std::sregex_iterator(); ++it) {
            names += (*it)[2].str() + " " + (*it)[3].str() + "\n";
        }
        for (auto it = std::sregex_iterator(source.begin(), source.end(), case_name); it != std::sregex_iterator(); ++it) {
            names += (*it)[1].str() + "\n";
        }
    }
    return names;
}

TEST(RulesCoverage, EveryRuleIdNamesATest) {
    const std::filesystem::path rules = std::filesystem::path(CERES_RULES_FILE);
    ASSERT_TRUE(std::filesystem::exists(rules)) << rules;
    const std::set<std::string> ids = ruleIds(readFile(rules));
    ASSERT_GE(ids.size(), 30u) << "RULES.md lists fewer rules than expected";
    const std::string names = testNames(std::filesystem::path(CERES_SOURCE_DIR) / "tests" / "domain");
    for (std::string id : ids) {
        std::replace(id.begin(), id.end(), '-', '_');
        const std::regex named(id + "(?![0-9])");
        EXPECT_TRUE(std::regex_search(names, named)) << id << " is named by no test";
    }
}

}  // namespace
