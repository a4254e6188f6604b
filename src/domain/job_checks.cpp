#include "domain/job_checks.h"

#include <map>
#include <string>

#include "domain/candidate.h"
#include "domain/codes.h"
#include "domain/documents.h"
#include "domain/first_name.h"
#include "domain/habilitation.h"
#include "domain/juror_export.h"
#include "domain/parchemin_number.h"
#include "domain/printed_text.h"
#include "domain/readings.h"
#include "domain/results.h"
#include "domain/siret.h"
#include "domain/title.h"

namespace ceres::domain {
namespace {

std::string at(const std::string& array, std::size_t index) {
    return "/" + array + "/" + std::to_string(index);
}

// Identifiers that must differ within one list (candidates, jurors, units of a title): a repeated
// one is an input error at the later item's identifier, never merged nor dropped.
template <typename Item, typename Key>
Outcome checkUniqueIds(const std::vector<Item>& items, const std::string& array, const std::string& field,
                       const std::string& what, Key key, std::map<std::string, std::string>* seen_in = nullptr) {
    Outcome outcome;
    std::map<std::string, std::string> local;
    std::map<std::string, std::string>& seen = seen_in ? *seen_in : local;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string& id = key(items[i]);
        const std::string here = at(array, i);
        const auto [first, inserted] = seen.emplace(id, here);
        if (inserted) continue;
        outcome.merge(Outcome::refused("", here + "/" + field,
                                       "L'identifiant « " + id + " » " + what + " est déjà celui de " + first->second +
                                           " : chaque élément de la liste a le sien."));
    }
    return outcome;
}

// The units of the title (CCPs and CCSs together) and the members of the jury.
Outcome checkUniqueIdentifiers(const SessionPayload& p) {
    std::map<std::string, std::string> units;
    const auto code = [](const Unit& u) -> const std::string& { return u.code; };
    Outcome outcome = checkUniqueIds(p.title.ccps, "title/ccps", "code", "d'unité", code, &units);
    outcome.merge(checkUniqueIds(p.title.ccs, "title/ccs", "code", "d'unité", code, &units));
    outcome.merge(checkUniqueIds(p.jury, "jury", "id", "de juré", [](const Juror& j) -> const std::string& { return j.id; }));
    return outcome;
}

Outcome checkSiret(const Centre& centre) {
    if (isValidSiret(centre.siret)) return Outcome::allowed();
    return Outcome::refused("R-ETB-1", "/centre/siret",
                            "Le SIRET « " + centre.siret + " » du centre " + centre.name +
                                " n'est pas valide (14 chiffres, clé de Luhn).");
}

// R-TIT-1/2 pointing at the first session date beyond the prolongation.
Outcome checkTitleOpen(const SessionPayload& p) {
    const bool start_beyond = titleValidityOn(p.title, p.centre.type, p.session.start) ==
                              TitleValidity::BeyondProlongation;
    Outcome outcome;
    outcome.merge(checkTitleOpenForSession(p.title, p.centre.type, p.session),
                  start_beyond ? "/session/start" : "/session/end");
    return outcome;
}

// R-CAN-1 on every first and last name, a plausible birth date, R-CAN-2 on every pair.
Outcome checkCandidates(const std::vector<Candidate>& candidates, Date session_start) {
    Outcome outcome;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        outcome.merge(checkBirthDate(candidates[i], session_start), at("candidates", i) + "/birth_date");
        outcome.merge(validateFirstName(candidates[i].first_name, candidates[i].id),
                      at("candidates", i) + "/first_name");
        outcome.merge(validateLastName(candidates[i].last_name, candidates[i].id),
                      at("candidates", i) + "/last_name");
    }
    outcome.merge(checkUniqueIds(candidates, "candidates", "id", "de candidat",
                                 [](const Candidate& c) -> const std::string& { return c.id; }));
    for (const auto& [first, second] : findDuplicates(candidates)) {
        outcome.merge(Outcome::refused("R-CAN-2", at("candidates", second),
                                       "Le candidat " + candidates[second].id + " est un doublon de " +
                                           candidates[first].id +
                                           " (même nom, prénoms et date de naissance)."));
    }
    return outcome;
}

// What every document of a session relies on.
Outcome checkSessionBasics(const SessionPayload& p) {
    Outcome outcome = checkSiret(p.centre);
    outcome.merge(checkUniqueIdentifiers(p));
    outcome.merge(checkSessionPeriod(p.session));
    outcome.merge(checkTitleOpen(p));
    outcome.merge(checkCandidates(p.candidates, p.session.start));
    return outcome;
}

// R-TIT-4 and R-DOC-3: what a parchemin cannot go without; its date of issue (validated_on) in
// the range of the 2D code's dates.
Outcome checkParcheminData(const SessionPayload& p) {
    Outcome outcome;
    if (p.session.validated_on && !isSealableDate(*p.session.validated_on)) {
        outcome.merge(Outcome::refused("", "/session/validated_on",
                                       "La date de délivrance " + p.session.validated_on->french() +
                                           " ne peut pas figurer dans le code 2D du parchemin."));
    }
    outcome.merge(checkNsfForParchemin(p.title), "/title/nsf");
    outcome.merge(checkPlaceOfIssue(p.ud), "/ud/commune");
    return outcome;
}

bool anyAdmitted(const std::vector<Candidate>& candidates) {
    for (const Candidate& c : candidates) {
        if (c.decision == Decision::Admis) return true;
    }
    return false;
}

// R-HAB-9 for each member at /jury/i, R-HAB-10 for the jury at /jury.
Outcome checkJuryAt(const SessionPayload& p, Date first_day, Date last_day) {
    Outcome outcome;
    std::size_t habilitated = 0;
    for (std::size_t i = 0; i < p.jury.size(); ++i) {
        Outcome sits = checkJurorSits(p.jury[i], p.session, p.title, first_day, last_day);
        if (sits.isAllowed()) ++habilitated;
        outcome.merge(std::move(sits), at("jury", i));
    }
    outcome.merge(checkJurySize(p.session, habilitated), "/jury");
    return outcome;
}

// R-SES-6: results exist once the session has ended, and validation comes after that end.
Outcome checkResultsValidated(const Session& session) {
    if (!session.validated_on) {
        return Outcome::refused("R-SES-6", "/session/validated_on",
                                "La session " + session.id + " n'a pas de date de validation.");
    }
    if (!session.results_version) {
        return Outcome::refused("R-SES-6", "/session/results_version",
                                "La session " + session.id + " n'a pas de version de résultats.");
    }
    const std::optional<Date> end = reading::actualEndOf(session);
    if (end && *end <= *session.validated_on) return Outcome::allowed();
    return Outcome::refused("R-SES-6", end ? "/session/validated_on" : "/session/actual_end",
                            "Les résultats de la session " + session.id +
                                " ne peuvent être validés qu'après sa date réelle de fin" +
                                (end ? " (" + end->french() + ")" : std::string(" (non saisie)")) + ".");
}

// R-SES-6: a decision for every candidate; R-SES-7: results coherent with the title.
Outcome checkGradedCandidates(const SessionPayload& p) {
    Outcome outcome;
    for (std::size_t i = 0; i < p.candidates.size(); ++i) {
        const Candidate& c = p.candidates[i];
        if (!c.decision) {
            outcome.merge(Outcome::refused("R-SES-6", at("candidates", i) + "/decision",
                                           "Le candidat " + c.id + " n'a pas de décision du jury."));
        }
        outcome.merge(checkResultsCoherent(p.title, p.session, c, at("candidates", i)));
    }
    return outcome;
}

Outcome refuseParcheminFor(const Candidate& c, std::size_t index) {
    const std::string decision = c.decision ? std::string(code(*c.decision)) : "sans décision";
    return Outcome::refused(reading::kParcheminDecisionRule, at("candidates", index) + "/decision",
                            "Pas de parchemin pour le candidat " + c.id + " (" + c.last_name + " " +
                                c.first_name + ") : décision " + decision + ", non ADMIS.");
}

// Numbers in this service's format must carry the right check character; older numbers,
// issued before it, are taken as they are.
Outcome checkKnownNumber(const Candidate& c, std::size_t index) {
    if (!c.unique_number || hasValidCheckCharacter(*c.unique_number)) {
        return Outcome::allowed();
    }
    return Outcome::refused("R-DOC-2", at("candidates", index) + "/unique_number",
                            "Le numéro de parchemin « " + *c.unique_number + " » du candidat " + c.id +
                                " a un caractère de contrôle faux.");
}

}  // namespace

Outcome checkSessionResults(const SessionResultsPayload& p) {
    Outcome outcome = checkSessionBasics(p);
    outcome.merge(checkTitleIdentified(p.title), "/title");
    outcome.merge(checkResultsValidated(p.session));
    const Date last_day = reading::actualEndOf(p.session).value_or(p.session.end);
    outcome.merge(checkJuryAt(p, p.session.start, last_day));
    outcome.merge(checkGradedCandidates(p));
    if (anyAdmitted(p.candidates)) outcome.merge(checkParcheminData(p));
    return outcome;
}

Outcome checkConvocations(const ConvocationsPayload& p) {
    Outcome outcome = checkSessionBasics(p);
    outcome.merge(checkConvocationsHaveCandidates(p.session, p.candidates.size()), "/candidates");
    outcome.merge(checkConvocationLeadTime(p.session, p.generated_on, p.relaxation_periods, p.candidates),
                  "/generated_on");
    return outcome;
}

Outcome checkDteRequest(const DteRequestPayload& p) {
    Outcome outcome = checkSiret(p.centre);
    outcome.merge(checkUniqueIdentifiers(p));
    outcome.merge(checkSessionPeriod(p.session));
    outcome.merge(checkTitleOpen(p));
    outcome.merge(checkDteLeadTime(p.session, p.request.requested_on, p.relaxation_periods),
                  "/request/requested_on");
    outcome.merge(checkDteCandidateCount(p.session, p.request, p.relaxation_periods),
                  "/request/candidate_count");
    outcome.merge(checkEnvelopeReception(p.session, p.request), "/request/envelope_reception_date");
    return outcome;
}

Outcome checkParcheminsReprint(const ParcheminsReprintPayload& p) {
    Outcome outcome = checkSiret(p.centre);
    outcome.merge(checkUniqueIdentifiers(p));
    outcome.merge(checkSessionPeriod(p.session));
    outcome.merge(checkCandidates(p.candidates, p.session.start));
    outcome.merge(checkGradedCandidates(p));
    outcome.merge(checkParcheminData(p));
    for (std::size_t i = 0; i < p.candidates.size(); ++i) {
        if (p.candidates[i].decision != Decision::Admis) outcome.merge(refuseParcheminFor(p.candidates[i], i));
        outcome.merge(checkKnownNumber(p.candidates[i], i));
    }
    if (p.session.validated_on && p.reprint.date < *p.session.validated_on) {
        outcome.merge(Outcome::refused("R-DOC-2", "/reprint/date",
                                       "Un duplicata ne peut pas précéder la validation de la session (" +
                                           p.session.validated_on->french() + ")."));
    }
    return outcome;
}

Outcome checkJurorExport(const JurorExportPayload& p) {
    Outcome outcome = checkSiret(p.centre);
    outcome.merge(checkUniqueIds(p.jurors, "jurors", "id", "de juré", [](const Juror& j) -> const std::string& { return j.id; }));
    outcome.merge(checkUniqueIds(p.titles, "titles", "code", "de titre",
                                 [](const Title& t) -> const std::string& { return t.code; }));
    // The row facts the warnings need, without each habilitation's eligibility (the export's work).
    for (std::size_t j = 0; j < p.jurors.size(); ++j) {
        const Juror& juror = p.jurors[j];
        if (!hasContact(juror)) {
            outcome.merge(Outcome::warned("R-DOC-4", at("jurors", j),
                                          "Le juré " + juror.id + " n'a ni téléphone, ni courriel, ni adresse."));
        }
        for (std::size_t h = 0; h < juror.habilitations.size(); ++h) {
            if (titleIndexOf(p.titles, juror.habilitations[h].on)) continue;
            outcome.merge(Outcome::warned("R-DOC-4", at("jurors", j) + at("habilitations", h),
                                          "L'habilitation du juré " + juror.id + " porte sur " +
                                              juror.habilitations[h].on + ", titre absent de l'export."));
        }
    }
    return outcome;
}

Outcome checkDashboard(const DashboardPayload& p) {
    if (indicatorsFor(p.profile).empty()) {
        return Outcome::refused("R-DOC-5", "/profile",
                                "Le profil " + std::string(code(p.profile)) + " n'a pas de tableau de bord.");
    }
    if (perimeterFitsProfile(p.profile, p.perimeter)) return Outcome::allowed();
    return Outcome::refused("R-DOC-5", "/perimeter",
                            "Le périmètre « " + p.perimeter + " » ne convient pas au profil " +
                                std::string(code(p.profile)) + ".");
}

Outcome checkPrintBatch(const PrintBatchPayload& p) {
    if (p.issued_from <= p.issued_to) return Outcome::allowed();
    return Outcome::refused("", "/issued_to",
                            "La période d'émission finit le " + p.issued_to.french() +
                                ", avant de commencer le " + p.issued_from.french() + ".");
}

void normalizeNames(SessionPayload& payload) {
    for (Candidate& c : payload.candidates) {
        c.first_name = normalizeName(c.first_name);
        c.last_name = normalizeName(c.last_name);
    }
}

}  // namespace ceres::domain
