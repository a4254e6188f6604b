#include "store/download_audit.h"

#include <stdexcept>

#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>

#include "store/database.h"
#include "store/rows.h"

namespace ceres::store {

using namespace Poco::Data::Keywords;

void DownloadAudit::record(const Download& download) {
    try {
        auto connection = database_.connect();
        connection.session() << database_.sql("INSERT INTO download_audit "
                                              "(document_id, user_id, profile, perimeter, downloaded_at) "
                                              "VALUES (?, ?, ?, ?, ?)"),
            useRef(download.document_id), useRef(download.user), useRef(download.profile),
            useRef(download.perimeter), bind(toMillis(database_.now())), now;
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("store: recording a download of " + download.document_id +
                                 " failed: " + e.displayText());
    }
}

std::vector<Download> DownloadAudit::ofDocument(const std::string& document_id) {
    try {
        auto connection = database_.connect();
        Poco::Data::Statement select(connection.session());
        select << database_.sql("SELECT document_id, user_id, profile, perimeter, downloaded_at "
                                "FROM download_audit WHERE document_id = ? ORDER BY downloaded_at"),
            useRef(document_id);
        select.execute();
        const Rows rows(select);
        std::vector<Download> downloads;
        for (std::size_t row = 0; row < rows.size(); ++row) {
            downloads.push_back({rows.text(row, "document_id"), rows.text(row, "user_id"),
                                 rows.text(row, "profile"), rows.text(row, "perimeter"),
                                 fromMillis(rows.integer(row, "downloaded_at"))});
        }
        return downloads;
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("store: reading downloads of " + document_id + " failed: " + e.displayText());
    }
}

}  // namespace ceres::store
