#pragma once
// Barcodes as module matrices, for the PDF engine to draw as vector rectangles.
#include <cstdint>
#include <string_view>
#include <vector>

namespace ceres::seal {

// Row-major modules, 1 = dark, without quiet zone (the drawing leaves it blank).
struct Matrix {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> modules;

    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * width + x] != 0; }
};

// The smallest DataMatrix ECC200 symbol holding `bytes` exactly: any byte value, GS and US and
// UTF-8 included, without ECI, so a reader's raw bytes are the code. Throws std::invalid_argument
// for empty or oversized content (more than 1556 bytes at best).
Matrix encodeDataMatrix(std::string_view bytes);

// Code 128 of printable ASCII, as a single row of modules (height 1): the renderer chooses the bar
// height. Throws std::invalid_argument for empty text or other characters.
Matrix encodeCode128(std::string_view text);

}  // namespace ceres::seal
