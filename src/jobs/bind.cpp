#include "jobs/bind.h"

#include <string_view>
#include <utility>

#include <Poco/UTF8String.h>

#include "domain/codes.h"
#include "domain/documents.h"
#include "domain/responsable.h"
#include "domain/siret.h"
#include "render/typography.h"

namespace ceres::jobs::bind {

Obj object() { return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER); }
Arr array() { return new Poco::JSON::Array; }

std::string personName(const std::string& first_name, const std::string& last_name) {
    return first_name + " " + last_name;
}

// Capitals as the holder's script writes them. Poco maps each character on its own and leaves a
// sigma small (ς becomes σ): every sigma's capital is Σ, and a Greek word in capitals drops its tonos.
std::string upperCase(const std::string& text) {
    static const std::pair<std::string_view, std::string_view> kGreek[] = {
        {"\u03c2", "\u03a3"}, {"\u03c3", "\u03a3"}, {"\u0386", "\u0391"}, {"\u0388", "\u0395"}, {"\u0389", "\u0397"},
        {"\u038a", "\u0399"}, {"\u038c", "\u039f"}, {"\u038e", "\u03a5"}, {"\u038f", "\u03a9"}};
    std::string upper = Poco::UTF8::toUpper(text);
    for (const auto& [from, to] : kGreek)
        for (std::size_t at = upper.find(from); at != std::string::npos; at = upper.find(from, at + to.size()))
            upper.replace(at, from.size(), to);
    return upper;
}

std::string freeText(const std::string& text) { return render::typographicApostrophes(text); }

std::string formalName(const std::string& first_name, const std::string& last_name) {
    return first_name + " " + upperCase(last_name);
}

std::string dateInWords(const domain::Date& d) {
    static const char* const kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                          "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    return (d.day() == 1 ? std::string("1er") : std::to_string(d.day())) + " " + kMonths[d.month() - 1] + " " +
           std::to_string(d.year());
}

std::string timeInWords(const domain::TimeOfDay& t) {
    const std::string space = "\u00A0";  // "7 h 45" never breaks across lines
    const std::string minutes =
        t.minute() == 0 ? "" : space + (t.minute() < 10 ? "0" : "") + std::to_string(t.minute());
    return std::to_string(t.hour()) + space + "h" + minutes;
}

std::string siretText(const std::string& siret) {
    if (domain::isRecoveryCentreSiret(siret)) return "Centre de reprise";
    if (siret.size() != 14) return siret;
    const std::string thin = "\u202F";
    return siret.substr(0, 3) + thin + siret.substr(3, 3) + thin + siret.substr(6, 3) + thin + siret.substr(9);
}

std::string salutation(const std::string& civility) {
    if (civility == "MADAME") return "Madame,";
    if (civility == "MONSIEUR") return "Monsieur,";
    return "Madame, Monsieur,";
}

std::string bornWord(const std::string& sex) {
    if (sex == "F") return "née";
    if (sex == "M") return "né";
    return "né(e)";
}

namespace {

std::size_t characters(const std::string& text) {
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

// Lines of at most `width` characters, broken at spaces and after hyphens; false when a word
// alone is longer than a line.
bool wrapCharacters(const std::string& text, std::size_t width, std::vector<std::string>& lines) {
    std::vector<std::pair<std::string, bool>> pieces;  // piece, glued to the previous one
    std::string piece;
    bool glued = false;
    for (char c : text + " ") {
        if (c == ' ' || (c == '-' && !piece.empty())) {
            if (c == '-') piece.push_back(c);
            if (!piece.empty()) pieces.emplace_back(piece, glued);
            glued = c == '-';
            piece.clear();
            continue;
        }
        piece.push_back(c);
    }
    std::string line;
    for (const auto& [part, attached] : pieces) {
        if (characters(part) > width) return false;
        const std::string joined = line.empty() ? part : line + (attached ? "" : " ") + part;
        if (characters(joined) <= width) {
            line = joined;
            continue;
        }
        lines.push_back(line);
        line = part;
    }
    if (!line.empty()) lines.push_back(line);
    return true;
}

}  // namespace

std::string postalBlock(const std::string& recipient, const domain::Address& a) {
    std::vector<std::string> lines;
    bool fits = wrapCharacters(recipient, kPostalLineLength, lines) && wrapCharacters(a.line1, kPostalLineLength, lines);
    if (a.line2 && !a.line2->empty()) fits = fits && wrapCharacters(*a.line2, kPostalLineLength, lines);
    fits = fits && wrapCharacters(a.postal_code + " " + upperCase(a.commune), kPostalLineLength, lines);
    if (a.country && !a.country->empty()) fits = fits && wrapCharacters(upperCase(*a.country), kPostalLineLength, lines);
    if (!fits || lines.size() > kPostalLines) return {};
    std::string block;
    for (const auto& line : lines) block += (block.empty() ? "" : "\n") + line;
    return block;
}

std::string recipientName(const std::string& civility, const domain::Candidate& c) {
    const std::string first = c.first_name.substr(0, c.first_name.find(','));
    const std::string title = civility == "MADAME" ? "Madame " : civility == "MONSIEUR" ? "Monsieur " : "";
    return title + formalName(first, c.last_name);
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
    o->set("libelle", freeText(t.libelle));
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
    o->set("start_time", timeInWords(s.start_time));
    o->set("validated_on", s.validated_on ? s.validated_on->french() : "");
    o->set("start_words", dateInWords(s.start));
    o->set("end_words", dateInWords(s.actual_end ? *s.actual_end : s.end));
    o->set("validated_words", s.validated_on ? dateInWords(*s.validated_on) : "");
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
    o->set("siret", siretText(c.siret));
    o->set("name", freeText(c.name));
    return o;
}

Obj site(const domain::Site& s) {
    Obj o = object();
    o->set("name", freeText(s.name));
    o->set("address", freeText(s.address));
    o->set("postal_code", s.postal_code);
    o->set("commune", s.commune);
    return o;
}

Obj responsable(const domain::Responsable& r) {
    Obj o = object();
    o->set("name", formalName(r.first_name, r.last_name));
    o->set("role", std::string(domain::responsableRoleLabel(r.role)));
    return o;
}

Arr jury(const std::vector<domain::Juror>& jury) {
    Arr a = array();
    for (const auto& j : jury) {
        Obj o = object();
        o->set("id", j.id);
        o->set("name", formalName(j.first_name, j.last_name));
        a->add(o);
    }
    return a;
}

void udAddress(Obj o, const std::optional<UdAddress>& address) {
    if (!address) return;
    o->set("address_line1", address->line1);
    o->set("address_line2", address->line2);
    o->set("address_postal_code", address->postal_code);
    o->set("address_commune", upperCase(address->commune));
}

Obj sessionHeader(const domain::SessionPayload& p, const PrintedFields& printed) {
    Obj o = object();
    Obj t = title(p.title);
    t->set("rncp", printed.rncp);
    o->set("title", t);
    o->set("session", session(p.session));
    Obj u = ud(p.ud);
    udAddress(u, printed.ud_address);
    o->set("ud", u);
    Obj c = centre(p.centre);
    c->set("phone", printed.centre_phone);
    c->set("email", printed.centre_email);
    std::string contact;
    if (!printed.centre_phone.empty()) contact = " au " + printed.centre_phone;
    if (!printed.centre_email.empty()) contact += (contact.empty() ? " à " : " ou à ") + printed.centre_email;
    c->set("contact", contact);
    o->set("centre", c);
    o->set("site", site(p.site));
    o->set("responsable", responsable(p.session.responsable));
    const Arr members = jury(p.jury);
    o->set("jury", members);
    std::string names;
    for (const auto& j : p.jury) names += (names.empty() ? "" : ", ") + formalName(j.first_name, j.last_name);
    o->set("jury_names", names);
    return o;
}

Obj parchemin(const domain::SessionPayload& p, const domain::Candidate& c, const PrintedFields& printed) {
    Obj data = object();
    Obj t = title(p.title);
    t->set("rncp", printed.rncp);
    data->set("title", t);
    const auto sex = printed.sex.find(c.id);
    Obj holder = object();
    holder->set("last_name", upperCase(c.last_name));
    holder->set("first_name", c.first_name);
    holder->set("born", bornWord(sex == printed.sex.end() ? "" : sex->second));
    holder->set("birth_date", dateInWords(c.birth_date));
    holder->set("birth_commune", c.birth_commune);
    holder->set("birth_country", c.birth_country);
    data->set("holder", holder);
    Obj s = session(p.session);
    s->set("start_words", dateInWords(p.session.start));
    data->set("session", s);
    Obj issue = object();
    issue->set("place", domain::placeOfIssue(p.ud));
    issue->set("date", dateInWords(*p.session.validated_on));
    issue->set("signatory", "Le directeur de la " + p.ud.name);
    data->set("issue", issue);
    Obj u = ud(p.ud);
    udAddress(u, printed.ud_address);
    data->set("ud", u);
    return data;
}

void parcheminFace(Obj data, const ParcheminFace& face) {
    data->set("unique_number", face.unique_number);
    data->set("duplicata", face.duplicata_on.has_value());
    data->set("duplicata_date", face.duplicata_on ? dateInWords(*face.duplicata_on) : "");
    data->set("duplicata_reason", face.duplicata_reason);
    data->set("verification_url", face.verification_url);
    data->set("specimen", face.specimen);
}

}  // namespace ceres::jobs::bind
