#pragma once
// Domain values -> the data trees the templates read (tests/render/data/*.json show each shape).
// Only wording that depends on data lives here; the layout and fixed wording are in templates/.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>

#include "domain/requests.h"

namespace ceres::jobs::bind {

using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

Obj object();
Arr array();

std::string personName(const std::string& first_name, const std::string& last_name);
std::string decisionLabel(domain::Decision decision);
std::string resultLabel(domain::UnitResult result);
std::string sessionTypeLabel(const domain::Session& session);

Obj title(const domain::Title& title);
Obj session(const domain::Session& session);
Obj ud(const domain::Ud& ud);
Obj centre(const domain::Centre& centre);
Obj site(const domain::Site& site);
Obj responsable(const domain::Responsable& responsable);
Arr jury(const std::vector<domain::Juror>& jury);
// What every session document shares: title, session, ud, centre, site, responsable, jury.
Obj sessionHeader(const domain::SessionPayload& payload);

}  // namespace ceres::jobs::bind
