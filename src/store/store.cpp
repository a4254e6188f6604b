#include "store/store.h"

namespace ceres::store {

Store::Store(StoreConfig config, NumberFormatter formatNumber)
    : database_(Database::open(std::move(config))),
      documents_(*database_),
      downloads_(*database_),
      parchemins_(*database_, std::move(formatNumber)),
      withdrawals_(*database_) {}

}  // namespace ceres::store
