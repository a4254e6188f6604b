// Photos and scans: PNG and JPEG (written here with libpng and libjpeg) decoded to grey, the DataMatrix found anywhere on a large
// picture, and anything else refused with a reason.
#include <gtest/gtest.h>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "seal/barcode.h"
#include "seal/picture.h"
#include "seal/sealer.h"
#include "seal_test_support.h"

namespace ceres::seal {
namespace {

std::string pngOf(const GrayImage& image) {
    png_image png;
    std::memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_GRAY;
    png_alloc_size_t size = 0;
    EXPECT_TRUE(png_image_write_to_memory(&png, nullptr, &size, 0, image.pixels.data(), 0, nullptr));
    std::string bytes(size, '\0');
    EXPECT_TRUE(png_image_write_to_memory(&png, bytes.data(), &size, 0, image.pixels.data(), 0, nullptr));
    bytes.resize(size);
    return bytes;
}

std::string jpegOf(const GrayImage& image) {
    jpeg_compress_struct info;
    jpeg_error_mgr errors;
    info.err = jpeg_std_error(&errors);
    jpeg_create_compress(&info);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(image.width);
    info.image_height = static_cast<JDIMENSION>(image.height);
    info.input_components = 1;
    info.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 90, TRUE);
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        auto* row = const_cast<JSAMPROW>(&image.pixels[static_cast<std::size_t>(info.next_scanline) * image.width]);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    std::string bytes(reinterpret_cast<char*>(buffer), size);
    jpeg_destroy_compress(&info);
    std::free(buffer);
    return bytes;
}

std::string encoded(const GrayImage& image, const std::string& format) {
    return format == "png" ? pngOf(image) : jpegOf(image);
}

// A code's symbol drawn small in the bottom right corner of a large white page.
GrayImage pageWithCode(const std::string& code) {
    const GrayImage symbol = rasterise(encodeDataMatrix(code), 8, 4);
    GrayImage page{3000, 2100, std::vector<std::uint8_t>(3000u * 2100u, 255)};
    EXPECT_LT(symbol.width, 480);
    EXPECT_LT(symbol.height, 480);
    for (int y = 0; y < symbol.height; ++y) {
        for (int x = 0; x < symbol.width; ++x) {
            page.pixels[static_cast<std::size_t>(page.height - 500 + y) * page.width + page.width - 500 + x] =
                symbol.pixels[static_cast<std::size_t>(y) * symbol.width + x];
        }
    }
    return page;
}

TEST(Picture, PngAndJpegOfAPageGiveBackTheCode) {
    const std::string code = Sealer::fromFile(test::dataFile("test-seal-a-private.pem"), "TA01")
                                 .seal(test::parchemin("Lefèvre", "Hélène"));
    const GrayImage page = pageWithCode(code);
    for (const std::string format : {"png", "jpeg"}) {
        const GrayImage decoded = decodePicture(encoded(page, format));
        EXPECT_EQ(decoded.width, page.width) << format;
        EXPECT_EQ(decoded.height, page.height) << format;
        EXPECT_EQ(findDataMatrix(decoded), code) << format;
    }
}

TEST(Picture, APictureWithoutCodeHasNone) {
    const GrayImage blank{400, 300, std::vector<std::uint8_t>(400u * 300u, 255)};
    EXPECT_FALSE(findDataMatrix(decodePicture(encoded(blank, "png"))));
}

TEST(Picture, AnythingElseIsRefusedWithAReason) {
    EXPECT_THROW(decodePicture("GIF89a"), PictureError);
    const GrayImage blank{40, 30, std::vector<std::uint8_t>(40u * 30u, 255)};
    const std::string png = encoded(blank, "png");
    try {
        decodePicture(png.substr(0, png.size() / 2));
        FAIL() << "a truncated PNG was read";
    } catch (const PictureError& e) {
        EXPECT_NE(std::string(e.what()).find("PNG"), std::string::npos) << e.what();
    }
    const std::string jpeg = encoded(blank, "jpeg");
    EXPECT_THROW(decodePicture(jpeg.substr(0, 40)), PictureError);
}

TEST(Picture, AnEnormousPictureIsRefusedBeforeDecoding) {
    // A valid PNG header announcing 100,000 x 100,000 pixels, then an empty IDAT chunk.
    std::string png("\x89PNG\r\n\x1a\n", 8);
    const auto chunk = [&png](const std::string& type_and_data) {
        const auto size = static_cast<std::uint32_t>(type_and_data.size() - 4);
        const auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(type_and_data.data()), static_cast<uInt>(type_and_data.size())));
        for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<char>((size >> shift) & 0xff));
        png += type_and_data;
        for (int shift = 24; shift >= 0; shift -= 8) png.push_back(static_cast<char>((crc >> shift) & 0xff));
    };
    chunk(std::string("IHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\0\0\0\0", 17));
    chunk("IDAT");
    try {
        decodePicture(png);
        FAIL() << "decoded";
    } catch (const PictureError& e) {
        EXPECT_NE(std::string(e.what()).find("million"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace ceres::seal
