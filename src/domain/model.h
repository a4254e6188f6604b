#pragma once
// The value types of CERES: every field of the job payloads (contract/examples, schemas/) has a
// home here so the jobs layer can convert a payload without losing anything.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/date.h"

namespace ceres::domain {

enum class Profile { Ud, Direccte, Acc, Centre, Service, Dispatch };
enum class CentreType { Autre, Cfa, Crp };
enum class SessionType { Titre, Ccp, Ccs };
enum class SessionStatus {
    EnPreparation, DteDemandee, ConvocationsEnvoyees, EnCours, Terminee, Validee, Suspendue, Annulee
};
enum class ResponsableRole { Titulaire, Suppleant, HorsAgrement };  // R-ETB-2
enum class HabilitationState { Brouillon, Active, Suspendue, Expiree, Supprimee };
enum class UnitResult { Acquis, NonAcquis, Absent };
enum class Decision { Admis, Ajourne, Absent };

struct Address {
    std::string line1;
    std::optional<std::string> line2;
    std::string postal_code;
    std::string commune;
    std::optional<std::string> country;
};

// A CCP or a CCS: a unit of a title.
struct Unit {
    std::string code;  // CP-01318-1, CS-01318-1
    std::string libelle;
};
using Ccp = Unit;
using Ccs = Unit;

struct Title {
    std::string code;  // TP-01318
    std::string libelle;
    std::string level;
    std::vector<std::string> nsf;
    Date end_of_life;
    std::vector<Ccp> ccps;
    std::vector<Ccs> ccs;
};

// Who asks: a verified token's, or a job envelope's, user (`sub`), profile and perimeter (FR, a
// department, a region or a SIRET). An empty perimeter matches nothing.
struct Requester {
    std::string user;
    Profile profile = Profile::Ud;
    std::string perimeter;
};

// Whom a document belongs to (CONTRACT.md): its UD, region and centre, as far as its job says;
// an empty field matches nobody.
struct Perimeter {
    std::string ud_code;  // department code, ud.code
    std::string region;   // ud.region
    std::string siret;    // centre.siret
};

struct Ud {
    std::string code;  // department: 33, 2A, 971
    std::string name;
    std::string region;
    std::string commune;  // place of issue of parchemins (R-DOC-3)
};

struct Centre {
    std::string siret;
    std::string name;
    CentreType type = CentreType::Autre;
};

struct Site {
    std::string name;
    std::string address;
    std::string postal_code;
    std::string commune;
    std::optional<std::string> insee;
};

struct Person {
    std::string last_name;
    std::string first_name;
};

struct Responsable {
    std::string last_name;
    std::string first_name;
    ResponsableRole role = ResponsableRole::Titulaire;
};

struct Convocation {
    Date date;
    TimeOfDay time;
};

struct Session {
    std::string id;
    SessionType type = SessionType::Titre;
    bool final_interview = false;
    SessionStatus status = SessionStatus::EnPreparation;
    Date start;
    TimeOfDay start_time;
    Date end;
    std::optional<Date> actual_end;
    std::optional<Date> validated_on;
    bool unlocked = false;                        // débloquée after validation (R-SES-6)
    std::optional<std::string> ccs_code;          // the CCS of a CCS session
    std::optional<std::string> registration_number;  // numéro d'ordre of the PV général (R-DOC-6)
    Responsable responsable;
    std::optional<int> results_version;
    std::optional<Convocation> convocation;       // absent: the R-SES-1 default
    std::optional<SessionStatus> status_before_suspension;  // kept by R-AGR-1
};

struct Candidate {
    std::string id;
    std::string last_name;
    std::string first_name;
    Date birth_date;
    std::string birth_commune;
    std::string birth_country;
    bool vae = false;
    std::optional<Date> registered_on;  // registration day, for late VAE registrations (R-CAN-3, R-SES-2)
    Address address;
    std::map<std::string, UnitResult> results;  // per CCP (or CCS) code
    std::optional<Decision> decision;
    std::optional<std::string> fraud_report;   // R-DOC-6
    std::optional<std::string> unique_number;  // parchemin issued before this service existed
};

struct Habilitation {
    std::string on;  // TP, CCP or CCS code
    HabilitationState state = HabilitationState::Brouillon;
    Date start;
    Date end;
};

struct Juror {
    std::string id;
    std::string last_name;
    std::string first_name;
    std::optional<std::string> email;
    std::optional<std::string> phone_pro;
    std::optional<std::string> phone_personal;
    std::optional<Address> address;
    std::optional<Date> last_job_date;  // last known day in the job linked to the TP (R-HAB-6)
    std::vector<Habilitation> habilitations;
};

struct Agrement {
    std::string id;
    std::string centre_siret;
    std::string title_code;
    Date start;
    Date end;
    std::optional<Person> titular_responsable;
    std::optional<Person> substitute_responsable;
};

// One past or planned session of a candidate, for the yearly limit (R-CAN-4).
struct SessionAttendance {
    std::string session_id;
    SessionType type = SessionType::Titre;
    bool final_interview = false;
    SessionStatus status = SessionStatus::EnPreparation;
    Date start;
};

}  // namespace ceres::domain
