#pragma once
// Schema-valid payload JSON -> domain values. Only called after the schema check, so types,
// enums and dates are already known to be right.
#include <Poco/JSON/Object.h>

#include "domain/dashboard.h"
#include "domain/requests.h"

namespace ceres::jobs {

domain::SessionResultsPayload sessionResultsPayload(const Poco::JSON::Object::Ptr& payload);
domain::ConvocationsPayload convocationsPayload(const Poco::JSON::Object::Ptr& payload);
domain::DteRequestPayload dteRequestPayload(const Poco::JSON::Object::Ptr& payload);
domain::ParcheminsReprintPayload parcheminsReprintPayload(const Poco::JSON::Object::Ptr& payload);
domain::JurorExportPayload jurorExportPayload(const Poco::JSON::Object::Ptr& payload);
domain::DashboardPayload dashboardPayload(const Poco::JSON::Object::Ptr& payload);
domain::PrintBatchPayload printBatchPayload(const Poco::JSON::Object::Ptr& payload);

}  // namespace ceres::jobs
