#pragma once
// Everything the service persists, on the backend the configuration names: SQLite under
// var_dir by default, PostgreSQL when database_url is set. Opening migrates the schema.
#include <memory>

#include "store/config.h"
#include "store/database.h"
#include "store/document_store.h"
#include "store/download_audit.h"
#include "store/parchemin_store.h"
#include "store/withdrawals.h"

namespace ceres::store {

class Store {
public:
    Store(StoreConfig config, NumberFormatter formatNumber);

    Database& database() { return *database_; }
    DocumentStore& documents() { return documents_; }
    DownloadAudit& downloads() { return downloads_; }
    ParcheminStore& parchemins() { return parchemins_; }
    WithdrawalStore& withdrawals() { return withdrawals_; }

private:
    std::unique_ptr<Database> database_;
    DocumentStore documents_;
    DownloadAudit downloads_;
    ParcheminStore parchemins_;
    WithdrawalStore withdrawals_;
};

}  // namespace ceres::store
