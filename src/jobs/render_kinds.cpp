#include "jobs/kinds.h"

namespace ceres::jobs {

KindResult renderKind(const Job&, const Context&) { return {}; }

}  // namespace ceres::jobs
