#include "seal/picture.h"

#include <jpeglib.h>
#include <png.h>

#include <csetjmp>
#include <cstring>
#include <string>

namespace ceres::seal {
namespace {

constexpr unsigned char kPngMagic[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
constexpr unsigned char kJpegMagic[] = {0xff, 0xd8, 0xff};

template <std::size_t N>
bool startsWith(std::string_view bytes, const unsigned char (&magic)[N]) {
    return bytes.size() >= N && std::memcmp(bytes.data(), magic, N) == 0;
}

void checkSize(std::size_t width, std::size_t height) {
    if (width == 0 || height == 0 || width * height > kMaxPicturePixels) {
        throw PictureError("the picture is " + std::to_string(width) + " x " + std::to_string(height) +
                           " pixels; at most " + std::to_string(kMaxPicturePixels / 1'000'000) + " million are read");
    }
}

GrayImage decodePng(std::string_view bytes) {
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) {
        throw PictureError(std::string("the PNG picture cannot be read: ") + image.message);
    }
    try {
        checkSize(image.width, image.height);
    } catch (...) {
        png_image_free(&image);
        throw;
    }
    image.format = PNG_FORMAT_GRAY;
    GrayImage gray{static_cast<int>(image.width), static_cast<int>(image.height), {}};
    gray.pixels.resize(PNG_IMAGE_SIZE(image));
    png_color white{255, 255, 255};
    if (!png_image_finish_read(&image, &white, gray.pixels.data(), 0, nullptr)) {
        throw PictureError(std::string("the PNG picture cannot be read: ") + image.message);
    }
    return gray;
}

struct JpegErrors {
    jpeg_error_mgr manager;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void jpegFailed(j_common_ptr info) {
    auto* errors = reinterpret_cast<JpegErrors*>(info->err);
    info->err->format_message(info, errors->message);
    std::longjmp(errors->jump, 1);
}

// libjpeg reports errors by longjmp: nothing with a destructor lives between setjmp and the calls.
// False, with nothing decoded, when the picture is too large.
bool readJpeg(jpeg_decompress_struct& info, std::string_view bytes, GrayImage& gray) {
    jpeg_mem_src(&info, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&info, TRUE);
    const std::size_t width = info.image_width, height = info.image_height;
    if (width == 0 || height == 0 || width * height > kMaxPicturePixels) return false;
    info.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&info);
    gray.width = static_cast<int>(info.output_width);
    gray.height = static_cast<int>(info.output_height);
    gray.pixels.resize(static_cast<std::size_t>(gray.width) * gray.height);
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = &gray.pixels[static_cast<std::size_t>(info.output_scanline) * gray.width];
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    return true;
}

GrayImage decodeJpeg(std::string_view bytes) {
    jpeg_decompress_struct info;
    JpegErrors errors;
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = jpegFailed;
    GrayImage gray;
    jpeg_create_decompress(&info);
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&info);
        throw PictureError(std::string("the JPEG picture cannot be read: ") + errors.message);
    }
    const bool read = readJpeg(info, bytes, gray);
    const std::size_t width = info.image_width, height = info.image_height;
    jpeg_destroy_decompress(&info);
    if (!read) checkSize(width, height);
    return gray;
}

}  // namespace

GrayImage decodePicture(std::string_view bytes) {
    if (startsWith(bytes, kPngMagic)) return decodePng(bytes);
    if (startsWith(bytes, kJpegMagic)) return decodeJpeg(bytes);
    throw PictureError("the file is neither a PNG nor a JPEG picture");
}

}  // namespace ceres::seal
