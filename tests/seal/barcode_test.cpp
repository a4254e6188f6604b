#include "seal/barcode.h"

#include <gtest/gtest.h>

#include "seal/barcode_reader.h"
#include "seal/sealer.h"
#include "seal_test_support.h"

namespace ceres::seal {
namespace {

std::optional<DecodedBarcode> drawnAndRead(const Matrix& matrix) { return decodeBarcode(rasterise(matrix)); }

TEST(DataMatrix, CarriesSealedCodesInEveryScriptUnchanged) {
    const Sealer sealer = Sealer::fromFile(test::dataFile("test-seal-a-private.pem"), "TA01");
    for (const ParcheminFields& fields : test::parcheminsInManyScripts()) {
        const std::string code = sealer.seal(fields);
        const auto decoded = drawnAndRead(encodeDataMatrix(code));
        ASSERT_TRUE(decoded) << fields.last_name;
        EXPECT_EQ(decoded->format, "DataMatrix");
        EXPECT_EQ(decoded->bytes, code) << fields.last_name;
    }
}

TEST(DataMatrix, CarriesEveryByteValue) {
    std::string bytes;
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
    const auto decoded = drawnAndRead(encodeDataMatrix(bytes));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->bytes, bytes);
}

TEST(DataMatrix, DrawsAnEcc200SymbolWithItsFinderPattern) {
    const Matrix matrix = encodeDataMatrix("DC04\x1d" "ABC\x1f" "XYZ");
    ASSERT_GT(matrix.width, 0);
    ASSERT_EQ(matrix.modules.size(), static_cast<std::size_t>(matrix.width) * matrix.height);
    for (int y = 0; y < matrix.height; ++y) EXPECT_TRUE(matrix.dark(0, y)) << "solid left edge";
    for (int x = 0; x < matrix.width; ++x) EXPECT_TRUE(matrix.dark(x, matrix.height - 1)) << "solid bottom edge";
    for (int x = 0; x < matrix.width; ++x) EXPECT_EQ(matrix.dark(x, 0), x % 2 == 0) << "dotted top edge";
}

TEST(DataMatrix, RefusesEmptyContent) { EXPECT_THROW(encodeDataMatrix(""), std::invalid_argument); }

TEST(Code128, CarriesTheUniqueNumber) {
    const std::string number = test::exampleNumber();
    const Matrix matrix = encodeCode128(number);
    EXPECT_EQ(matrix.height, 1);
    const auto decoded = drawnAndRead(matrix);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->format, "Code128");
    EXPECT_EQ(decoded->bytes, number);
}

TEST(Code128, RefusesWhatItCannotCarry) {
    EXPECT_THROW(encodeCode128(""), std::invalid_argument);
    EXPECT_THROW(encodeCode128("Hélène"), std::invalid_argument);
    EXPECT_THROW(encodeCode128("A\x1d" "B"), std::invalid_argument);
}

TEST(BarcodeReader, FindsNothingInABlankImage) {
    GrayImage blank;
    blank.width = blank.height = 64;
    blank.pixels.assign(64 * 64, 255);
    EXPECT_EQ(decodeBarcode(blank), std::nullopt);
}

}  // namespace
}  // namespace ceres::seal
