#include "jobs/pv_changes.h"

#include <map>

#include "domain/codes.h"
#include "jobs/bind.h"

namespace ceres::jobs {

PvResults pvResultsOf(const domain::SessionResultsPayload& p) {
    PvResults out;
    out.session_id = p.session.id;
    out.version = p.session.results_version.value_or(1);
    for (const auto& c : p.candidates) {
        // The payload's codes, not the printed words: a change of wording changes nobody's result.
        CandidateResult r{c.id, c.last_name, c.first_name, c.decision ? std::string(domain::code(*c.decision)) : "", ""};
        for (const auto& ccp : p.title.ccps) {
            const auto found = c.results.find(ccp.code);
            r.units += (r.units.empty() ? "" : ";") + ccp.code + "=" +
                       (found == c.results.end() ? std::string() : std::string(domain::code(found->second)));
        }
        out.candidates.push_back(std::move(r));
    }
    return out;
}

namespace {

std::string named(const CandidateResult& c) {
    return bind::upperCase(c.last_name) + " " + c.first_name + " (" + c.candidate_id + ")";
}

}  // namespace

PvChanges pvChanges(const domain::SessionResultsPayload& p, ParcheminRegistry* registry) {
    PvChanges changes;
    const int version = p.session.results_version.value_or(1);
    if (version <= 1 || !registry) return changes;
    const auto before = registry->pvResults(p.session.id, version - 1);
    if (!before) return changes;
    changes.known = true;
    changes.previous = version - 1;
    std::map<std::string, const CandidateResult*> previous;
    for (const auto& c : *before) previous[c.candidate_id] = &c;
    const PvResults now = pvResultsOf(p);
    std::string names;
    auto add = [&](const CandidateResult& c) {
        changes.changed.insert(c.candidate_id);
        names += (names.empty() ? "" : ", ") + named(c);
    };
    // In the new version's order, then those it no longer lists in the old one's.
    for (const auto& c : now.candidates) {
        const auto found = previous.find(c.candidate_id);
        if (found == previous.end() || found->second->decision != c.decision || found->second->units != c.units) add(c);
        previous.erase(c.candidate_id);
    }
    for (const auto& c : *before)
        if (previous.count(c.candidate_id)) add(c);
    const std::string since = "depuis la version " + std::to_string(changes.previous);
    changes.general = names.empty() ? "Aucun résultat modifié " + since
                                    : (changes.changed.size() == 1 ? "Résultat modifié " : "Résultats modifiés ") + since +
                                          " : " + names;
    return changes;
}

}  // namespace ceres::jobs
