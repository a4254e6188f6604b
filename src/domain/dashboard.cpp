#include "domain/dashboard.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "domain/readings.h"
#include "domain/siret.h"

namespace ceres::domain {
namespace {

struct EventSpelling {
    EventType type;
    std::string_view code;
    std::string_view label;
};

constexpr std::array<EventSpelling, 5> kEvents{{
    {EventType::AgrementInstruit, "AGREMENT_INSTRUIT", "Demandes d'agrément instruites"},
    {EventType::Controle, "CONTROLE", "Contrôles diligentés"},
    {EventType::RapportPublie, "RAPPORT_PUBLIE", "Rapports publiés"},
    {EventType::SessionProgrammee, "SESSION_PROGRAMMEE", "Sessions programmées"},
    {EventType::DteDemandee, "DTE_DEMANDEE", "Demandes de DTE"},
}};

const EventSpelling& spelling(EventType type) {
    return *std::find_if(kEvents.begin(), kEvents.end(),
                         [&](const EventSpelling& e) { return e.type == type; });
}

bool isDepartmentCode(std::string_view code) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (code.size() == 2) return (digit(code[0]) && digit(code[1])) || code == "2A" || code == "2B";
    return code.size() == 3 && code.substr(0, 2) == "97" && code[2] >= '1' && code[2] <= '6';
}

bool isRegionCode(std::string_view code) {
    return code.size() == 2 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9';
}

bool keyMatches(const std::optional<std::string>& key, std::string_view perimeter) {
    return !key || *key == perimeter;
}

std::string monthLabel(Date month_start) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d", month_start.year(), month_start.month());
    return text;
}

int monthIndex(Date window_start, Date day) {
    return (day.year() - window_start.year()) * 12 + day.month() - window_start.month();
}

}  // namespace

std::string_view code(EventType type) { return spelling(type).code; }

std::optional<EventType> parseEventType(std::string_view text) {
    for (const EventSpelling& e : kEvents) {
        if (e.code == text) return e.type;
    }
    return std::nullopt;
}

std::string_view indicatorLabel(EventType type) { return spelling(type).label; }

std::vector<EventType> indicatorsFor(Profile profile) {
    switch (profile) {
        case Profile::Direccte:
            return {EventType::AgrementInstruit, EventType::Controle, EventType::RapportPublie,
                    EventType::SessionProgrammee, EventType::DteDemandee};
        case Profile::Ud: return {EventType::AgrementInstruit, EventType::Controle, EventType::RapportPublie};
        case Profile::Acc: return {EventType::Controle};
        case Profile::Centre: return {EventType::SessionProgrammee};
        case Profile::Service:
        case Profile::Dispatch: return {};
    }
    return {};
}

bool perimeterFitsProfile(Profile profile, std::string_view perimeter) {
    switch (profile) {
        case Profile::Direccte: return isRegionCode(perimeter);
        case Profile::Ud: return isDepartmentCode(perimeter);
        case Profile::Acc: return perimeter == reading::kWholeCountry || isDepartmentCode(perimeter);
        case Profile::Centre: return isValidSiret(perimeter);
        case Profile::Service:
        case Profile::Dispatch: return false;
    }
    return false;
}

bool inPerimeter(Profile profile, std::string_view perimeter, const DashboardEvent& event) {
    switch (profile) {
        case Profile::Direccte: return keyMatches(event.region, perimeter);
        case Profile::Ud: return keyMatches(event.ud, perimeter);
        case Profile::Acc: return perimeter == reading::kWholeCountry || keyMatches(event.ud, perimeter);
        case Profile::Centre: return keyMatches(event.siret, perimeter);
        case Profile::Service:
        case Profile::Dispatch: return false;
    }
    return false;
}

DashboardCounts countDashboard(const DashboardPayload& payload) {
    DashboardCounts counts{reading::dashboardWindow(payload.as_of), {}, {}};
    for (int m = 0; m < reading::kDashboardMonths; ++m) {
        counts.months.push_back(monthLabel(counts.window.from.addMonths(m)));
    }
    for (EventType type : indicatorsFor(payload.profile)) {
        counts.indicators.push_back({type, std::vector<long>(reading::kDashboardMonths, 0), 0});
    }
    for (const DashboardEvent& event : payload.events) {
        if (!counts.window.contains(event.date) || !inPerimeter(payload.profile, payload.perimeter, event)) {
            continue;
        }
        for (IndicatorCounts& indicator : counts.indicators) {
            if (indicator.type != event.type) continue;
            ++indicator.per_month[monthIndex(counts.window.from, event.date)];
            ++indicator.total;
        }
    }
    return counts;
}

}  // namespace ceres::domain
