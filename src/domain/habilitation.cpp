#include "domain/habilitation.h"

#include <algorithm>

#include "domain/codes.h"
#include "domain/readings.h"
#include "domain/title.h"

namespace ceres::domain {
namespace {

// R-HAB-1, R-HAB-2, R-HAB-7: the title as jurors see it (24 months, whatever the centre type).
TitleValidity jurorSideValidity(const Title& title, Date day) {
    return titleValidityOn(title.end_of_life, reading::kJurorExtensionMonths, day);
}

bool isAgentProfile(Profile profile) { return profile == Profile::Ud || profile == Profile::Direccte; }

std::string stateLabel(HabilitationState state) {
    switch (state) {
        case HabilitationState::Brouillon: return "en brouillon";
        case HabilitationState::Active: return "active";
        case HabilitationState::Suspendue: return "suspendue";
        case HabilitationState::Expiree: return "expirée";
        case HabilitationState::Supprimee: return "supprimée";
    }
    return {};
}

std::string actionLabel(HabilitationAction action) {
    switch (action) {
        case HabilitationAction::Validate: return "valider";
        case HabilitationAction::Delete: return "supprimer";
        case HabilitationAction::Reactivate: return "réactiver";
        case HabilitationAction::BackToDraft: return "remettre en brouillon";
        case HabilitationAction::Suspend: return "suspendre";
    }
    return {};
}

bool expiredTransitionAllowed(HabilitationAction action, const Habilitation& h, const Title& title,
                              TitleValidity validity) {
    const bool in_prolongation = validity == TitleValidity::InProlongation;
    if (action == HabilitationAction::Suspend) return in_prolongation && h.end == title.end_of_life;
    if (action == HabilitationAction::BackToDraft) {
        return validity == TitleValidity::Valid || (in_prolongation && h.end < title.end_of_life);
    }
    return false;
}

bool transitionAllowed(HabilitationAction action, const Habilitation& h, const Title& title,
                       TitleValidity validity) {
    switch (h.state) {
        case HabilitationState::Brouillon:
            return action == HabilitationAction::Validate || action == HabilitationAction::Delete;
        case HabilitationState::Suspendue: return action == HabilitationAction::Reactivate;
        case HabilitationState::Active:
            return action == HabilitationAction::BackToDraft || action == HabilitationAction::Suspend;
        case HabilitationState::Expiree: return expiredTransitionAllowed(action, h, title, validity);
        case HabilitationState::Supprimee: return false;
    }
    return false;
}

bool warnsOnSuccess(HabilitationAction action) {
    return action == HabilitationAction::Reactivate || action == HabilitationAction::Suspend ||
           action == HabilitationAction::Delete;
}

std::string habilitationName(const Habilitation& h) {
    return "l'habilitation sur " + h.on + " (" + h.start.french() + " - " + h.end.french() + ")";
}

std::string jurorName(const Juror& juror) {
    return juror.id + " (" + juror.last_name + " " + juror.first_name + ")";
}

int rank(Eligibility eligibility) {
    switch (eligibility) {
        case Eligibility::Running: return 3;
        case Eligibility::ExtendedAligned: return 2;
        case Eligibility::ExpiredRecently: return 1;
        case Eligibility::NotConvocable: return 0;
    }
    return 0;
}

JurorEligibility notConvocable(std::string why) {
    return {Eligibility::NotConvocable, false, "non convocable : " + std::move(why)};
}

JurorEligibility expiredEligibility(const Habilitation& h, Date day) {
    if (day < h.end.addMonths(kRecentExpiryMonths)) {
        return {Eligibility::ExpiredRecently, false,
                "expirée le " + h.end.french() + ", depuis moins de 6 mois (R-HAB-8)"};
    }
    return notConvocable("expirée le " + h.end.french() + ", depuis plus de 6 mois");
}

}  // namespace

HabilitationState stateAfter(HabilitationAction action) {
    switch (action) {
        case HabilitationAction::Validate: return HabilitationState::Active;
        case HabilitationAction::Delete: return HabilitationState::Supprimee;
        case HabilitationAction::Reactivate: return HabilitationState::Active;
        case HabilitationAction::BackToDraft: return HabilitationState::Brouillon;
        case HabilitationAction::Suspend: return HabilitationState::Suspendue;
    }
    return HabilitationState::Brouillon;
}

Outcome checkHabilitationAction(Profile profile, HabilitationAction action,
                                const Habilitation& habilitation, const Title& title, Date today,
                                const std::vector<SessionStatus>& juror_sessions) {
    const std::string subject = habilitation.on;
    if (!isAgentProfile(profile)) {
        return Outcome::refused("R-HAB-1", subject,
                                "Le profil " + std::string(code(profile)) + " ne peut pas " +
                                    actionLabel(action) + " " + habilitationName(habilitation) +
                                    " : réservé aux profils UD et DIRECCTE.");
    }
    const TitleValidity validity = jurorSideValidity(title, today);
    if (habilitation.state == HabilitationState::Expiree &&
        validity == TitleValidity::BeyondProlongation) {
        return Outcome::refused("R-HAB-2", subject,
                                "Aucune action n'est possible sur " + habilitationName(habilitation) +
                                    " : elle est expirée et le titre " + title.code +
                                    " est hors délai de prolongation.");
    }
    if (!transitionAllowed(action, habilitation, title, validity)) {
        return Outcome::refused("R-HAB-1", subject,
                                "Impossible de " + actionLabel(action) + " " +
                                    habilitationName(habilitation) + ", " +
                                    stateLabel(habilitation.state) + ".");
    }
    if (action == HabilitationAction::Delete &&
        std::any_of(juror_sessions.begin(), juror_sessions.end(), reading::blocksHabilitationDeletion)) {
        return Outcome::refused("R-HAB-3", subject,
                                "Impossible de supprimer " + habilitationName(habilitation) +
                                    " : le juré est inscrit à une session.");
    }
    if (!warnsOnSuccess(action)) return Outcome::allowed();
    return Outcome::warned("R-HAB-4", subject,
                           "Attention : vous allez " + actionLabel(action) + " " +
                               habilitationName(habilitation) + ".");
}

Outcome checkJurorInactivation(const Juror& juror, const std::vector<SessionStatus>& juror_sessions) {
    if (std::any_of(juror_sessions.begin(), juror_sessions.end(), reading::awaitsValidation)) {
        return Outcome::refused("R-HAB-3", juror.id,
                                "Impossible d'inactiver le juré " + jurorName(juror) +
                                    " : il est inscrit à une session en attente de validation.");
    }
    return Outcome::warned("R-HAB-4", juror.id,
                           "Attention : vous allez inactiver le juré " + jurorName(juror) + ".");
}

Outcome checkCcsHabilitation(const Title& title, const std::string& ccs_code, const Juror& juror,
                             Date habilitation_start) {
    const bool ccs_of_title = std::any_of(title.ccs.begin(), title.ccs.end(),
                                          [&](const Ccs& ccs) { return ccs.code == ccs_code; });
    if (!ccs_of_title) {
        return Outcome::refused("R-HAB-5", juror.id,
                                "Le CCS " + ccs_code + " n'appartient pas au titre " + title.code + ".");
    }
    const bool holds_ccp = std::any_of(
        juror.habilitations.begin(), juror.habilitations.end(), [&](const Habilitation& h) {
            return reading::habilitationCoversCcpOf(h.on, title) &&
                   habilitationEligibility(h, title, habilitation_start).convocable;
        });
    if (holds_ccp) return Outcome::allowed();
    return Outcome::refused("R-HAB-5", juror.id,
                            "Le juré " + jurorName(juror) + " ne peut pas être habilité sur le CCS " +
                                ccs_code + " : il n'a d'habilitation sur aucun CCP du titre " +
                                title.code + " au " + habilitation_start.french() + ".");
}

Outcome checkCcsSessionJuror(const Session& session, const Title& title, const Juror& juror) {
    if (session.type != SessionType::Ccs) return Outcome::allowed();
    if (sitsLegitimately(juror, session, title, session.start, session.end)) return Outcome::allowed();
    return Outcome::refused("R-HAB-5", juror.id,
                            "Le juré " + jurorName(juror) + " ne peut pas être inscrit à la session CCS " +
                                session.id + " : il n'est pas habilité sur le CCS " +
                                session.ccs_code.value_or("(non renseigné)") + ".");
}

Outcome checkSeniority(const Juror& juror, Date habilitation_start) {
    const Date limit = habilitation_start.addYears(-kSeniorityYears);
    if (juror.last_job_date && *juror.last_job_date >= limit) return Outcome::allowed();
    const std::string known = juror.last_job_date
                                  ? "la dernière date connue d'occupation de l'emploi est le " +
                                        juror.last_job_date->french()
                                  : "aucune date d'occupation de l'emploi n'est connue";
    return Outcome::refused("R-HAB-6", juror.id,
                            "Le juré " + jurorName(juror) + " ne peut pas être habilité au " +
                                habilitation_start.french() + " : " + known +
                                ", plus de 5 ans avant (limite " + limit.french() + ").");
}

JurorEligibility habilitationEligibility(const Habilitation& h, const Title& title, Date day) {
    const bool usable = h.state == HabilitationState::Active || h.state == HabilitationState::Expiree;
    if (!usable) return notConvocable("habilitation " + stateLabel(h.state));
    if (day < h.start) return notConvocable("habilitation à partir du " + h.start.french());
    if (day <= h.end) {
        if (h.state == HabilitationState::Expiree) return notConvocable("habilitation expirée");
        return {Eligibility::Running, true, "en cours jusqu'au " + h.end.french()};
    }
    const Date extended_until = title.end_of_life.addMonths(reading::kJurorExtensionMonths);
    if (h.end == title.end_of_life && reading::extensionApplies(h.state) && day <= extended_until) {
        return {Eligibility::ExtendedAligned, true,
                "alignée sur la fin de vie du titre, prolongée jusqu'au " + extended_until.french() +
                    " (R-HAB-7)"};
    }
    return expiredEligibility(h, day);
}

JurorEligibility jurorEligibility(const Juror& juror, const Title& title, Date day) {
    std::optional<JurorEligibility> best;
    for (const Habilitation& h : juror.habilitations) {
        if (!reading::belongsToTitle(h.on, title)) continue;
        JurorEligibility candidate = habilitationEligibility(h, title, day);
        if (!best || rank(candidate.eligibility) > rank(best->eligibility)) best = std::move(candidate);
    }
    return best ? *best : notConvocable("aucune habilitation sur " + title.code);
}

bool listedInSearch(const JurorEligibility& eligibility, const Title& title, Date day) {
    return eligibility.convocable || (eligibility.eligibility == Eligibility::ExpiredRecently &&
                                      jurorSideValidity(title, day) == TitleValidity::InProlongation);
}

std::vector<JurorMatch> searchHabilitatedJurors(const std::vector<Juror>& jurors,
                                                const Title& title, Date today) {
    std::vector<JurorMatch> matches;
    for (std::size_t i = 0; i < jurors.size(); ++i) {
        JurorEligibility e = jurorEligibility(jurors[i], title, today);
        if (listedInSearch(e, title, today)) matches.push_back({i, std::move(e)});
    }
    return matches;
}

bool sitsLegitimately(const Juror& juror, const Session& session, const Title& title,
                      Date first_day, Date last_day) {
    return std::any_of(juror.habilitations.begin(), juror.habilitations.end(), [&](const Habilitation& h) {
        return reading::habilitationCoversSession(h.on, session, title) &&
               habilitationEligibility(h, title, first_day).convocable &&
               habilitationEligibility(h, title, last_day).convocable;
    });
}

Outcome checkJurorSits(const Juror& juror, const Session& session, const Title& title,
                       Date first_day, Date last_day) {
    if (sitsLegitimately(juror, session, title, first_day, last_day)) return Outcome::allowed();
    const JurorEligibility on_first = jurorEligibility(juror, title, first_day);
    const JurorEligibility why = on_first.convocable ? jurorEligibility(juror, title, last_day) : on_first;
    const std::string on = session.type == SessionType::Ccs ? session.ccs_code.value_or(title.code)
                                                            : title.code;
    return Outcome::refused("R-HAB-9", juror.id,
                            "Le juré " + jurorName(juror) + " n'est pas habilité sur " + on + " du " +
                                first_day.french() + " au " + last_day.french() + " (" + why.reason +
                                ").");
}

Outcome checkJurySize(const Session& session, std::size_t habilitated_members) {
    if (habilitated_members >= kMinimumJurySize) return Outcome::allowed();
    return Outcome::refused("R-HAB-10", session.id,
                            "Le jury de la session " + session.id + " compte " +
                                std::to_string(habilitated_members) +
                                " membre(s) habilité(s) ; il en faut au moins 2.");
}

}  // namespace ceres::domain
