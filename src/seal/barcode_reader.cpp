#include "seal/barcode_reader.h"

#include <ZXing/ReadBarcode.h>

#include <algorithm>

namespace ceres::seal {
namespace {

constexpr int kLinearBarModules = 40;

}  // namespace

GrayImage rasterise(const Matrix& matrix, int module_pixels, int quiet_modules) {
    const int rows = matrix.height == 1 ? kLinearBarModules : matrix.height;
    GrayImage image;
    image.width = (matrix.width + 2 * quiet_modules) * module_pixels;
    image.height = (rows + 2 * quiet_modules) * module_pixels;
    image.pixels.assign(static_cast<std::size_t>(image.width) * image.height, 255);
    for (int row = 0; row < rows; ++row) {
        const int y = matrix.height == 1 ? 0 : row;
        for (int x = 0; x < matrix.width; ++x) {
            if (!matrix.dark(x, y)) continue;
            const int left = (x + quiet_modules) * module_pixels;
            const int top = (row + quiet_modules) * module_pixels;
            for (int dy = 0; dy < module_pixels; ++dy) {
                auto* line = &image.pixels[static_cast<std::size_t>(top + dy) * image.width + left];
                std::fill(line, line + module_pixels, 0);
            }
        }
    }
    return image;
}

std::optional<DecodedBarcode> decodeBarcode(const GrayImage& image) {
    const ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
    const ZXing::Result result = ZXing::ReadBarcode(view, ZXing::DecodeHints().setTryHarder(true));
    if (!result.isValid()) return std::nullopt;
    return DecodedBarcode{ZXing::ToString(result.format()),
                          std::string(result.bytes().begin(), result.bytes().end())};
}

}  // namespace ceres::seal
