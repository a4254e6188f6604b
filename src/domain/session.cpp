#include "domain/session.h"

#include <algorithm>

#include "domain/codes.h"
#include "domain/readings.h"

namespace ceres::domain {
namespace {

constexpr int kDefaultStartHour = 8;

std::string sessionTypeLabel(SessionType type) { return std::string(code(type)); }

// R-SES-2: a late action is refused, or recorded as lifted inside a relaxation period.
Outcome leadTimeOutcome(const Session& session, Date action_day, Date last_day,
                        const std::vector<Period>& relaxation_periods, const std::string& what) {
    if (action_day <= last_day) return Outcome::allowed();
    const std::string fact = what + " le " + action_day.french() + " pour la session " + session.id +
                             " (" + sessionTypeLabel(session.type) + ") qui commence le " +
                             session.start.french() + " : au plus tard le " + last_day.french();
    if (reading::relaxationLifts(relaxation_periods, action_day)) {
        return Outcome::warned("R-SES-2", session.id,
                               "Délai levé par la période d'assouplissement : " + fact + ".");
    }
    return Outcome::refused("R-SES-2", session.id, "Délai non respecté : " + fact + ".");
}

bool udMayMoveDates(SessionStatus status) {
    return status == SessionStatus::EnPreparation || status == SessionStatus::DteDemandee ||
           status == SessionStatus::ConvocationsEnvoyees;
}

Outcome refuseDateChange(const Session& session, const std::string& why) {
    return Outcome::refused("R-SES-4", session.id,
                            "Les dates de la session " + session.id + " ne peuvent pas être modifiées : " +
                                why + ".");
}

}  // namespace

TimeOfDay defaultStartTime() { return *TimeOfDay::fromHm(kDefaultStartHour, 0); }

SessionDefaults newSessionDefaults(Date creation_day) {
    return {creation_day, defaultStartTime(), {creation_day, defaultStartTime()}};
}

Convocation effectiveConvocation(const Session& session) {
    return session.convocation.value_or(Convocation{session.start, defaultStartTime()});
}

Date lastDteRequestDay(Date start) { return reading::lastDayMonthsBefore(start, kDteLeadMonths); }

Outcome checkDteLeadTime(const Session& session, Date requested_on,
                         const std::vector<Period>& relaxation_periods) {
    return leadTimeOutcome(session, requested_on, lastDteRequestDay(session.start),
                           relaxation_periods, "DTE demandé");
}

Outcome checkConvocationLeadTime(const Session& session, Date generated_on,
                                 const std::vector<Period>& relaxation_periods,
                                 const std::vector<Candidate>& candidates) {
    const Date last_day = reading::lastConvocationDay(session.type, session.start);
    const auto exempt = [&](const Candidate& c) { return reading::exemptFromConvocationLeadTime(c, session.start); };
    const bool all_exempt = !candidates.empty() && std::all_of(candidates.begin(), candidates.end(), exempt);
    if (generated_on <= last_day || reading::relaxationLifts(relaxation_periods, generated_on) || !all_exempt) {
        return leadTimeOutcome(session, generated_on, last_day, relaxation_periods, "convocations éditées");
    }
    Outcome outcome;
    for (const Candidate& c : candidates) {
        outcome.merge(Outcome::warned("R-SES-2", c.id,
                                      "Délai levé pour le candidat VAE " + c.id + " inscrit le " +
                                          c.registered_on->french() + ", dans les " +
                                          std::to_string(reading::kVaeRegistrationDays) +
                                          " jours avant la session " + session.id + " : convocation éditée le " +
                                          generated_on.french() + ", au plus tard le " + last_day.french() +
                                          " sinon."));
    }
    return outcome;
}

Outcome checkConvocationsHaveCandidates(const Session& session, std::size_t registered_candidates) {
    if (registered_candidates > 0) return Outcome::allowed();
    return Outcome::refused("R-SES-3", session.id,
                            "Aucun candidat n'est inscrit à la session " + session.id +
                                " : les convocations ne peuvent pas être éditées.");
}

Outcome checkDateChange(Profile profile, const Session& session, Date today) {
    const std::string status(code(session.status));
    if (profile == Profile::Centre) {
        if (session.status == SessionStatus::EnPreparation) return Outcome::allowed();
        return refuseDateChange(session, "le centre ne le peut qu'en préparation, la session est " + status);
    }
    if (profile != Profile::Ud) {
        return refuseDateChange(session, "seuls le centre (en préparation) et l'UD (report) le peuvent");
    }
    if (!udMayMoveDates(session.status)) {
        return refuseDateChange(session, "report impossible au statut " + status);
    }
    if (today >= session.start) {
        return refuseDateChange(session, "la session a démarré le " + session.start.french());
    }
    return Outcome::allowed();
}

Outcome checkDteCandidateCount(const Session& session, const DteRequestData& request,
                               const std::vector<Period>& relaxation_periods) {
    if (request.candidate_count > 0) return Outcome::allowed();
    const std::string fact = "demande de DTE à " + std::to_string(request.candidate_count) +
                             " candidat pour la session " + session.id;
    if (request.candidate_count == 0 && reading::relaxationLifts(relaxation_periods, request.requested_on)) {
        return Outcome::warned("R-SES-5", session.id,
                               "Admis pendant la période d'assouplissement : " + fact + ".");
    }
    return Outcome::refused("R-SES-5", session.id,
                            "Nombre de candidats requis : " + fact + " hors période d'assouplissement.");
}

Outcome checkEnvelopeReception(const Session& session, const DteRequestData& request) {
    if (reading::envelopesArriveInTime(request.envelope_reception_date, session.start)) {
        return Outcome::allowed();
    }
    return Outcome::refused("R-SES-5", session.id,
                            "La réception des plis prévue le " + request.envelope_reception_date.french() +
                                " est postérieure au début de la session " + session.id + " (" +
                                session.start.french() + ").");
}

Outcome checkSessionPeriod(const Session& session) {
    Outcome outcome;
    if (session.end < session.start) {
        outcome.merge(Outcome::refused("R-SES-7", "/session/end",
                                       "La session " + session.id + " finit le " + session.end.french() +
                                           ", avant de commencer le " + session.start.french() + "."));
    }
    if (session.actual_end && *session.actual_end < session.start) {
        outcome.merge(Outcome::refused("R-SES-7", "/session/actual_end",
                                       "La session " + session.id + " a pris fin le " +
                                           session.actual_end->french() + ", avant de commencer le " +
                                           session.start.french() + "."));
    }
    return outcome;
}

Outcome checkDteRequestData(const Session& session, const DteRequestData& request,
                            const std::vector<Period>& relaxation_periods) {
    Outcome outcome = checkDteCandidateCount(session, request, relaxation_periods);
    outcome.merge(checkEnvelopeReception(session, request));
    outcome.merge(checkSessionPeriod(session));
    return outcome;
}

Outcome checkResultsEntry(const Session& session) {
    if (session.actual_end) return Outcome::allowed();
    return Outcome::refused("R-SES-6", session.id,
                            "Les résultats de la session " + session.id +
                                " ne peuvent être saisis qu'après la saisie de la date réelle de fin.");
}

ResultsVersion resultsVersionAfterSave(const Session& session, bool results_changed) {
    ResultsVersion result{checkResultsEntry(session), session.results_version.value_or(1)};
    if (result.outcome.isRefused() || !results_changed || !session.results_version) return result;
    if (session.status != SessionStatus::Validee) return result;
    if (!session.unlocked) {
        result.outcome = Outcome::refused("R-SES-6", session.id,
                                          "La session " + session.id +
                                              " est validée : ses résultats ne peuvent changer que si "
                                              "elle est débloquée.");
        return result;
    }
    result.version = *session.results_version + 1;
    return result;
}

}  // namespace ceres::domain
