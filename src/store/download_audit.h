#pragma once
// Who downloaded which document, and when.
#include <string>
#include <vector>

#include "store/config.h"

namespace ceres::store {

class Database;

struct Download {
    std::string document_id;
    std::string user;
    std::string profile;
    std::string perimeter;
    TimePoint at;  // set by record()
};

class DownloadAudit {
public:
    explicit DownloadAudit(Database& database) : database_(database) {}
    // Stamped with the store's clock.
    void record(const Download& download);
    std::vector<Download> ofDocument(const std::string& document_id);

private:
    Database& database_;
};

}  // namespace ceres::store
