// R-CAN-1 Reading: last names follow the first-name rule without the comma; every printed field
// refuses control, bidi and zero-width characters and the BOM; names refuse '<'; the 2D code's
// limits (names' bytes, dates) are known to validation. Plausible birth dates.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "domain/candidate.h"
#include "domain/first_name.h"
#include "domain/printed_text.h"
#include "domain/utf8.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

std::string repeat(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

struct NameCase {
    const char* name;
    std::string raw;
    const char* named_in_message;  // nullptr: accepted
};

class R_CAN_1_LastNames : public ::testing::TestWithParam<NameCase> {};

TEST_P(R_CAN_1_LastNames, Outcome) {
    const NameCase& c = GetParam();
    const Outcome outcome = validateLastName(c.raw, "C-900001");
    if (!c.named_in_message) {
        EXPECT_TRUE(outcome.isAllowed()) << outcome.violations.at(0).message;
        return;
    }
    ASSERT_TRUE(outcome.isRefused());
    EXPECT_EQ(outcome.violations[0].rule, "R-CAN-1");
    EXPECT_EQ(outcome.violations[0].subject, "C-900001");
    EXPECT_NE(outcome.violations[0].message.find(c.named_in_message), std::string::npos) << outcome.violations[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_CAN_1_LastNames,
    ::testing::Values(NameCase{"apostrophe", "N'Diaye", nullptr},
                      NameCase{"typographic_apostrophe", "N\u2019Diaye", nullptr},
                      NameCase{"hyphen_and_space", "Jean-Baptiste de La Tour", nullptr},
                      NameCase{"greek", "Παπαδόπουλος", nullptr},
                      NameCase{"cyrillic", "Смирнов", nullptr},
                      NameCase{"cjk_133_chars_399_bytes", repeat("明", 133), nullptr},
                      NameCase{"cjk_134_chars_402_bytes", repeat("明", 134), "400 octets"},
                      NameCase{"latin_401_bytes", repeat("a", 401), "400 octets"},
                      NameCase{"comma", "Dupont, Durand", "U+002C"},
                      NameCase{"less_than", "Dupont<GS>", "U+003C"},
                      NameCase{"digit", "Dupont2", "U+0032"},
                      NameCase{"nul", std::string("Dup\0ont", 7), "U+0000"},
                      NameCase{"escape", "Dup\x1b[31mont", "U+001B"},
                      NameCase{"newline", "Dupont\nDurand", "U+000A"},
                      NameCase{"rlo_override", "Dupont\u202Etnod", "U+202E"},
                      NameCase{"zero_width_space", "Du\u200Bpont", "U+200B"},
                      NameCase{"bom", "\uFEFFDupont", "U+FEFF"},
                      NameCase{"only_hyphens", "--", "aucune lettre"}),
    [](const auto& info) { return std::string(info.param.name); });

struct TextCase {
    const char* name;
    std::string text;
    bool is_name;
    const char* named_in_message;  // nullptr: accepted
};

class R_CAN_1_PrintedText : public ::testing::TestWithParam<TextCase> {};

TEST_P(R_CAN_1_PrintedText, Outcome) {
    const TextCase& c = GetParam();
    const Outcome outcome = checkPrintedText(c.text, c.is_name, "/site/address");
    if (!c.named_in_message) {
        EXPECT_TRUE(outcome.isAllowed()) << outcome.violations.at(0).message;
        return;
    }
    ASSERT_EQ(outcome.violations.size(), 1u);
    EXPECT_EQ(outcome.violations[0].rule, "R-CAN-1");
    EXPECT_EQ(outcome.violations[0].subject, "/site/address");
    EXPECT_NE(outcome.violations[0].message.find(c.named_in_message), std::string::npos) << outcome.violations[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_CAN_1_PrintedText,
    ::testing::Values(TextCase{"address", "12 avenue Jean Jaurès, bât. B (3e)", false, nullptr},
                      TextCase{"arabic_libelle", "مساعد إداري", false, nullptr},
                      TextCase{"less_than_in_a_comment", "Prévoir < 5 candidats", false, nullptr},
                      TextCase{"less_than_in_a_name", "Centre <b>", true, "U+003C"},
                      TextCase{"no_break_space", "12\u00A0rue", false, nullptr},
                      TextCase{"nul", std::string("rue\0", 4), false, "U+0000"},
                      TextCase{"tab", "rue\tdu Port", false, "U+0009"},
                      TextCase{"carriage_return", "rue\r", false, "U+000D"},
                      TextCase{"delete", "rue\x7f", false, "U+007F"},
                      TextCase{"c1_control", "rue\u0085", false, "U+0085"},
                      TextCase{"line_separator", "rue\u2028du Port", false, "U+2028"},
                      TextCase{"lrm", "rue\u200E", false, "U+200E"},
                      TextCase{"rlm", "rue\u200F", false, "U+200F"},
                      TextCase{"lre", "\u202Arue", false, "U+202A"},
                      TextCase{"pdf", "rue\u202C", false, "U+202C"},
                      TextCase{"lri", "\u2066rue", false, "U+2066"},
                      TextCase{"pdi", "rue\u2069", false, "U+2069"},
                      TextCase{"arabic_letter_mark", "rue\u061C", false, "U+061C"},
                      TextCase{"zero_width_joiner", "rue\u200D", false, "U+200D"},
                      TextCase{"word_joiner", "rue\u2060", false, "U+2060"},
                      TextCase{"bom_inside", "rue\uFEFFdu Port", false, "U+FEFF"},
                      TextCase{"invalid_utf8", "rue\xC3", false, "UTF-8"}),
    [](const auto& info) { return std::string(info.param.name); });

// The 2D code's character rule for names, shared with the seal.
TEST(R_CAN_1_Sealable, NamesAndDates) {
    EXPECT_TRUE(isSealableName("Lefèvre"));
    EXPECT_FALSE(isSealableName("Le<fèvre"));
    EXPECT_FALSE(isSealableName("Le\x1f" "fèvre"));
    EXPECT_FALSE(isSealableName("Le\x7f"));
    EXPECT_FALSE(isSealableName("Le\xC3"));
    EXPECT_TRUE(isSealableDate(day("2000-01-01")));
    EXPECT_FALSE(isSealableDate(day("1999-12-31")));
    EXPECT_TRUE(isSealableDate(day("2000-01-01").addDays(0xFFFE)));
    EXPECT_FALSE(isSealableDate(day("2000-01-01").addDays(0xFFFF)));
}

struct BirthCase {
    const char* name;
    const char* birth;
    bool accepted;
};

class BirthDatePlausible : public ::testing::TestWithParam<BirthCase> {};

// Session starting 2026-05-20.
TEST_P(BirthDatePlausible, Outcome) {
    const Candidate c = test::candidate("C-900001", "Lefèvre", "Hélène", GetParam().birth);
    const Outcome outcome = checkBirthDate(c, day("2026-05-20"));
    EXPECT_EQ(outcome.isAllowed(), GetParam().accepted);
    if (outcome.isRefused()) {
        EXPECT_EQ(outcome.violations[0].rule, "");
        EXPECT_NE(outcome.violations[0].message.find("C-900001"), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(Table, BirthDatePlausible,
                         ::testing::Values(BirthCase{"first_day_1900", "1900-01-01", true},
                                           BirthCase{"last_day_1899", "1899-12-31", false},
                                           BirthCase{"year_1800", "1800-06-15", false},
                                           BirthCase{"fourteen_on_start", "2012-05-20", true},
                                           BirthCase{"fourteen_day_after_start", "2012-05-21", false},
                                           BirthCase{"after_the_start", "2026-06-01", false},
                                           BirthCase{"year_2090", "2090-01-01", false},
                                           BirthCase{"leap_day_2012", "2012-02-29", true}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace ceres::domain

namespace ceres::domain {
namespace {

// No font draws a code point Unicode has not assigned, nor a private-use one: refused up front
// in every printed field (a birth commune with U+0380 used to pass, then fail rendering).
TEST(PrintedTextAssigned, UnassignedAndPrivateUseCodePointsAreRefused) {
    for (const char* text : {"Αθήν\u0380α", "Bordeaux \uE000", "x\U0010FFFD"}) {
        const Outcome o = checkPrintedText(text, false, "/site/commune");
        ASSERT_TRUE(o.isRefused()) << text;
        EXPECT_EQ(o.violations[0].rule, "R-CAN-1");
        EXPECT_EQ(o.violations[0].subject, "/site/commune");
    }
    EXPECT_TRUE(checkPrintedText("Αθήνα, 北京, Floirac 😀, ‰ ½", false, "/site/commune").isAllowed());
}

// The one UTF-8 decoder (domain/utf8.h): what validation refuses and where, and the code points
// with their byte offsets that shaping and layout cut text at.
struct Utf8Case {
    const char* name;
    std::string text;
    std::size_t first_invalid;
};

class Utf8Decoding : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(Utf8Decoding, RefusesAtTheFirstInvalidByteAndReplacesEachInvalidByte) {
    const Utf8Case& c = GetParam();
    EXPECT_EQ(firstInvalidUtf8(c.text), c.first_invalid);
    EXPECT_FALSE(decodeUtf8(c.text).has_value());
    EXPECT_FALSE(decodeUtf8WithOffsets(c.text, InvalidUtf8::Refuse).has_value());
    const Utf8Text replaced = decodeUtf8Replacing(c.text);
    ASSERT_GT(replaced.chars.size(), 1u);
    // What comes before decodes; the invalid byte is one U+FFFD at its offset, the next code
    // point starts at the next byte.
    EXPECT_EQ(replaced.chars[0], U'a');
    const auto at = std::find(replaced.offsets.begin(), replaced.offsets.end(), c.first_invalid);
    ASSERT_NE(at, replaced.offsets.end());
    const auto k = static_cast<std::size_t>(at - replaced.offsets.begin());
    ASSERT_LT(k, replaced.chars.size());
    EXPECT_EQ(std::count(replaced.chars.begin(), replaced.chars.begin() + static_cast<long>(k), U'\uFFFD'), 0);
    EXPECT_EQ(replaced.chars[k], U'\uFFFD');
    EXPECT_EQ(replaced.offsets[k + 1], c.first_invalid + 1);
    EXPECT_EQ(replaced.offsets.back(), c.text.size());
    EXPECT_EQ(replaced.offsets.size(), replaced.chars.size() + 1);
}

INSTANTIATE_TEST_SUITE_P(
    Invalid, Utf8Decoding,
    ::testing::Values(Utf8Case{"overlong_two_bytes", "a\xC0\xAF", 1}, Utf8Case{"overlong_c1", "a\xC1\xBF", 1},
                      Utf8Case{"overlong_three_bytes", "a\xE0\x80\xAF", 1},
                      Utf8Case{"overlong_four_bytes", "a\xF0\x80\x80\xAF", 1},
                      Utf8Case{"high_surrogate", "a\xED\xA0\x80", 1}, Utf8Case{"low_surrogate", "a\xED\xBF\xBF", 1},
                      Utf8Case{"truncated_at_end", "a\xC3", 1}, Utf8Case{"truncated_three_bytes", "a\xE2\x82", 1},
                      Utf8Case{"truncated_before_ascii", "a\xE2\x82z", 1},
                      Utf8Case{"above_10ffff", "a\xF4\x90\x80\x80", 1}, Utf8Case{"lead_f5", "a\xF5\x80\x80\x80", 1},
                      Utf8Case{"lone_continuation", "a\x80", 1}, Utf8Case{"byte_ff", "a\xFF", 1},
                      Utf8Case{"after_valid_characters", "a\xC3\xA9\xE2\x82\xAC\xED\xA0\x80", 6}),
    [](const ::testing::TestParamInfo<Utf8Case>& info) { return std::string(info.param.name); });

TEST(Utf8Decoding, GivesCodePointsWithTheirByteOffsets) {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";  // a é € 😀 z
    EXPECT_EQ(firstInvalidUtf8(text), std::string::npos);
    const std::optional<Utf8Text> decoded = decodeUtf8WithOffsets(text, InvalidUtf8::Refuse);
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(decoded->chars, (std::vector<char32_t>{U'a', U'\u00E9', U'\u20AC', U'\U0001F600', U'z'}));
    EXPECT_EQ(decoded->offsets, (std::vector<std::size_t>{0, 1, 3, 6, 10, 11}));
    const Utf8Text replaced = decodeUtf8Replacing(text);
    EXPECT_EQ(replaced.chars, decoded->chars);
    EXPECT_EQ(replaced.offsets, decoded->offsets);
    EXPECT_EQ(decodeUtf8(text), std::u32string(U"a\u00E9\u20AC\U0001F600z"));
    EXPECT_EQ(encodeUtf8(*decodeUtf8(text)), text);
}

TEST(Utf8Decoding, AcceptsTheLimitsOfEachLength) {
    // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF
    const std::string text = "\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF";
    EXPECT_EQ(firstInvalidUtf8(text), std::string::npos);
    EXPECT_EQ(decodeUtf8(text),
              std::u32string(U"\u0080\u07FF\u0800\uD7FF\uE000\uFFFF\U00010000\U0010FFFF"));
    const Utf8Text decoded = decodeUtf8Replacing("");
    EXPECT_TRUE(decoded.chars.empty());
    EXPECT_EQ(decoded.offsets, std::vector<std::size_t>{0});
}

}  // namespace
}  // namespace ceres::domain
