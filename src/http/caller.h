#pragma once
// Who is calling, as the verified token says, and whom a resource belongs to.
#include <string>

namespace ceres::http {

struct Caller {
    std::string user;       // the token's `sub`
    std::string profile;    // SERVICE, UD, DIRECCTE, CENTRE, DISPATCH, ACC
    std::string perimeter;  // FR, department code, region code or SIRET
};

// The perimeter of a job's documents (CONTRACT.md): its UD, region and centre, as far as the job
// says; an empty field matches nobody.
struct Perimeter {
    std::string ud_code;  // department code, ud.code
    std::string region;   // ud.region
    std::string siret;    // centre.siret
};

}  // namespace ceres::http
