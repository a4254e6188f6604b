#pragma once
// Dashboards (R-DOC-5): per profile, monthly counts of events over the last 12 months.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model.h"
#include "domain/outcome.h"

namespace ceres::domain {

enum class EventType { AgrementInstruit, Controle, RapportPublie, SessionProgrammee, DteDemandee };
std::string_view code(EventType type);
std::optional<EventType> parseEventType(std::string_view text);
std::string_view indicatorLabel(EventType type);  // French column title

struct DashboardEvent {
    EventType type = EventType::Controle;
    Date date;
    std::optional<std::string> ud;      // department code
    std::optional<std::string> region;  // region code
    std::optional<std::string> siret;   // centre
};

// The payload of a `dashboard` job.
struct DashboardPayload {
    Profile profile = Profile::Ud;
    std::string perimeter;  // region (DIRECCTE), department (UD, ACC), FR (ACC), SIRET (CENTRE)
    Date as_of;
    std::vector<DashboardEvent> events;
};

// R-DOC-5: DIRECCTE — agréments instruits, contrôles, rapports publiés, sessions programmées,
// demandes de DTE; UD — the first three; ACC — contrôles; CENTRE — sessions programmées.
// Empty for a profile without dashboard.
std::vector<EventType> indicatorsFor(Profile profile);

// R-DOC-5: the perimeter's shape fits the profile (reading::kWholeCountry only for ACC).
bool perimeterFitsProfile(Profile profile, std::string_view perimeter);
// R-DOC-5 with the reading of readings.h: keyless events are inside.
bool inPerimeter(Profile profile, std::string_view perimeter, const DashboardEvent& event);

struct IndicatorCounts {
    EventType type;
    std::vector<long> per_month;  // one per DashboardCounts::months, oldest first
    long total = 0;
};

struct DashboardCounts {
    Period window;                        // reading::dashboardWindow(as_of)
    std::vector<std::string> months;      // "2025-11" ... "2026-10", oldest first
    std::vector<IndicatorCounts> indicators;  // in indicatorsFor() order
};

// Counts the events of the window and the perimeter; every other event is left out.
DashboardCounts countDashboard(const DashboardPayload& payload);

}  // namespace ceres::domain
