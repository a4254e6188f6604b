#include "seal/barcode_reader.h"

#include <ZXing/ReadBarcode.h>

#include <algorithm>

namespace ceres::seal {
namespace {

constexpr int kLinearBarModules = 40;
// Square windows of half the picture's shorter side, a quarter of their side apart, over the
// picture in a white border: whatever its place, a symbol covers the centre of one of them, where
// ZXing's DataMatrix detector starts.
constexpr int kStepsPerWindow = 4;

// The picture inside a white border, so that a window can be centred on its edges too.
GrayImage withWhiteBorder(const GrayImage& image, int border) {
    GrayImage out{image.width + 2 * border, image.height + 2 * border, {}};
    out.pixels.assign(static_cast<std::size_t>(out.width) * out.height, 255);
    for (int y = 0; y < image.height; ++y) {
        const auto* from = &image.pixels[static_cast<std::size_t>(y) * image.width];
        std::copy(from, from + image.width, &out.pixels[static_cast<std::size_t>(y + border) * out.width + border]);
    }
    return out;
}

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

std::optional<std::string> findDataMatrix(const GrayImage& image) {
    const auto hints = ZXing::DecodeHints().setTryHarder(true).setFormats(ZXing::BarcodeFormat::DataMatrix);
    const auto read = [&hints](const GrayImage& in, int left, int top, int side_x, int side_y) -> std::optional<std::string> {
        const ZXing::ImageView view(in.pixels.data() + static_cast<std::size_t>(top) * in.width + left, side_x, side_y,
                                    ZXing::ImageFormat::Lum, in.width);
        const ZXing::Result result = ZXing::ReadBarcode(view, hints);
        if (!result.isValid()) return std::nullopt;
        return std::string(result.bytes().begin(), result.bytes().end());
    };
    if (auto whole = read(image, 0, 0, image.width, image.height)) return whole;
    const int side = std::max(2, std::min(image.width, image.height) / 2);
    const GrayImage padded = withWhiteBorder(image, side / 2);
    const int step = std::max(1, side / kStepsPerWindow);
    for (int top = 0; top + side <= padded.height; top += step) {
        for (int left = 0; left + side <= padded.width; left += step) {
            if (auto found = read(padded, left, top, side, side)) return found;
        }
    }
    return std::nullopt;
}

}  // namespace ceres::seal
