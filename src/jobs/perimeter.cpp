#include "jobs/kinds.h"

namespace ceres::jobs {
namespace {

std::string text(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    return object && object->has(key) && object->get(key).isString() ? object->getValue<std::string>(key) : "";
}

}  // namespace

Perimeter perimeterOf(const Job& job) {
    const auto& payload = job.payload;
    Perimeter p;
    if (const auto ud = payload->getObject("ud")) {
        p.ud_code = text(ud, "code");
        p.region = text(ud, "region");
    } else {
        p.ud_code = text(payload, "ud");  // print_batch names its UD by code
    }
    p.siret = text(payload->getObject("centre"), "siret");
    if (job.kind == "dashboard") {
        const std::string profile = text(payload, "profile");
        const std::string perimeter = text(payload, "perimeter");
        if (profile == "UD" || (profile == "ACC" && perimeter != "FR" && perimeter.size() <= 3)) p.ud_code = perimeter;
        if (profile == "DIRECCTE") p.region = perimeter;
        if (profile == "CENTRE") p.siret = perimeter;
    }
    return p;
}

}  // namespace ceres::jobs
