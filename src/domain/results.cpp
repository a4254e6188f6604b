#include "domain/results.h"

#include <algorithm>

#include "domain/codes.h"
#include "domain/readings.h"

namespace ceres::domain {
namespace {

std::string named(const Candidate& c) {
    return "Le candidat " + c.id + " (" + c.last_name + " " + c.first_name + ")";
}

Outcome refuse(const std::string& subject, const std::string& message) {
    return Outcome::refused("R-SES-7", subject, message);
}

Outcome checkNamedUnits(const Title& title, const Session& session, const Candidate& c, const std::string& at) {
    Outcome outcome;
    for (const auto& [unit, result] : c.results) {
        if (reading::resultUnitAllowed(unit, session, title)) continue;
        outcome.merge(refuse(at + "/results/" + jsonPointerToken(unit),
                             named(c) + " a un résultat pour " + unit + ", qui n'est pas une unité du titre " +
                                 title.code + " pour la session " + session.id + "."));
    }
    return outcome;
}

Outcome checkComplete(const Title& title, const Session& session, const Candidate& c, const std::string& at) {
    const std::vector<std::string> missing = reading::missingResults(c, session, title);
    if (missing.empty()) return Outcome::allowed();
    std::string units;
    for (const std::string& unit : missing) units += (units.empty() ? "" : ", ") + unit;
    return refuse(at + "/results", named(c) + " est présent mais n'a pas de résultat pour " + units + ".");
}

// ADMIS: every result ACQUIS; ABSENT: every result ABSENT. The first unit that contradicts is named.
Outcome checkDecision(const Candidate& c, const std::string& at) {
    if (c.decision != Decision::Admis && c.decision != Decision::Absent) return Outcome::allowed();
    const UnitResult needed = c.decision == Decision::Admis ? UnitResult::Acquis : UnitResult::Absent;
    const auto wrong = std::find_if(c.results.begin(), c.results.end(),
                                    [&](const auto& entry) { return entry.second != needed; });
    if (wrong == c.results.end()) return Outcome::allowed();
    return refuse(at + "/decision", named(c) + " a la décision " + std::string(code(*c.decision)) + " mais le résultat " +
                                        std::string(code(wrong->second)) + " pour " + wrong->first + " (" +
                                        std::string(code(needed)) + " attendu pour chaque unité).");
}

}  // namespace

Outcome checkResultsCoherent(const Title& title, const Session& session, const Candidate& candidate,
                             const std::string& at) {
    Outcome outcome = checkNamedUnits(title, session, candidate, at);
    if (candidate.decision != Decision::Absent) outcome.merge(checkComplete(title, session, candidate, at));
    outcome.merge(checkDecision(candidate, at));
    return outcome;
}

}  // namespace ceres::domain
