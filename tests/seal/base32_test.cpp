#include "seal/base32.h"

#include <gtest/gtest.h>

namespace ceres::seal {
namespace {

struct Rfc4648Vector {
    const char* bytes;
    const char* text;
};

// RFC 4648 section 10, without the padding.
constexpr Rfc4648Vector kVectors[] = {{"", ""},           {"f", "MY"},         {"fo", "MZXQ"},
                                      {"foo", "MZXW6"},   {"foob", "MZXW6YQ"}, {"fooba", "MZXW6YTB"},
                                      {"foobar", "MZXW6YTBOI"}};

TEST(Base32, EncodesTheRfc4648Vectors) {
    for (const auto& v : kVectors) EXPECT_EQ(base32Encode(v.bytes), v.text);
}

TEST(Base32, DecodesTheRfc4648Vectors) {
    for (const auto& v : kVectors) EXPECT_EQ(base32Decode(v.text), std::optional<std::string>(v.bytes));
}

TEST(Base32, RoundTripsEveryByteValue) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    for (std::size_t size = 0; size <= bytes.size(); size += 17) {
        const std::string part = bytes.substr(0, size);
        EXPECT_EQ(base32Decode(base32Encode(part)), part);
    }
}

TEST(Base32, RefusesNonCanonicalText) {
    EXPECT_EQ(base32Decode("MZ"), std::nullopt) << "unused bits set";
    EXPECT_EQ(base32Decode("my"), std::nullopt) << "lower case";
    EXPECT_EQ(base32Decode("MY=="), std::nullopt) << "padding";
    EXPECT_EQ(base32Decode("MZXW6Y"), std::nullopt) << "impossible length";
    EXPECT_EQ(base32Decode("M1"), std::nullopt) << "outside the alphabet";
}

}  // namespace
}  // namespace ceres::seal
