#include "http/documents.h"

#include <gtest/gtest.h>

namespace ceres::http {
namespace {

using Kind = RangeRequest::Kind;

void expectPart(const RangeRequest& r, std::uint64_t first, std::uint64_t last) {
    ASSERT_EQ(r.kind, Kind::Part);
    EXPECT_EQ(r.range.first, first);
    EXPECT_EQ(r.range.last, last);
}

TEST(Range, ClosedOpenAndSuffixForms) {
    expectPart(parseRange("bytes=0-9", 100), 0, 9);
    expectPart(parseRange("bytes=90-", 100), 90, 99);
    expectPart(parseRange("bytes=-10", 100), 90, 99);
    expectPart(parseRange(" bytes=5-5 ", 100), 5, 5);
}

TEST(Range, ClippedToTheDocument) {
    expectPart(parseRange("bytes=50-500", 100), 50, 99);
    expectPart(parseRange("bytes=-500", 100), 0, 99);
}

TEST(Range, OutsideTheDocumentIsUnsatisfiable) {
    EXPECT_EQ(parseRange("bytes=100-", 100).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parseRange("bytes=200-300", 100).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parseRange("bytes=-0", 100).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parseRange("bytes=0-", 0).kind, Kind::Unsatisfiable);
}

TEST(Range, MalformedOrMultipleGiveTheWholeDocument) {
    for (const char* header : {"", "bytes=", "bytes=-", "items=0-1", "bytes=a-b", "bytes=9-2", "bytes=0-1,5-6",
                               "bytes=+1-2", "bytes=99999999999999999999999-"}) {
        EXPECT_EQ(parseRange(header, 100).kind, Kind::Whole) << header;
    }
}

TEST(ContentDisposition, AsciiNameHasBothForms) {
    EXPECT_EQ(contentDisposition("pv-general_S1_v1.pdf"),
              "attachment; filename=\"pv-general_S1_v1.pdf\"; filename*=UTF-8''pv-general_S1_v1.pdf");
}

TEST(ContentDisposition, Utf8NameIsPercentEncodedWithAnAsciiFallback) {
    EXPECT_EQ(contentDisposition("procès \"v\".pdf"),
              "attachment; filename=\"proc_s _v_.pdf\"; filename*=UTF-8''proc%C3%A8s%20%22v%22.pdf");
}

TEST(ETag, StrongWeakListsAndStar) {
    const std::string etag = "\"abc\"";
    EXPECT_TRUE(etagMatches("\"abc\"", etag));
    EXPECT_TRUE(etagMatches("W/\"abc\"", etag));
    EXPECT_TRUE(etagMatches("\"x\", \"abc\"", etag));
    EXPECT_TRUE(etagMatches("*", etag));
    EXPECT_FALSE(etagMatches("\"abcd\"", etag));
    EXPECT_FALSE(etagMatches("abc", etag));
    EXPECT_FALSE(etagMatches("", etag));
}

}  // namespace
}  // namespace ceres::http
