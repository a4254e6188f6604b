// Our barcodes must read with other decoders than the one that shares the encoder's code:
// libdmtx (through pylibdmtx, installed for the system Python) for DataMatrix, zbar for Code 128.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include "seal/barcode.h"
#include "seal/barcode_reader.h"
#include "seal/sealer.h"
#include "seal_test_support.h"

namespace ceres::seal {
namespace {

constexpr const char* kSystemPython = "/usr/bin/python3";
constexpr const char* kZbarImg = "/usr/bin/zbarimg";

std::filesystem::path writePgm(const GrayImage& image, const std::string& name) {
    const std::filesystem::path path = std::filesystem::path(::testing::TempDir()) / name;
    std::ofstream out(path, std::ios::binary);
    out << "P5\n" << image.width << ' ' << image.height << "\n255\n";
    out.write(reinterpret_cast<const char*>(image.pixels.data()), static_cast<std::streamsize>(image.pixels.size()));
    return path;
}

std::string run(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) return {};
    std::string output;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) output.append(buffer, n);
    return output;
}

bool pylibdmtxAvailable() {
    return std::filesystem::exists(kSystemPython) &&
           run(std::string(kSystemPython) + " -c 'import pylibdmtx.pylibdmtx, PIL' 2>/dev/null && echo yes") == "yes\n";
}

// One line per image: its decoded bytes in hex, so that GS, US and UTF-8 cross the pipe unharmed.
// A single interpreter reads every image; starting Python is most of the cost.
std::string libdmtxHexLines(const std::vector<std::filesystem::path>& images) {
    std::string command = std::string(kSystemPython) +
                          " -c 'import sys; from PIL import Image; from pylibdmtx.pylibdmtx import decode\n"
                          "for path in sys.argv[1:]: print(\"\".join(d.data.hex() for d in decode(Image.open(path), max_count=1)))'";
    for (const auto& image : images) command += " '" + image.string() + "'";
    return run(command + " 2>/dev/null");
}

std::string hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (unsigned char byte : bytes) {
        text.push_back(kDigits[byte >> 4]);
        text.push_back(kDigits[byte & 0xF]);
    }
    return text;
}

TEST(ExternalDecoders, LibdmtxReadsSealedCodesInEveryScript) {
    if (!pylibdmtxAvailable()) GTEST_SKIP() << "reason: python3-pylibdmtx is not installed for " << kSystemPython;
    const Sealer sealer = Sealer::fromFile(test::dataFile("test-seal-a-private.pem"), "TA01");
    std::vector<std::filesystem::path> images;
    std::string expected;
    for (const ParcheminFields& fields : test::parcheminsInManyScripts()) {
        const std::string code = sealer.seal(fields);
        images.push_back(writePgm(rasterise(encodeDataMatrix(code), 3, 2),
                                  "datamatrix-" + std::to_string(images.size()) + ".pgm"));
        expected += hex(code) + "\n";
    }
    EXPECT_EQ(libdmtxHexLines(images), expected);
}

TEST(ExternalDecoders, ZbarReadsTheCode128Number) {
    if (!std::filesystem::exists(kZbarImg)) GTEST_SKIP() << "reason: zbar-tools is not installed";
    const std::string number = test::exampleNumber();
    const auto image = writePgm(rasterise(encodeCode128(number)), "code128.pgm");
    EXPECT_EQ(run(std::string(kZbarImg) + " --raw -q -Sdisable -Scode128.enable '" + image.string() + "' 2>/dev/null"),
              number + "\n");
}

}  // namespace
}  // namespace ceres::seal
