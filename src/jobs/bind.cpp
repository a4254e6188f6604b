#include "jobs/bind.h"

#include "domain/codes.h"
#include "domain/responsable.h"

namespace ceres::jobs::bind {

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }
Arr array() { return new Poco::JSON::Array; }

std::string personName(const std::string& first_name, const std::string& last_name) {
    return first_name + " " + last_name;
}

std::string decisionLabel(domain::Decision decision) {
    switch (decision) {
        case domain::Decision::Admis: return "Admis";
        case domain::Decision::Ajourne: return "Ajourné";
        case domain::Decision::Absent: return "Absent";
    }
    return {};
}

std::string resultLabel(domain::UnitResult result) {
    switch (result) {
        case domain::UnitResult::Acquis: return "Acquis";
        case domain::UnitResult::NonAcquis: return "Non acquis";
        case domain::UnitResult::Absent: return "Absent";
    }
    return {};
}

std::string sessionTypeLabel(const domain::Session& session) {
    switch (session.type) {
        case domain::SessionType::Titre:
            return session.final_interview ? "titre complet avec entretien final" : "titre complet";
        case domain::SessionType::Ccp:
            return session.final_interview ? "CCP avec entretien final" : "CCP";
        case domain::SessionType::Ccs: return "certificat complémentaire de spécialisation";
    }
    return {};
}

Obj title(const domain::Title& t) {
    Obj o = object();
    o->set("code", t.code);
    o->set("libelle", t.libelle);
    o->set("level", t.level);
    std::string nsf;
    for (const auto& code : t.nsf) nsf += (nsf.empty() ? "" : ", ") + code;
    o->set("nsf", nsf);
    return o;
}

Obj session(const domain::Session& s) {
    Obj o = object();
    o->set("id", s.id);
    o->set("type", std::string(domain::code(s.type)));
    o->set("type_label", sessionTypeLabel(s));
    o->set("start", s.start.french());
    o->set("end", (s.actual_end ? *s.actual_end : s.end).french());
    o->set("start_time", s.start_time.text());
    o->set("validated_on", s.validated_on ? s.validated_on->french() : "");
    return o;
}

Obj ud(const domain::Ud& u) {
    Obj o = object();
    o->set("code", u.code);
    o->set("name", u.name);
    o->set("region", u.region);
    o->set("commune", u.commune);
    return o;
}

Obj centre(const domain::Centre& c) {
    Obj o = object();
    o->set("siret", c.siret);
    o->set("name", c.name);
    return o;
}

Obj site(const domain::Site& s) {
    Obj o = object();
    o->set("name", s.name);
    o->set("address", s.address);
    o->set("postal_code", s.postal_code);
    o->set("commune", s.commune);
    return o;
}

Obj responsable(const domain::Responsable& r) {
    Obj o = object();
    o->set("name", personName(r.first_name, r.last_name));
    o->set("role", std::string(domain::responsableRoleLabel(r.role)));
    return o;
}

Arr jury(const std::vector<domain::Juror>& jury) {
    Arr a = array();
    for (const auto& j : jury) {
        Obj o = object();
        o->set("id", j.id);
        o->set("name", personName(j.first_name, j.last_name));
        a->add(o);
    }
    return a;
}

Obj sessionHeader(const domain::SessionPayload& p) {
    Obj o = object();
    o->set("title", title(p.title));
    o->set("session", session(p.session));
    o->set("ud", ud(p.ud));
    o->set("centre", centre(p.centre));
    o->set("site", site(p.site));
    o->set("responsable", responsable(p.session.responsable));
    const Arr members = jury(p.jury);
    o->set("jury", members);
    std::string names;
    for (const auto& j : p.jury) names += (names.empty() ? "" : ", ") + personName(j.first_name, j.last_name);
    o->set("jury_names", names);
    return o;
}

}  // namespace ceres::jobs::bind
