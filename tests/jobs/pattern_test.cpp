// The schemas' patterns, matched without std::regex, agree with std::regex on every pattern the
// schemas hold, over valid values, near misses and hostile strings.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <regex>
#include <sstream>

#include "jobs/pattern.h"

namespace {

namespace fs = std::filesystem;

void collect(const Poco::Dynamic::Var& v, std::set<std::string>& out) {
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
        for (const auto& [key, child] : *v.extract<Poco::JSON::Object::Ptr>()) {
            if (key == "pattern" && child.isString()) out.insert(child.extract<std::string>());
            collect(child, out);
        }
    } else if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        for (const auto& child : *v.extract<Poco::JSON::Array::Ptr>()) collect(child, out);
    }
}

std::set<std::string> schemaPatterns() {
    std::set<std::string> out;
    const fs::path dir = fs::path(std::getenv("CERES_HOME") ? std::getenv("CERES_HOME") : ".") / "schemas";
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path());
        std::ostringstream text;
        text << in.rdbuf();
        collect(Poco::JSON::Parser().parse(text.str()), out);
    }
    return out;
}

std::vector<std::string> samples() {
    std::vector<std::string> s = {"", "0", "00", "2A", "2B", "2C", "971", "976", "977", "97", "33", "330", "33000",
                                  "2A004", "2B1", "FR", "fr", "0000000000000", "00000000000000", "12345678901234",
                                  "1234567890123", "123456789012345", "2026-04-10", "2026-4-10", "12026-04-10",
                                  "23:59", "24:00", "09:05", "9:05", "19:60", "TP-00001", "TP-0001", "tp-00001",
                                  "CP-01318-1", "CS-01318-12", "CP-01318-123", "CX-01318-1", "RNCP123", "RNCP1234567",
                                  "RNCP12", "123", "123a", "123A", "123ab", "+33 6 12 34 56 78", "+33", "0612345678",
                                  "06.12.34.56.78", "(0)6-12-34", "a@b.c", "a@b", "a@@b.c", "a b@c.d", "@b.c",
                                  "ab@cd.ef.gh", "x@y.", "https://x.fr/cb", "http://x", "https://", "https://a b",
                                  "ftp://x", "A-Z 0-9", "AB", "ABCDEFGHIJK", "abc", "S", "a_b-c", "-abc", "_a",
                                  "ABCD-1234", "ABC", "a\nb", "33\n", "\n33", "é@è.à", "2026-04-10\n", "TITRE_T_2026"};
    s.push_back(std::string(64, 'a'));
    s.push_back(std::string(65, 'a'));
    s.push_back(std::string(300, '1'));
    s.push_back(std::string("a\0b", 3));
    s.push_back("\xff\xfe");
    for (int i = 0; i < 256; ++i) s.push_back(std::string(1, static_cast<char>(i)));
    return s;
}

TEST(SchemaPatterns, MatchAsStdRegexDoes) {
    const auto patterns = schemaPatterns();
    ASSERT_GE(patterns.size(), 15u);
    for (const auto& source : patterns) {
        const ceres::jobs::Pattern mine(source);
        const std::regex reference(source);
        for (const auto& text : samples())
            EXPECT_EQ(mine.search(text), std::regex_search(text, reference)) << source << " on '" << text << "'";
    }
}

TEST(SchemaPatterns, UnanchoredAlternativesAndGroupsSearchAsStdRegexDoes) {
    for (const std::string source : {"ab|cd", "(ab)?c", "a(b|c){2,3}d", "x[^0-9]+y", "^$", "\\.", "[-a]", "[a-]",
                                     "(a|ab)(c|bcd)(d*)$", "a{0,2}b", "a*", "^(?:x)"}) {
        if (source == "^(?:x)") {
            EXPECT_THROW(ceres::jobs::Pattern{source}, std::invalid_argument);
            continue;
        }
        const ceres::jobs::Pattern mine(source);
        const std::regex reference(source);
        for (const std::string text : {"", "ab", "xcdx", "c", "abc", "abbcd", "abcbd", "abd", "x-y", "x12y", "xay",
                                       ".", "-", "a", "abcd", "aab", "aaab", "b", "abcdd", "zz"})
            EXPECT_EQ(mine.search(text), std::regex_search(text, reference)) << source << " on '" << text << "'";
    }
}

}  // namespace
