#include "domain/readings.h"

#include <algorithm>

#include "domain/title.h"

namespace ceres::domain::reading {
namespace {

bool isCcpOf(const std::string& code, const Title& title) {
    return std::any_of(title.ccps.begin(), title.ccps.end(),
                       [&](const Ccp& ccp) { return ccp.code == code; });
}

}  // namespace

bool extensionApplies(HabilitationState state) {
    return state == HabilitationState::Active || state == HabilitationState::Expiree;
}

bool habilitationCoversSession(const std::string& habilitation_code, const Session& session,
                               const Title& title) {
    switch (session.type) {
        case SessionType::Titre: return habilitation_code == title.code;
        case SessionType::Ccp: return habilitationCoversCcpOf(habilitation_code, title);
        case SessionType::Ccs: return session.ccs_code && habilitation_code == *session.ccs_code;
    }
    return false;
}

bool habilitationCoversCcpOf(const std::string& habilitation_code, const Title& title) {
    return habilitation_code == title.code || isCcpOf(habilitation_code, title);
}

bool blocksHabilitationDeletion(SessionStatus status) { return status != SessionStatus::Annulee; }

bool awaitsValidation(SessionStatus status) {
    return status != SessionStatus::Validee && status != SessionStatus::Annulee;
}

bool belongsToTitle(const std::string& code, const Title& title) {
    return titleCodeOf(code) == title.code;
}

Date lastDayMonthsBefore(Date start, int months) {
    // start - N months is always in time; a day or two after it can be too (clamping).
    Date day = start.addMonths(-months);
    while (day.addDays(1).addMonths(months) <= start) day = day.addDays(1);
    return day;
}

Date lastConvocationDay(SessionType type, Date start) {
    constexpr int kTitreLeadMonths = 1;
    constexpr int kUnitLeadDays = 15;
    return type == SessionType::Titre ? lastDayMonthsBefore(start, kTitreLeadMonths)
                                      : start.addDays(-kUnitLeadDays);
}

bool exemptFromConvocationLeadTime(const Candidate& candidate, Date session_start) {
    return candidate.vae && candidate.registered_on &&
           vaeLateRegistrationOpen(session_start, *candidate.registered_on);
}

bool relaxationLifts(const std::vector<Period>& relaxation_periods, Date action_day) {
    return std::any_of(relaxation_periods.begin(), relaxation_periods.end(),
                       [&](const Period& p) { return p.contains(action_day); });
}

bool envelopesArriveInTime(Date envelope_reception, Date session_start) {
    return envelope_reception <= session_start;
}

std::optional<Date> actualEndOf(const Session& session) {
    if (session.actual_end) return session.actual_end;
    if (session.status == SessionStatus::Validee) return session.end;
    return std::nullopt;
}

bool resultUnitAllowed(const std::string& unit_code, const Session& session, const Title& title) {
    return isCcpOf(unit_code, title) || (session.ccs_code && unit_code == *session.ccs_code);
}

std::vector<std::string> missingResults(const Candidate& candidate, const Session& session,
                                        const Title& title) {
    const auto graded = [&](const std::string& unit) { return candidate.results.count(unit) > 0; };
    std::vector<std::string> missing;
    switch (session.type) {
        case SessionType::Titre:
            for (const Ccp& ccp : title.ccps)
                if (!graded(ccp.code)) missing.push_back(ccp.code);
            break;
        case SessionType::Ccp:
            if (std::none_of(title.ccps.begin(), title.ccps.end(), [&](const Ccp& ccp) { return graded(ccp.code); }))
                for (const Ccp& ccp : title.ccps) missing.push_back(ccp.code);
            break;
        case SessionType::Ccs:
            if (session.ccs_code && !graded(*session.ccs_code)) missing.push_back(*session.ccs_code);
            break;
    }
    return missing;
}

bool vaeLateRegistrationOpen(Date session_start, Date today) {
    return Period{session_start.addDays(-kVaeRegistrationDays), session_start.addDays(-1)}.contains(
        today);
}

Date earliestBirthDate() { return *Date::fromYmd(1900, 1, 1); }

bool countsTowardsYearlyLimit(SessionType type, bool final_interview) {
    return type == SessionType::Titre || (type == SessionType::Ccp && final_interview);
}

Period dashboardWindow(Date as_of) {
    return {as_of.firstOfMonth().addMonths(1 - kDashboardMonths), as_of};
}

}  // namespace ceres::domain::reading
