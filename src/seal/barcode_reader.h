#pragma once
// Reading barcodes back from pixels, so that every barcode drawn can be decoded in a test.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "seal/barcode.h"

namespace ceres::seal {

// Row-major 8-bit grey levels, 0 = black, 255 = white.
struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;
};

// `matrix` black on white, `module_pixels` square pixels per module, with a blank border of
// `quiet_modules` modules. A single-row matrix (Code 128) is drawn with bars 40 modules tall.
GrayImage rasterise(const Matrix& matrix, int module_pixels = 4, int quiet_modules = 10);

struct DecodedBarcode {
    std::string format;  // ZXing's name: "DataMatrix", "Code128", ...
    std::string bytes;   // the raw content, no character-set conversion
};

// The first barcode ZXing finds in `image`, if any.
std::optional<DecodedBarcode> decodeBarcode(const GrayImage& image);

// The content of a DataMatrix anywhere in a photo or scan: the whole picture first, then square
// windows across it, because ZXing 1.4 misses a symbol far from the centre of a large picture (a
// parchemin's code in the corner of a 300 dpi page).
std::optional<std::string> findDataMatrix(const GrayImage& image);

}  // namespace ceres::seal
