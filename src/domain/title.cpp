#include "domain/title.h"

#include <algorithm>

#include "domain/readings.h"

namespace ceres::domain {

std::string titleCodeOf(const std::string& code) {
    constexpr std::size_t kNumberStart = 3;  // after "TP-", "CP-" or "CS-"
    constexpr std::size_t kNumberLength = 5;
    if (code.size() < kNumberStart + kNumberLength) return code;
    return "TP-" + code.substr(kNumberStart, kNumberLength);
}

int prolongationMonths(CentreType type) {
    return type == CentreType::Cfa || type == CentreType::Crp ? kCfaCrpProlongationMonths
                                                              : kGeneralProlongationMonths;
}

TitleValidity titleValidityOn(Date end_of_life, int prolongation_months, Date day) {
    if (day <= end_of_life) return TitleValidity::Valid;
    if (day <= end_of_life.addMonths(prolongation_months)) return TitleValidity::InProlongation;
    return TitleValidity::BeyondProlongation;
}

TitleValidity titleValidityOn(const Title& title, CentreType centre_type, Date day) {
    return titleValidityOn(title.end_of_life, prolongationMonths(centre_type), day);
}

Date prolongationEnd(const Title& title, CentreType centre_type) {
    return title.end_of_life.addMonths(prolongationMonths(centre_type));
}

std::string describeTitleValidity(const Title& title, CentreType centre_type, Date day) {
    switch (titleValidityOn(title, centre_type, day)) {
        case TitleValidity::Valid:
            return "en cours de validité jusqu'au " + title.end_of_life.french();
        case TitleValidity::InProlongation:
            return "en prolongation jusqu'au " + prolongationEnd(title, centre_type).french();
        case TitleValidity::BeyondProlongation:
            return "hors délai de prolongation depuis le " +
                   prolongationEnd(title, centre_type).addDays(1).french();
    }
    return {};
}

Outcome checkTitleOpenForSession(const Title& title, CentreType centre_type, const Session& session) {
    const Date last_day = std::max(session.start, session.end);
    if (titleValidityOn(title, centre_type, last_day) != TitleValidity::BeyondProlongation) {
        return Outcome::allowed();
    }
    return Outcome::refused(
        "R-TIT-2", session.id,
        "La session " + session.id + " se tient jusqu'au " + last_day.french() + " sur le titre " +
            title.code + " dont le délai de prolongation (" +
            std::to_string(prolongationMonths(centre_type)) + " mois pour ce type de centre) a pris fin le " +
            prolongationEnd(title, centre_type).french() + ".");
}

EndOfLifeCascade changeEndOfLife(const Title& title, Date new_end_of_life,
                                 const std::vector<Agrement>& agrements,
                                 const std::vector<Juror>& jurors) {
    EndOfLifeCascade cascade{title.end_of_life, new_end_of_life, {}, {}};
    for (const Agrement& agrement : agrements) {
        if (agrement.title_code == title.code && agrement.end == title.end_of_life) {
            cascade.agrements.push_back({agrement.id, agrement.end, new_end_of_life});
        }
    }
    for (const Juror& juror : jurors) {
        for (std::size_t i = 0; i < juror.habilitations.size(); ++i) {
            const Habilitation& h = juror.habilitations[i];
            if (reading::belongsToTitle(h.on, title) && h.end == title.end_of_life) {
                cascade.habilitations.push_back({juror.id, i, h.end, new_end_of_life});
            }
        }
    }
    return cascade;
}

Outcome checkNsfForParchemin(const Title& title) {
    const bool missing = title.nsf.empty() ||
                         std::any_of(title.nsf.begin(), title.nsf.end(),
                                     [](const std::string& code) { return code.empty(); });
    if (!missing) return Outcome::allowed();
    return Outcome::refused("R-TIT-4", title.code,
                            "Le titre " + title.code +
                                " n'a pas de code NSF : le parchemin ne peut pas être édité sans "
                                "lui (donnée du référentiel des titres à compléter).");
}

}  // namespace ceres::domain
