#pragma once
// What a user sees of a PDF, through the poppler and qpdf command-line tools.
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace ceres::render::test {

struct CommandResult {
    int status = 0;
    std::string output;  // stdout and stderr
};

CommandResult runCommand(const std::string& command);
// The bytes in a fresh file under the test's temporary directory, removed when this goes away.
class TempFile {
public:
    TempFile(const std::string& bytes, const std::string& name);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::string pdfText(const std::string& pdf, int page = 0);  // page 0: every page
int pdfPageCount(const std::string& pdf);
CommandResult qpdfCheck(const std::string& pdf);
std::string pdfFonts(const std::string& pdf);
std::string pdfInfo(const std::string& pdf);

// A page rasterised by pdftoppm in grey levels (0 black .. 255 white).
struct Raster {
    int width = 0, height = 0;
    std::vector<unsigned char> pixels;
    // Share of pixels darker than mid-grey inside a rectangle given in PDF points from the top left.
    double darkShare(double x, double y, double w, double h, double dpi) const;
};
Raster rasterise(const std::string& pdf, int page, int dpi);

int occurrences(const std::string& text, const std::string& needle);
Poco::JSON::Object::Ptr loadData(const std::string& name);  // tests/render/data/<name>.json
std::string resourceDir();

}  // namespace ceres::render::test
