#pragma once
// A libxlsxwriter workbook whose bytes come back as a string. libxlsxwriter 1.1.4 (Debian 12)
// can only write to a named file, so each workbook goes to its own temporary file, which is read
// back and removed.
#include <filesystem>
#include <memory>
#include <string>

#include <xlsxwriter.h>

#include "domain/date.h"

namespace ceres::xlsx::internal {

struct WorkbookSettings {
    std::string document;              // names the document in error messages
    std::string title;                 // document property
    domain::Date created;              // document property, fixed so that output is reproducible
    bool constant_memory = false;      // rows must then be written in order
};

// A file name of our own in the temporary directory, removed with this object.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& document);
    ~TemporaryFile();
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

class WorkbookFile {
public:
    explicit WorkbookFile(const WorkbookSettings& settings);

    lxw_workbook* handle() const { return workbook_.get(); }
    lxw_worksheet* addSheet(const char* name);
    lxw_format* bold() const { return bold_; }
    lxw_format* date() const { return date_; }  // dd/mm/yyyy

    // Closes the workbook and returns the file's bytes; call once.
    std::string finish();

private:
    struct FreeWorkbook {
        void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
    };

    std::string document_;
    TemporaryFile file_;  // declared before the workbook, so removed after it is freed
    std::unique_ptr<lxw_workbook, FreeWorkbook> workbook_;
    lxw_format* bold_ = nullptr;
    lxw_format* date_ = nullptr;
};

// Throws XlsxError naming `context` unless `error` is LXW_NO_ERROR.
void check(lxw_error error, const std::string& context);

// dd/mm/yyyy, the French day format used in headers and titles.
std::string formatDate(const domain::Date& date);

}  // namespace ceres::xlsx::internal
