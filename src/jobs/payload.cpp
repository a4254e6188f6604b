#include "jobs/payload.h"

#include <stdexcept>

#include "domain/codes.h"
#include "domain/siret.h"

namespace ceres::jobs {

// A payload object of a parsed job (Job::payload), null when absent.
using Obj = const rapidjson::Value*;

namespace {

using domain::Date;

// The schema guarantees what these read; a mismatch is a bug between schema and code.
[[noreturn]] void schemaMismatch(const char* key) {
    throw std::logic_error(std::string("payload field '") + key + "' does not have the type its schema declares");
}

const rapidjson::Value* member(const Obj& o, const char* key) {
    if (!o || !o->IsObject()) return nullptr;
    const auto it = o->FindMember(key);
    return it == o->MemberEnd() || it->value.IsNull() ? nullptr : &it->value;
}

std::string text(const rapidjson::Value& v) { return std::string(v.GetString(), v.GetStringLength()); }

std::string str(const Obj& o, const char* key) {
    const auto* v = member(o, key);
    if (!v) return {};
    if (!v->IsString()) schemaMismatch(key);
    return text(*v);
}

std::optional<std::string> optStr(const Obj& o, const char* key) {
    const auto* v = member(o, key);
    if (!v) return std::nullopt;
    if (!v->IsString()) schemaMismatch(key);
    return text(*v);
}

bool flag(const Obj& o, const char* key) {
    const auto* v = member(o, key);
    return v && v->IsBool() && v->GetBool();
}

int integer(const Obj& o, const char* key) {
    const auto* v = member(o, key);
    if (!v || !v->IsInt()) schemaMismatch(key);
    return v->GetInt();
}

Obj object(const Obj& o, const char* key) {
    const auto* v = member(o, key);
    return v && v->IsObject() ? v : nullptr;
}

bool has(const Obj& o, const char* key) { return member(o, key) != nullptr; }

Date date(const Obj& o, const char* key) {
    const auto d = Date::parse(str(o, key));
    if (!d) schemaMismatch(key);
    return *d;
}

std::optional<Date> optDate(const Obj& o, const char* key) {
    const auto text = optStr(o, key);
    return text ? Date::parse(*text) : std::nullopt;
}

domain::TimeOfDay timeOf(const Obj& o, const char* key) {
    const auto t = domain::TimeOfDay::parse(str(o, key));
    if (!t) schemaMismatch(key);
    return *t;
}

template <typename T, typename Parse>
T parsed(const Obj& o, const char* key, Parse parse) {
    const auto value = parse(str(o, key));
    if (!value) schemaMismatch(key);
    return *value;
}

template <typename F>
void eachObject(const Obj& o, const char* key, F f) {
    const auto* array = member(o, key);
    if (!array || !array->IsArray()) return;
    for (const auto& item : array->GetArray()) f(&item);
}

// The items of the array `key` mapped by `f` into `out`, room made for them first.
template <typename T, typename F>
void mapObjects(const Obj& o, const char* key, std::vector<T>& out, F f) {
    const auto* array = member(o, key);
    if (!array || !array->IsArray()) return;
    out.reserve(out.size() + array->Size());
    for (const auto& item : array->GetArray()) out.push_back(f(&item));
}

std::vector<std::string> strings(const Obj& o, const char* key) {
    std::vector<std::string> out;
    const auto* array = member(o, key);
    if (array && array->IsArray())
        for (const auto& item : array->GetArray()) out.push_back(text(item));
    return out;
}

std::vector<domain::Unit> units(const Obj& o, const char* key) {
    std::vector<domain::Unit> out;
    eachObject(o, key, [&](const Obj& u) { out.push_back({str(u, "code"), str(u, "libelle")}); });
    return out;
}

domain::Title title(const Obj& t) {
    return {str(t, "code"), str(t, "libelle"), str(t, "level"), strings(t, "nsf"), date(t, "end_of_life"),
            units(t, "ccps"), units(t, "ccs")};
}

// R-ETB-1: documents name the recovery centre "Centre de reprise".
domain::Centre centre(const Obj& c) {
    domain::Centre out{str(c, "siret"), str(c, "name"), parsed<domain::CentreType>(c, "type", domain::parseCentreType)};
    out.name = domain::centreDisplayName(out);
    return out;
}

domain::Address address(const Obj& a) {
    return {str(a, "line1"), optStr(a, "line2"), str(a, "postal_code"), str(a, "commune"), optStr(a, "country")};
}

domain::Habilitation habilitation(const Obj& h) {
    return {str(h, "on"), parsed<domain::HabilitationState>(h, "state", domain::parseHabilitationState),
            date(h, "start"), date(h, "end")};
}

domain::Juror juror(const Obj& j) {
    domain::Juror out;
    out.id = str(j, "id");
    out.last_name = str(j, "last_name");
    out.first_name = str(j, "first_name");
    out.email = optStr(j, "email");
    out.phone_pro = optStr(j, "phone_pro");
    out.phone_personal = optStr(j, "phone_personal");
    if (const auto a = object(j, "address")) out.address = address(a);
    out.last_job_date = optDate(j, "last_job_date");
    mapObjects(j, "habilitations", out.habilitations, habilitation);
    return out;
}

domain::Candidate candidate(const Obj& c) {
    domain::Candidate out;
    out.id = str(c, "id");
    out.last_name = str(c, "last_name");
    out.first_name = str(c, "first_name");
    out.birth_date = date(c, "birth_date");
    out.birth_commune = str(c, "birth_commune");
    out.birth_country = str(c, "birth_country");
    out.vae = flag(c, "vae");
    out.registered_on = optDate(c, "registered_on");
    out.address = address(object(c, "address"));
    if (const auto results = object(c, "results")) {
        for (const auto& m : results->GetObject()) {
            const std::string unit = text(m.name);
            const auto r = m.value.IsString() ? domain::parseUnitResult(text(m.value)) : std::nullopt;
            if (!r) schemaMismatch(("results/" + unit).c_str());
            out.results[unit] = *r;
        }
    }
    if (has(c, "decision")) out.decision = parsed<domain::Decision>(c, "decision", domain::parseDecision);
    out.fraud_report = optStr(c, "fraud_report");
    out.unique_number = optStr(c, "unique_number");
    return out;
}

domain::Session session(const Obj& s) {
    domain::Session out;
    out.id = str(s, "id");
    out.type = parsed<domain::SessionType>(s, "type", domain::parseSessionType);
    out.final_interview = flag(s, "final_interview");
    out.status = parsed<domain::SessionStatus>(s, "status", domain::parseSessionStatus);
    out.start = date(s, "start");
    out.start_time = timeOf(s, "start_time");
    out.end = date(s, "end");
    out.actual_end = optDate(s, "actual_end");
    out.validated_on = optDate(s, "validated_on");
    out.unlocked = flag(s, "unlocked");
    out.ccs_code = optStr(s, "ccs_code");
    out.registration_number = optStr(s, "registration_number");
    const auto r = object(s, "responsable");
    out.responsable = {str(r, "last_name"), str(r, "first_name"),
                       parsed<domain::ResponsableRole>(r, "role", domain::parseResponsableRole)};
    if (has(s, "results_version")) out.results_version = integer(s, "results_version");
    if (const auto c = object(s, "convocation")) out.convocation = domain::Convocation{date(c, "date"), timeOf(c, "time")};
    return out;
}

void fillSession(const Obj& p, domain::SessionPayload& out) {
    out.title = title(object(p, "title"));
    const auto ud = object(p, "ud");
    out.ud = {str(ud, "code"), str(ud, "name"), str(ud, "region"), str(ud, "commune")};
    out.centre = centre(object(p, "centre"));
    const auto site = object(p, "site");
    out.site = {str(site, "name"), str(site, "address"), str(site, "postal_code"), str(site, "commune"),
                optStr(site, "insee")};
    out.session = session(object(p, "session"));
    mapObjects(p, "jury", out.jury, juror);
    mapObjects(p, "candidates", out.candidates, candidate);
    eachObject(p, "relaxation_periods",
               [&](const Obj& r) { out.relaxation_periods.push_back({date(r, "from"), date(r, "to")}); });
}

}  // namespace

domain::SessionResultsPayload sessionResultsPayload(Obj p) {
    domain::SessionResultsPayload out;
    fillSession(p, out);
    return out;
}

domain::ConvocationsPayload convocationsPayload(Obj p) {
    domain::ConvocationsPayload out;
    fillSession(p, out);
    out.generated_on = date(p, "generated_on");
    out.bring = strings(p, "bring");
    return out;
}

domain::DteRequestPayload dteRequestPayload(Obj p) {
    domain::DteRequestPayload out;
    fillSession(p, out);
    const auto r = object(p, "request");
    out.request = {date(r, "requested_on"), integer(r, "candidate_count"), date(r, "envelope_reception_date"),
                   optStr(r, "comment")};
    return out;
}

domain::ParcheminsReprintPayload parcheminsReprintPayload(Obj p) {
    domain::ParcheminsReprintPayload out;
    fillSession(p, out);
    const auto r = object(p, "reprint");
    out.reprint = {date(r, "date"), str(r, "reason")};
    return out;
}

domain::JurorExportPayload jurorExportPayload(Obj p) {
    domain::JurorExportPayload out;
    out.centre = centre(object(p, "centre"));
    out.as_of = date(p, "as_of");
    eachObject(p, "titles", [&](const Obj& t) {
        domain::Title title;
        title.code = str(t, "code");
        title.libelle = str(t, "libelle");
        title.end_of_life = date(t, "end_of_life");
        out.titles.push_back(std::move(title));
    });
    mapObjects(p, "jurors", out.jurors, juror);
    return out;
}

domain::DashboardPayload dashboardPayload(Obj p) {
    domain::DashboardPayload out;
    out.profile = parsed<domain::Profile>(p, "profile", domain::parseProfile);
    out.perimeter = str(p, "perimeter");
    out.as_of = date(p, "as_of");
    eachObject(p, "events", [&](const Obj& e) {
        out.events.push_back({parsed<domain::EventType>(e, "type", domain::parseEventType), date(e, "date"),
                              optStr(e, "ud"), optStr(e, "region"), optStr(e, "siret")});
    });
    return out;
}

PrintedFields printedFields(Obj p) {
    PrintedFields out;
    eachObject(p, "candidates", [&](const Obj& c) {
        if (const auto civility = optStr(c, "civility")) out.civility[str(c, "id")] = *civility;
        if (const auto sex = optStr(c, "sex")) out.sex[str(c, "id")] = *sex;
    });
    const auto centre = object(p, "centre");
    out.centre_phone = str(centre, "phone");
    out.centre_email = str(centre, "email");
    out.rncp = str(object(p, "title"), "rncp");
    const auto ud = object(p, "ud");
    if (const auto a = object(ud, "address"))
        out.ud_address = UdAddress{str(a, "line1"), str(a, "line2"), str(a, "postal_code"), str(a, "commune")};
    out.version_date = optDate(object(p, "session"), "version_date");
    return out;
}

domain::PrintBatchPayload printBatchPayload(Obj p) {
    domain::PrintBatchPayload out;
    out.ud = str(p, "ud");
    out.issued_from = date(p, "issued_from");
    out.issued_to = date(p, "issued_to");
    out.sort = has(p, "sort") ? str(p, "sort") : "postal_code";
    return out;
}

}  // namespace ceres::jobs
