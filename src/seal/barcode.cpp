#include "seal/barcode.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <stdexcept>
#include <string>

namespace ceres::seal {
namespace {

Matrix fromBitMatrix(const ZXing::BitMatrix& bits) {
    Matrix matrix;
    matrix.width = bits.width();
    matrix.height = bits.height();
    matrix.modules.resize(static_cast<std::size_t>(matrix.width) * matrix.height);
    std::uint8_t* module = matrix.modules.data();
    for (int y = 0; y < matrix.height; ++y)
        for (int x = 0; x < matrix.width; ++x) *module++ = bits.get(x, y) ? 1 : 0;
    return matrix;
}

// ZXing's writers take Unicode text and encode each character below 256 as that byte value
// (DataMatrix in ASCII/C40/Text/Base256 modes, no ECI). Widening each byte to its own code point
// therefore carries arbitrary bytes through unchanged, whatever their meaning (UTF-8 here).
std::wstring bytesAsCodePoints(std::string_view bytes) {
    std::wstring points;
    points.reserve(bytes.size());
    for (unsigned char byte : bytes) points.push_back(static_cast<wchar_t>(byte));
    return points;
}

ZXing::BitMatrix encode(ZXing::BarcodeFormat format, std::string_view bytes) {
    if (bytes.empty()) throw std::invalid_argument("cannot encode an empty barcode");
    return ZXing::MultiFormatWriter(format).setMargin(0).encode(bytesAsCodePoints(bytes), 0, 0);
}

}  // namespace

Matrix encodeDataMatrix(std::string_view bytes) {
    return fromBitMatrix(encode(ZXing::BarcodeFormat::DataMatrix, bytes));
}

Matrix encodeCode128(std::string_view text) {
    for (char c : text) {
        if (c < ' ' || c > '~') throw std::invalid_argument("Code 128 text must be printable ASCII");
    }
    return fromBitMatrix(encode(ZXing::BarcodeFormat::Code128, text));
}

}  // namespace ceres::seal
