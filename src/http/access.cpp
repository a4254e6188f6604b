#include "http/access.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/siret.h"
#include "jobs/kinds.h"

namespace ceres::http {
namespace {

using domain::Profile;

constexpr std::string_view kNational = "FR";
// What a centre reads (CONTRACT.md, Callers): the documents of those jobs, and its dashboard
// (R-DOC-5, sessions scheduled), which SERVICE renders for it.
constexpr std::array<std::string_view, 6> kCentreDocumentKinds = {"convocation",   "convocations_merged",
                                                                  "dte_request",   "juror_export",
                                                                  "dashboard_xlsx", "dashboard_pdf"};
constexpr std::array<std::string_view, 3> kPrintBatchKinds = {"print_batch", "print_manifest_xlsx",
                                                              "print_manifest_csv"};
constexpr std::array<std::string_view, 2> kDashboardKinds = {"dashboard_xlsx", "dashboard_pdf"};
// The regions of France since 2016 (INSEE codes), overseas ones included.
constexpr std::array<std::string_view, 18> kRegions = {"01", "02", "03", "04", "06", "11", "24", "27", "28",
                                                       "32", "44", "52", "53", "75", "76", "84", "93", "94"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& values, std::string_view value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

bool is(const Caller& caller, Profile profile) { return caller.profile == profile; }

bool digits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// 01-95, 2A, 2B (Corsica), 971-976 (overseas departments).
bool isDepartment(std::string_view code) {
    if (code == "2A" || code == "2B") return true;
    if (code.size() == 3) return code.substr(0, 2) == "97" && code[2] >= '1' && code[2] <= '6';
    return code.size() == 2 && digits(code) && code != "00" && code <= "95";
}

bool isRegion(std::string_view code) { return contains(kRegions, code); }

}  // namespace

bool perimeterFits(std::string_view profile, std::string_view perimeter) {
    if (profile == "SERVICE" || profile == "DISPATCH") return perimeter == kNational;
    if (profile == "UD") return isDepartment(perimeter);
    if (profile == "DIRECCTE") return isRegion(perimeter);
    if (profile == "CENTRE") return perimeter.size() == 14 && digits(perimeter) && domain::isValidSiret(perimeter);
    if (profile == "ACC") return perimeter == kNational || isRegion(perimeter) || isDepartment(perimeter);
    return false;
}

bool withinPerimeter(const Caller& caller, const Perimeter& perimeter) {
    if (is(caller, Profile::Service)) return true;
    if (caller.perimeter.empty()) return false;
    if (is(caller, Profile::Ud)) return perimeter.ud_code == caller.perimeter;
    if (is(caller, Profile::Direccte)) return perimeter.region == caller.perimeter;
    if (is(caller, Profile::Centre)) return perimeter.siret == caller.perimeter;
    if (is(caller, Profile::Acc)) {
        return caller.perimeter == kNational || perimeter.ud_code == caller.perimeter ||
               perimeter.region == caller.perimeter;
    }
    return false;
}

bool mayReadDocument(const Caller& caller, const std::string& kind, const Perimeter& perimeter) {
    if (is(caller, Profile::Service)) return true;
    if (is(caller, Profile::Dispatch)) return contains(kPrintBatchKinds, kind);
    if (!withinPerimeter(caller, perimeter)) return false;
    if (is(caller, Profile::Acc)) return contains(kDashboardKinds, kind);
    return !is(caller, Profile::Centre) || contains(kCentreDocumentKinds, kind);
}

bool maySubmitJobs(const Caller& caller) { return is(caller, Profile::Service) || is(caller, Profile::Centre); }

bool maySubmitKind(const Caller& caller, const std::string& kind) {
    if (is(caller, Profile::Service)) return true;
    const auto named = jobs::kindNamed(kind);
    return is(caller, Profile::Centre) && named && jobs::specOf(*named).centre_may_submit;
}

bool mayReadJobs(const Caller& caller) { return maySubmitJobs(caller); }

bool mayReadJob(const Caller& caller, const Caller& submitter) {
    if (is(caller, Profile::Service)) return true;
    return mayReadJobs(caller) && caller.user == submitter.user && caller.profile == submitter.profile &&
           caller.perimeter == submitter.perimeter;
}

bool mayUsePrintBatches(const Caller& caller) { return is(caller, Profile::Service) || is(caller, Profile::Dispatch); }

}  // namespace ceres::http
