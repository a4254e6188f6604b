#pragma once
// Schema-valid payload JSON -> domain values. Only called after the schema check, so types,
// enums and dates are already known to be right.
#include <rapidjson/document.h>

#include <map>
#include <optional>
#include <string>

#include "domain/dashboard.h"
#include "domain/requests.h"

namespace ceres::jobs {

// The UD's postal address, for the letters it sends.
struct UdAddress {
    std::string line1, line2, postal_code, commune;
};

// What only the documents print: optional payload fields that no rule reads, so they have no
// place in the domain values.
struct PrintedFields {
    std::map<std::string, std::string> civility;  // candidate id -> MADAME / MONSIEUR
    std::map<std::string, std::string> sex;       // candidate id -> F / M
    std::string centre_phone, centre_email;
    std::string rncp;                    // title's RNCP code
    std::optional<UdAddress> ud_address;
    std::optional<domain::Date> version_date;  // date of a PV version above 1
};

PrintedFields printedFields(const rapidjson::Value* payload);

domain::SessionResultsPayload sessionResultsPayload(const rapidjson::Value* payload);
domain::ConvocationsPayload convocationsPayload(const rapidjson::Value* payload);
domain::DteRequestPayload dteRequestPayload(const rapidjson::Value* payload);
domain::ParcheminsReprintPayload parcheminsReprintPayload(const rapidjson::Value* payload);
domain::JurorExportPayload jurorExportPayload(const rapidjson::Value* payload);
domain::DashboardPayload dashboardPayload(const rapidjson::Value* payload);
domain::PrintBatchPayload printBatchPayload(const rapidjson::Value* payload);

}  // namespace ceres::jobs
