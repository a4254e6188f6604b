#include "jobs/kinds.h"

namespace ceres::jobs {
namespace {

const rapidjson::Value* member(const rapidjson::Value* object, const char* key) {
    if (!object || !object->IsObject()) return nullptr;
    const auto it = object->FindMember(key);
    return it == object->MemberEnd() ? nullptr : &it->value;
}

std::string text(const rapidjson::Value* object, const char* key) {
    const auto* v = member(object, key);
    return v && v->IsString() ? std::string(v->GetString(), v->GetStringLength()) : std::string();
}

const rapidjson::Value* objectOf(const rapidjson::Value* object, const char* key) {
    const auto* v = member(object, key);
    return v && v->IsObject() ? v : nullptr;
}

}  // namespace

Perimeter perimeterOf(const Job& job) {
    const rapidjson::Value* payload = job.payload;
    Perimeter p;
    if (const auto* ud = objectOf(payload, "ud")) {
        p.ud_code = text(ud, "code");
        p.region = text(ud, "region");
    } else {
        p.ud_code = text(payload, "ud");  // print_batch names its UD by code
    }
    p.siret = text(objectOf(payload, "centre"), "siret");
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
