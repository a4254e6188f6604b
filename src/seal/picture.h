#pragma once
// Photos and scans of a parchemin (PNG or JPEG) turned into grey pixels for decodeBarcode.
#include <cstddef>
#include <stdexcept>
#include <string_view>

#include "seal/barcode_reader.h"

namespace ceres::seal {

// What cannot be read as a picture; what() says why in words fit for anyone.
class PictureError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Pictures above this many pixels are refused before they are decoded (a 12-megapixel photo is
// well below it; a small file claiming to be enormous is not decoded at all).
inline constexpr std::size_t kMaxPicturePixels = 40'000'000;

// The picture's pixels as grey levels, alpha composited on white. Throws PictureError for
// anything but a readable PNG or JPEG within kMaxPicturePixels.
GrayImage decodePicture(std::string_view bytes);

}  // namespace ceres::seal
