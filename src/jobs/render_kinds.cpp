#include "jobs/kinds.h"

namespace ceres::jobs {

KindResult renderKind(const Job&, const Context&, const ProgressFn&) { return {}; }

}  // namespace ceres::jobs
