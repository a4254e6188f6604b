#include "pdf_probe.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ceres::render::test {

CommandResult runCommand(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    char buffer[4096];
    size_t count = 0;
    while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, count);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

TempFile::TempFile(const std::string& bytes, const std::string& name) {
    static int counter = 0;
    // The process id keeps parallel test processes (ctest -j) from sharing files.
    path_ = testing::TempDir() + "/ceres_render_" + std::to_string(getpid()) + "_" +
            std::to_string(++counter) + "_" + name;
    std::ofstream(path_, std::ios::binary) << bytes;
}

TempFile::~TempFile() {
    std::remove(path_.c_str());
}

std::string pdfText(const std::string& pdf, int page) {
    TempFile file(pdf, "text.pdf");
    std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    return runCommand("pdftotext -enc UTF-8" + range + " " + file.path() + " -").output;
}

std::string pdfInfo(const std::string& pdf) {
    TempFile file(pdf, "info.pdf");
    return runCommand("pdfinfo " + file.path()).output;
}

int pdfPageCount(const std::string& pdf) {
    std::string info = pdfInfo(pdf);
    size_t at = info.find("Pages:");
    return at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
}

CommandResult qpdfCheck(const std::string& pdf) {
    TempFile file(pdf, "check.pdf");
    return runCommand("qpdf --check " + file.path());
}

std::string pdfFonts(const std::string& pdf) {
    TempFile file(pdf, "fonts.pdf");
    return runCommand("pdffonts " + file.path()).output;
}

Raster rasterise(const std::string& pdf, int page, int dpi) {
    TempFile file(pdf, "raster.pdf");
    const std::string image = file.path() + ".pgm";
    runCommand("pdftoppm -gray -r " + std::to_string(dpi) + " -f " + std::to_string(page) + " -l " +
               std::to_string(page) + " -singlefile " + file.path() + " " + file.path());
    std::ifstream stream(image, std::ios::binary);
    Raster raster;
    std::string magic;
    int maximum = 0;
    stream >> magic >> raster.width >> raster.height >> maximum;
    stream.get();
    raster.pixels.resize(static_cast<size_t>(raster.width) * static_cast<size_t>(raster.height));
    stream.read(reinterpret_cast<char*>(raster.pixels.data()),
                static_cast<std::streamsize>(raster.pixels.size()));
    std::remove(image.c_str());
    return raster;
}

double Raster::darkShare(double x, double y, double w, double h, double dpi) const {
    const double scale = dpi / 72.0;
    int x0 = static_cast<int>(x * scale), y0 = static_cast<int>(y * scale);
    int x1 = std::min(width, static_cast<int>((x + w) * scale));
    int y1 = std::min(height, static_cast<int>((y + h) * scale));
    int dark = 0, total = 0;
    for (int row = y0; row < y1; ++row)
        for (int column = x0; column < x1; ++column, ++total)
            dark += pixels[static_cast<size_t>(row * width + column)] < 128;
    return total ? static_cast<double>(dark) / total : 0;
}

int occurrences(const std::string& text, const std::string& needle) {
    int count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
        ++count;
    return count;
}

std::string resourceDir() {
    return CERES_SOURCE_DIR;
}

Poco::JSON::Object::Ptr loadData(const std::string& name) {
    std::ifstream stream(resourceDir() + "/tests/render/data/" + name + ".json", std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    Poco::JSON::Parser parser;
    return parser.parse(content.str()).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace ceres::render::test
