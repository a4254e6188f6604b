#pragma once
// Test support: the sample jobs, files read whole, and a document's content as a user downloads it.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "jobs/document.h"

namespace ceres::jobs::test {

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// A file of samples/, e.g. "session-results.json".
inline std::string sample(const std::string& name) {
    return readFile(std::filesystem::path(CERES_SOURCE_DIR) / "samples" / name);
}

// The bytes, or the spooled file of a print batch or of its CSV manifest.
inline std::string content(const Document& document) {
    return document.spool ? readFile(document.spool->path()) : document.bytes;
}

}  // namespace ceres::jobs::test
