#pragma once
// What a job's envelope claims before any check, each field empty when absent or not a string:
// what access control needs to turn a job away (403) before it is checked at all.
#include <string>

namespace ceres::jobs {

struct Claims {
    std::string kind;
    std::string centre_siret;              // payload.centre.siret
    std::string user, profile, perimeter;  // requested_by
};

}  // namespace ceres::jobs
