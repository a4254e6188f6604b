#pragma once
// A libxlsxwriter workbook whose bytes come back as a string. libxlsxwriter 1.1.4 (Debian 12)
// can only write to a named file, so each workbook goes to its own temporary file, which is read
// back and removed.
#include <filesystem>
#include <string>

#include <xlsxwriter.h>

#include "xlsx/date.h"

namespace ceres::xlsx::internal {

struct WorkbookSettings {
    std::string document;              // names the document in error messages
    std::string title;                 // document property
    Date created;                      // document property, fixed so that output is reproducible
    bool constant_memory = false;      // rows must then be written in order
};

class WorkbookFile {
public:
    explicit WorkbookFile(const WorkbookSettings& settings);
    ~WorkbookFile();
    WorkbookFile(const WorkbookFile&) = delete;
    WorkbookFile& operator=(const WorkbookFile&) = delete;

    lxw_workbook* handle() const { return workbook_; }
    lxw_worksheet* addSheet(const char* name);
    lxw_format* bold() const { return bold_; }
    lxw_format* date() const { return date_; }  // dd/mm/yyyy

    // Closes the workbook and returns the file's bytes; call once.
    std::string finish();

private:
    std::string document_;
    std::filesystem::path path_;
    lxw_workbook* workbook_ = nullptr;
    lxw_format* bold_ = nullptr;
    lxw_format* date_ = nullptr;
};

// Throws XlsxError naming `context` unless `error` is LXW_NO_ERROR.
void check(lxw_error error, const std::string& context);

// dd/mm/yyyy, the French day format used in headers and titles.
std::string formatDate(const Date& date);

}  // namespace ceres::xlsx::internal
