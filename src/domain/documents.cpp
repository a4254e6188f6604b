#include "domain/documents.h"

namespace ceres::domain {

std::string pvTitleLine(const Title& title) { return title.code + " - " + title.libelle; }

Outcome checkTitleIdentified(const Title& title) {
    if (!title.code.empty() && !title.libelle.empty()) return Outcome::allowed();
    return Outcome::refused("R-DOC-1", title.code,
                            "Le titre doit avoir un code et un libellé pour figurer sur les PV (code « " +
                                title.code + " », libellé « " + title.libelle + " »).");
}

std::string placeOfIssue(const Ud& ud) { return ud.commune; }

Outcome checkPlaceOfIssue(const Ud& ud) {
    if (!ud.commune.empty()) return Outcome::allowed();
    return Outcome::refused("R-DOC-3", ud.code,
                            "L'UD " + ud.code + " n'a pas de commune : le lieu de délivrance du "
                                                "parchemin ne peut pas être rempli.");
}

PvRecord pvRecord(const Session& session, const std::vector<Juror>& jury,
                  const std::vector<Candidate>& candidates) {
    PvRecord record;
    record.registration_number = session.registration_number;
    for (const Juror& juror : jury) record.signatory_juror_ids.push_back(juror.id);
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const Candidate& c = candidates[i];
        PvAbsence absence{i, c.decision == Decision::Absent, {}};
        for (const auto& [unit, result] : c.results) {
            if (result == UnitResult::Absent) absence.absent_units.push_back(unit);
        }
        if (absence.whole_session || !absence.absent_units.empty()) record.absences.push_back(absence);
        if (c.fraud_report && !c.fraud_report->empty()) record.fraud_reports.push_back({i, *c.fraud_report});
    }
    return record;
}

Outcome checkMayReissue(const std::optional<Withdrawal>& withdrawal) {
    if (!withdrawal) return Outcome::allowed();
    return Outcome::refused("R-DOC-7", "",
                            "Le parchemin a été retiré le " + withdrawal->date.french() + " (" + withdrawal->reason +
                                ") : il ne peut être ni réimprimé ni mis dans un lot d'impression.");
}

}  // namespace ceres::domain
