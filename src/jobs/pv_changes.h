#pragma once
// What a PV version records of each candidate's result, and what a later version says of the
// results that changed since the one it supersedes.
#include <optional>
#include <set>
#include <string>

#include "domain/requests.h"
#include "jobs/parchemin_registry.h"

namespace ceres::jobs {

// The results of the payload's PV version, as the store keeps them.
PvResults pvResultsOf(const domain::SessionResultsPayload& payload);

struct PvChanges {
    // The superseded version's results are held: the lines below are printed. Otherwise (version
    // 1, or a version whose predecessor this store never rendered) nothing is said about it.
    bool known = false;
    // "Résultats modifiés depuis la version 1 : NOM Prénom (id), …", or "Aucun résultat modifié
    // depuis la version 1".
    std::string general;
    std::set<std::string> changed;  // candidate ids whose result changed, came or went
    int previous = 0;
};

PvChanges pvChanges(const domain::SessionResultsPayload& payload, ParcheminRegistry* registry);

}  // namespace ceres::jobs
