#include "support.h"

#include <stdexcept>

namespace ceres::domain::test {

Date day(const std::string& iso) {
    const auto parsed = Date::parse(iso);
    if (!parsed) throw std::invalid_argument("bad test date " + iso);
    return *parsed;
}

TimeOfDay hm(const std::string& text) {
    const auto parsed = TimeOfDay::parse(text);
    if (!parsed) throw std::invalid_argument("bad test time " + text);
    return *parsed;
}

Habilitation habilitation(const std::string& on, HabilitationState state, const std::string& start,
                          const std::string& end) {
    return {on, state, day(start), day(end)};
}

Title exampleTitle() {
    return {"TP-01318", "Employé administratif et d'accueil", "3", {"324t"}, day("2028-10-31"),
            {{"CP-01318-1", "Réaliser les travaux administratifs courants d'une structure"},
             {"CP-01318-2", "Assurer l'accueil d'une structure"}},
            {}};
}

Ud exampleUd() { return {"33", "DDETS de la Gironde", "75", "Bordeaux"}; }

Centre exampleCentre() {
    return {"78184280200048", "Fédération compagnonnique du bâtiment", CentreType::Autre};
}

Site exampleSite() {
    return {"FCMB Floirac", "12 avenue Jean Jaurès", "33270", "Floirac", std::string("33167")};
}

Session exampleSession(SessionStatus status) {
    Session s;
    s.id = "TITRE_T_2026_299045";
    s.type = SessionType::Titre;
    s.final_interview = true;
    s.status = status;
    s.start = day("2026-05-20");
    s.start_time = hm("08:00");
    s.end = day("2026-05-22");
    s.responsable = {"Martin", "Sophie", ResponsableRole::Titulaire};
    return s;
}

Juror durand() {
    Juror j;
    j.id = "J-1042";
    j.last_name = "Durand";
    j.first_name = "Paul";
    j.habilitations = {habilitation("TP-01318", HabilitationState::Active, "2024-01-15", "2028-10-31")};
    return j;
}

Juror nguyen() {
    Juror j;
    j.id = "J-2210";
    j.last_name = "Nguyen";
    j.first_name = "Thi Lan";
    j.habilitations = {habilitation("TP-01318", HabilitationState::Active, "2025-03-01", "2027-12-31")};
    return j;
}

Candidate candidate(const std::string& id, const std::string& last_name,
                    const std::string& first_name, const std::string& birth_date) {
    Candidate c;
    c.id = id;
    c.last_name = last_name;
    c.first_name = first_name;
    c.birth_date = day(birth_date);
    c.address = {"4 rue de la Benauge", std::nullopt, "33100", "Bordeaux", std::nullopt};
    return c;
}

namespace {

std::vector<Candidate> registeredCandidates() {
    std::vector<Candidate> c = {
        candidate("C-900001", "Lefèvre", "Hélène", "1991-04-12"),
        candidate("C-900002", "N'Diaye", "Aminata", "1988-11-03"),
        candidate("C-900003", "Смирнов", "Дмитрий", "1979-02-28"),
        candidate("C-900004", "Jean-Baptiste", "Marie-Ève, Françoise", "2001-07-14"),
        candidate("C-900005", "Παπαδόπουλος", "Αθηνά", "1995-09-30"),
    };
    c[2].vae = true;
    return c;
}

void grade(Candidate& c, UnitResult first, UnitResult second, Decision decision) {
    c.results = {{"CP-01318-1", first}, {"CP-01318-2", second}};
    c.decision = decision;
}

SessionPayload sessionPayload(SessionStatus status) {
    return {exampleTitle(), exampleUd(), exampleCentre(), exampleSite(), exampleSession(status),
            {durand(), nguyen()}, registeredCandidates(), {}};
}

Juror exportJuror(const std::string& id, const std::string& last, const std::string& first,
                  const std::string& last_job, Habilitation h) {
    Juror j;
    j.id = id;
    j.last_name = last;
    j.first_name = first;
    j.email = first + "@example.fr";
    j.address = Address{"8 rue Sainte-Catherine", std::nullopt, "33000", "Bordeaux", std::nullopt};
    j.last_job_date = day(last_job);
    j.habilitations = {std::move(h)};
    return j;
}

}  // namespace

std::vector<Candidate> gradedCandidates() {
    std::vector<Candidate> c = registeredCandidates();
    grade(c[0], UnitResult::Acquis, UnitResult::Acquis, Decision::Admis);
    grade(c[1], UnitResult::Acquis, UnitResult::NonAcquis, Decision::Ajourne);
    grade(c[2], UnitResult::Acquis, UnitResult::Acquis, Decision::Admis);
    grade(c[3], UnitResult::Absent, UnitResult::Absent, Decision::Absent);
    grade(c[4], UnitResult::Acquis, UnitResult::Acquis, Decision::Admis);
    return c;
}

SessionResultsPayload sessionResultsExample() {
    SessionResultsPayload p{sessionPayload(SessionStatus::Validee)};
    p.session.validated_on = day("2026-05-29");
    p.session.results_version = 1;
    p.candidates = gradedCandidates();
    return p;
}

ConvocationsPayload convocationsExample() {
    ConvocationsPayload p{sessionPayload(SessionStatus::DteDemandee), day("2026-04-10"),
                          {"Pièce d'identité en cours de validité", "Convocation",
                           "Dossier professionnel (DP)"}};
    p.session.convocation = Convocation{day("2026-05-20"), hm("07:45")};
    return p;
}

DteRequestPayload dteRequestExample() {
    DteRequestPayload p{sessionPayload(SessionStatus::EnPreparation),
                        {day("2026-02-10"), 5, day("2026-05-13"),
                         std::string("Merci de prévoir un exemplaire supplémentaire du sujet.")}};
    p.jury.clear();
    p.candidates.clear();
    return p;
}

ParcheminsReprintPayload parcheminsReprintExample() {
    ParcheminsReprintPayload p{sessionPayload(SessionStatus::Validee),
                               {day("2026-09-14"), "Perte du parchemin original"}};
    p.session.validated_on = day("2026-05-29");
    p.session.results_version = 1;
    p.candidates = {gradedCandidates()[0]};
    return p;
}

JurorExportPayload jurorExportExample() {
    JurorExportPayload p;
    p.centre = exampleCentre();
    p.as_of = day("2026-04-02");
    p.titles = {{"TP-01318", "Employé administratif et d'accueil", "", {}, day("2028-10-31"), {}, {}},
                {"TP-00247", "Plaquiste-plâtrier", "", {}, day("2025-06-30"), {}, {}}};
    p.jurors = {
        exportJuror("J-1042", "Durand", "Paul", "2025-12-31",
                    habilitation("TP-01318", HabilitationState::Active, "2024-01-15", "2028-10-31")),
        exportJuror("J-2210", "Nguyen", "Thi Lan", "2026-01-31",
                    habilitation("TP-01318", HabilitationState::Active, "2025-03-01", "2027-12-31")),
        exportJuror("J-3307", "Öztürk", "Ayşe", "2024-06-30",
                    habilitation("TP-00247", HabilitationState::Active, "2021-01-01", "2025-06-30")),
        exportJuror("J-4401", "Da Silva", "João", "2025-09-30",
                    habilitation("TP-00247", HabilitationState::Expiree, "2019-01-01", "2025-11-30")),
    };
    p.jurors[2].phone_pro.reset();
    return p;
}

DashboardPayload dashboardExample() {
    DashboardPayload p{Profile::Ud, "33", day("2026-11-01"), {}};
    const std::pair<EventType, const char*> events[] = {
        {EventType::AgrementInstruit, "2026-01-14"}, {EventType::AgrementInstruit, "2026-03-02"},
        {EventType::Controle, "2026-02-20"},         {EventType::RapportPublie, "2026-03-15"},
        {EventType::SessionProgrammee, "2026-04-01"}, {EventType::DteDemandee, "2026-04-03"},
        {EventType::Controle, "2025-09-01"},
    };
    for (const auto& [type, date] : events) p.events.push_back({type, day(date), {}, {}, {}});
    return p;
}

PrintBatchPayload printBatchExample() { return {"33", day("2026-05-01"), day("2026-05-31"), "postal_code"}; }

}  // namespace ceres::domain::test
