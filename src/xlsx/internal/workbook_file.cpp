#include "xlsx/internal/workbook_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "xlsx/error.h"

namespace ceres::xlsx::internal {
namespace {

std::filesystem::path createTemporaryFile(const std::string& document) {
    std::string pattern = (std::filesystem::temp_directory_path() / "ceres-xlsx-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw XlsxError(document + ": cannot create a temporary file: " + std::strerror(errno));
    ::close(fd);
    return pattern;
}

// Midnight UTC of `date`; libxlsxwriter prints it in UTC in docProps/core.xml.
std::time_t midnightUtc(const Date& date) {
    std::tm tm{};
    tm.tm_year = date.year - 1900;
    tm.tm_mon = date.month - 1;
    tm.tm_mday = date.day;
    return ::timegm(&tm);
}

std::string readWholeFile(const std::filesystem::path& path, const std::string& document) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in)
        throw XlsxError(document + ": cannot read back " + path.string());
    return bytes.str();
}

}  // namespace

WorkbookFile::WorkbookFile(const WorkbookSettings& settings)
    : document_(settings.document), path_(createTemporaryFile(settings.document)) {
    lxw_workbook_options options{};
    options.constant_memory = settings.constant_memory ? LXW_TRUE : LXW_FALSE;
    workbook_ = workbook_new_opt(path_.c_str(), &options);
    if (!workbook_) {
        std::filesystem::remove(path_);
        throw XlsxError(document_ + ": cannot create the workbook");
    }
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(settings.title.c_str());
    properties.author = const_cast<char*>("CERES");
    properties.company = const_cast<char*>("Ministère du Travail");
    properties.created = midnightUtc(settings.created);
    check(workbook_set_properties(workbook_, &properties), document_ + ": document properties");

    bold_ = workbook_add_format(workbook_);
    format_set_bold(bold_);
    date_ = workbook_add_format(workbook_);
    format_set_num_format(date_, "dd/mm/yyyy");
}

WorkbookFile::~WorkbookFile() {
    if (workbook_)
        lxw_workbook_free(workbook_);
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

lxw_worksheet* WorkbookFile::addSheet(const char* name) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name);
    if (!sheet)
        throw XlsxError(document_ + ": cannot add sheet " + name);
    return sheet;
}

std::string WorkbookFile::finish() {
    // workbook_close frees the workbook whatever its outcome.
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    check(error, document_ + ": writing " + path_.string());
    return readWholeFile(path_, document_);
}

void check(lxw_error error, const std::string& context) {
    if (error != LXW_NO_ERROR)
        throw XlsxError(context + ": " + lxw_strerror(error));
}

std::string formatDate(const Date& date) {
    char text[40];
    std::snprintf(text, sizeof text, "%02d/%02d/%04d", date.day, date.month, date.year);
    return text;
}

}  // namespace ceres::xlsx::internal
