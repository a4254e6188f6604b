#include "domain/candidate.h"

#include <map>

#include "domain/first_name.h"
#include "domain/readings.h"

namespace ceres::domain {
namespace {

std::string candidateName(const Candidate& c) {
    return c.id + " (" + c.last_name + " " + c.first_name + ")";
}

bool countsIn(const SessionAttendance& s, const SessionAttendance& new_session, const Period& year) {
    return s.session_id != new_session.session_id && s.status != SessionStatus::Annulee &&
           reading::countsTowardsYearlyLimit(s.type, s.final_interview) && year.contains(s.start);
}

}  // namespace

std::string identityKey(const Candidate& candidate) {
    return foldForComparison(candidate.last_name) + '\n' + foldForComparison(candidate.first_name) +
           '\n' + candidate.birth_date.iso();
}

Outcome checkBirthDate(const Candidate& candidate, Date session_start) {
    const Date born = candidate.birth_date;
    const std::string who = "Le candidat " + candidate.id + " (" + candidate.last_name + " " + candidate.first_name + ")";
    if (born < reading::earliestBirthDate()) {
        return Outcome::refused("", candidate.id,
                                who + " serait né le " + born.french() + ", avant le " +
                                    reading::earliestBirthDate().french() + ".");
    }
    if (session_start < born.addYears(reading::kMinimumCandidateAgeYears)) {
        return Outcome::refused("", candidate.id,
                                who + ", né le " + born.french() + ", n'a pas " +
                                    std::to_string(reading::kMinimumCandidateAgeYears) +
                                    " ans au début de la session (" + session_start.french() + ").");
    }
    return Outcome::allowed();
}

bool areDuplicates(const Candidate& a, const Candidate& b) { return identityKey(a) == identityKey(b); }

std::vector<std::pair<std::size_t, std::size_t>> findDuplicates(const std::vector<Candidate>& candidates) {
    std::map<std::string, std::size_t> first_seen;
    std::vector<std::pair<std::size_t, std::size_t>> duplicates;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto [it, inserted] = first_seen.emplace(identityKey(candidates[i]), i);
        if (!inserted) duplicates.emplace_back(it->second, i);
    }
    return duplicates;
}

Outcome checkRegistration(const Session& session, const Candidate& candidate, Date today,
                          bool convocations_edited) {
    if (!convocations_edited) return Outcome::allowed();
    if (candidate.vae && reading::vaeLateRegistrationOpen(session.start, today)) return Outcome::allowed();
    const std::string vae_hint =
        candidate.vae ? " ; un candidat VAE peut l'être du " +
                            session.start.addDays(-reading::kVaeRegistrationDays).french() + " au " +
                            session.start.addDays(-1).french()
                      : "";
    return Outcome::refused("R-CAN-3", candidate.id,
                            "Le candidat " + candidateName(candidate) +
                                " ne peut plus être inscrit à la session " + session.id +
                                " : les convocations ont été éditées" + vae_hint + ".");
}

Outcome checkUnregistration(const Session& session, const Candidate& candidate, Date today) {
    if (today <= session.start) return Outcome::allowed();
    return Outcome::refused("R-CAN-3", candidate.id,
                            "Le candidat " + candidateName(candidate) +
                                " ne peut plus être désinscrit de la session " + session.id +
                                " : elle a commencé le " + session.start.french() + ".");
}

Outcome checkYearlySessionLimit(const std::string& candidate_id,
                                const std::vector<SessionAttendance>& candidate_sessions,
                                const SessionAttendance& new_session) {
    if (!reading::countsTowardsYearlyLimit(new_session.type, new_session.final_interview)) {
        return Outcome::allowed();
    }
    const Period year{new_session.start.addDays(1 - reading::kYearlyLimitDays), new_session.start};
    int counted = 0;
    for (const SessionAttendance& s : candidate_sessions) {
        if (countsIn(s, new_session, year)) ++counted;
    }
    if (counted < reading::kYearlySessionLimit) return Outcome::allowed();
    return Outcome::refused("R-CAN-4", candidate_id,
                            "Le candidat " + candidate_id + " a déjà " + std::to_string(counted) +
                                " sessions Titre ou CCP avec entretien final entre le " +
                                year.from.french() + " et le " + year.to.french() +
                                " : la session " + new_session.session_id +
                                " serait au-delà de la limite de 3 par an.");
}

}  // namespace ceres::domain
