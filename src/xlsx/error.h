#pragma once
// Failures of the spreadsheet library or of the temporary file it writes to: infrastructure
// errors, thrown with the document and the step that failed.
#include <stdexcept>
#include <string>

namespace ceres::xlsx {

class XlsxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace ceres::xlsx
