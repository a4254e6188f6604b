#include "xlsx/internal/workbook_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>

#include <unistd.h>

#include "xlsx/error.h"
#include "xlsx/internal/zip_level.h"

namespace ceres::xlsx::internal {
namespace {

// zlib's fastest level: against libxlsxwriter's default (6), a 100,000-row juror export takes
// about a third less time and is about a fifth bigger (bench/run_xlsx_bench.sh).
constexpr int kDeflateLevel = 1;

// Midnight UTC of `date`; libxlsxwriter prints it in UTC in docProps/core.xml.
std::time_t midnightUtc(const domain::Date& date) {
    std::tm tm{};
    tm.tm_year = date.year() - 1900;
    tm.tm_mon = date.month() - 1;
    tm.tm_mday = date.day();
    return ::timegm(&tm);
}

// Read straight into a string of the file's size: the bytes are held once, not twice.
std::string readWholeFile(const std::filesystem::path& path, const std::string& document) {
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    std::ifstream in(path, std::ios::binary);
    std::string bytes(error ? 0 : size, '\0');
    if (error || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
        throw XlsxError(document + ": cannot read back " + path.string());
    return bytes;
}

}  // namespace

TemporaryFile::TemporaryFile(const std::string& document) {
    std::string pattern = (std::filesystem::temp_directory_path() / "ceres-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw XlsxError(document + ": cannot create a temporary file: " + std::strerror(errno));
    ::close(fd);
    path_ = pattern;
}

TemporaryFile::~TemporaryFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

WorkbookFile::WorkbookFile(const WorkbookSettings& settings)
    : document_(settings.document), file_(settings.document) {
    lxw_workbook_options options{};
    options.constant_memory = settings.constant_memory ? LXW_TRUE : LXW_FALSE;
    workbook_.reset(workbook_new_opt(file_.path().c_str(), &options));
    if (!workbook_)
        throw XlsxError(document_ + ": cannot create the workbook");

    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(settings.title.c_str());
    properties.author = const_cast<char*>("CERES");
    properties.company = const_cast<char*>("Ministère du Travail");
    properties.created = midnightUtc(settings.created);
    check(workbook_set_properties(handle(), &properties), document_ + ": document properties");

    bold_ = workbook_add_format(handle());
    format_set_bold(bold_);
    date_ = workbook_add_format(handle());
    format_set_num_format(date_, "dd/mm/yyyy");
}

lxw_worksheet* WorkbookFile::addSheet(const char* name) {
    lxw_worksheet* sheet = workbook_add_worksheet(handle(), name);
    if (!sheet)
        throw XlsxError(document_ + ": cannot add sheet " + name);
    return sheet;
}

std::string WorkbookFile::finish() {
    // workbook_close frees the workbook whatever its outcome; it writes the whole package.
    const DeflateLevel fast(kDeflateLevel);
    check(workbook_close(workbook_.release()), document_ + ": writing " + file_.path().string());
    return readWholeFile(file_.path(), document_);
}

void check(lxw_error error, const std::string& context) {
    if (error != LXW_NO_ERROR)
        throw XlsxError(context + ": " + lxw_strerror(error));
}

std::string formatDate(const domain::Date& date) {
    char text[40];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", date.day(), date.month(), date.year());
    return text;
}

}  // namespace ceres::xlsx::internal
