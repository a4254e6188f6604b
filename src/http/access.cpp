#include "http/access.h"

#include <array>
#include <string_view>

namespace ceres::http {
namespace {

constexpr std::string_view kNational = "FR";
constexpr std::array<std::string_view, 3> kCentreKinds = {"convocations", "dte_request", "juror_export"};
// What a centre reads (CONTRACT.md, Callers): the documents of those jobs, and its dashboard
// (R-DOC-5, sessions scheduled), which SERVICE renders for it.
constexpr std::array<std::string_view, 6> kCentreDocumentKinds = {"convocation",   "convocations_merged",
                                                                  "dte_request",   "juror_export",
                                                                  "dashboard_xlsx", "dashboard_pdf"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& kinds, const std::string& kind) {
    for (const auto allowed : kinds) {
        if (kind == allowed) return true;
    }
    return false;
}

bool is(const Caller& caller, std::string_view profile) { return caller.profile == profile; }

}  // namespace

bool withinPerimeter(const Caller& caller, const Perimeter& perimeter) {
    if (is(caller, "SERVICE") || is(caller, "DISPATCH")) return true;
    if (caller.perimeter.empty()) return false;
    if (is(caller, "UD")) return perimeter.ud_code == caller.perimeter;
    if (is(caller, "DIRECCTE")) return perimeter.region == caller.perimeter;
    if (is(caller, "CENTRE")) return perimeter.siret == caller.perimeter;
    if (is(caller, "ACC")) return caller.perimeter == kNational || perimeter.ud_code == caller.perimeter;
    return false;
}

bool mayReadDocument(const Caller& caller, const std::string& kind, const Perimeter& perimeter) {
    if (!withinPerimeter(caller, perimeter)) return false;
    return !is(caller, "CENTRE") || contains(kCentreDocumentKinds, kind);
}

bool maySubmitJobs(const Caller& caller) { return is(caller, "SERVICE") || is(caller, "CENTRE"); }

bool maySubmitKind(const Caller& caller, const std::string& kind) {
    if (is(caller, "SERVICE")) return true;
    return is(caller, "CENTRE") && contains(kCentreKinds, kind);
}

bool mayReadJobs(const Caller& caller) { return maySubmitJobs(caller); }

bool mayReadJob(const Caller& caller, const std::string& submitter) {
    return is(caller, "SERVICE") || (mayReadJobs(caller) && caller.user == submitter);
}

bool mayUsePrintBatches(const Caller& caller) { return is(caller, "SERVICE") || is(caller, "DISPATCH"); }

}  // namespace ceres::http
