#pragma once
// A rendered output file and the metadata the store and the manifest need.
#include <optional>
#include <string>

namespace ceres::jobs {

struct Document {
    std::string kind;       // pv_general, pv_individuel, parchemin, convocation, convocations_merged,
                            // dte_request, juror_export, dashboard_xlsx, dashboard_pdf,
                            // print_batch, print_manifest_xlsx, print_manifest_csv
    std::string file_name;  // what it is, e.g. pv-general_<session>_v<N>.pdf
    std::string mime;
    int pages = 0;          // PDF only
    std::string bytes;
    std::string sha256;     // lowercase hex of bytes, filled by the pipeline
    std::optional<std::string> unique_number;  // parchemins only
    // Metadata for the store and for perimeter checks.
    std::string session_id;
    std::string candidate_id;
    int version = 0;
    int supersedes = 0;
};

inline constexpr const char* kPdfMime = "application/pdf";
inline constexpr const char* kXlsxMime =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kCsvMime = "text/csv; charset=utf-8";

}  // namespace ceres::jobs
