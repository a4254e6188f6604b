#pragma once
// Who is calling, as the verified token says, and whom a resource belongs to.
#include <string>

#include "domain/model.h"

namespace ceres::http {

using Caller = domain::Requester;  // the token's `sub`, profile and perimeter

using domain::Perimeter;  // whom a document belongs to

}  // namespace ceres::http
