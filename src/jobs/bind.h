#pragma once
// Domain values -> the data trees the templates read (tests/render/data/*.json show each shape).
// Only wording that depends on data lives here; the layout and fixed wording are in templates/.
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>

#include "domain/requests.h"
#include "jobs/payload.h"

namespace ceres::jobs::bind {

using Obj = Poco::JSON::Object::Ptr;
using Arr = Poco::JSON::Array::Ptr;

Obj object();
Arr array();

std::string personName(const std::string& first_name, const std::string& last_name);
// The family name in capitals, after the first names: "Hélène LEFÈVRE" (letters and diplomas).
// Free text of the payload that is printed but never signed (libellés, centre and site names,
// addresses of sites, the DTE comment): its straight apostrophes become typographic (U+2019), as
// in the wording. Names keep theirs: a name is printed exactly as the 2D code signs it.
std::string freeText(const std::string& text);

std::string formalName(const std::string& first_name, const std::string& last_name);
std::string upperCase(const std::string& text);
// "10 avril 2026", "1er mai 2026": dates of letters and diplomas (tables keep dd/mm/yyyy).
std::string dateInWords(const domain::Date& date);
// "7 h 45", "8 h".
std::string timeInWords(const domain::TimeOfDay& time);
// "781 842 802 00048" (narrow no-break spaces), or "Centre de reprise" (R-ETB-1).
std::string siretText(const std::string& siret);
// "Madame," / "Monsieur," / "Madame, Monsieur," from a civility (MADAME, MONSIEUR or none).
std::string salutation(const std::string& civility);
// "né" / "née" / "né(e)" from a sex (M, F or none).
std::string bornWord(const std::string& sex);

// An address block as NF Z10-011 asks: at most 6 lines of at most 38 characters, words never
// split, "postal code COMMUNE" then a foreign COUNTRY in capitals last. Empty when the address
// cannot be written so. Lines are separated by "\n".
constexpr std::size_t kPostalLines = 6, kPostalLineLength = 38;
std::string postalBlock(const std::string& recipient, const domain::Address& address);
// The recipient line: civility, the first of the first names, the family name in capitals.
std::string recipientName(const std::string& civility, const domain::Candidate& candidate);
std::string decisionLabel(domain::Decision decision);
std::string resultLabel(domain::UnitResult result);
std::string sessionTypeLabel(const domain::Session& session);

Obj title(const domain::Title& title);
Obj session(const domain::Session& session);
Obj ud(const domain::Ud& ud);
Obj centre(const domain::Centre& centre);
Obj site(const domain::Site& site);
Obj responsable(const domain::Responsable& responsable);
Arr jury(const std::vector<domain::Juror>& jury);
// What every session document shares: title, session, ud, centre, site, responsable, jury.
Obj sessionHeader(const domain::SessionPayload& payload, const PrintedFields& printed = {});
// The UD's full name as a recipient or sender, with its postal address when the payload gives it.
void udAddress(Obj ud, const std::optional<UdAddress>& address);

// The parchemin's data that is kept in the registry at issue: title, holder, session, issue, UD.
Obj parchemin(const domain::SessionPayload& payload, const domain::Candidate& holder, const PrintedFields& printed);

// What the face of one printed parchemin adds to the kept data.
struct ParcheminFace {
    std::string unique_number;
    std::string verification_url;  // empty: the sentence on how to verify
    std::optional<domain::Date> duplicata_on;  // a reprint: "Duplicata délivré le …"
    std::string duplicata_reason;
    bool specimen = false;  // a development signing key: "SPÉCIMEN — sans valeur" across the face
};
void parcheminFace(Obj data, const ParcheminFace& face);

}  // namespace ceres::jobs::bind
