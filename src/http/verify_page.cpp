#include "http/verify_page.h"

#include <array>

namespace ceres::http::page {
namespace {

// Contrast: #1e1e1e on #ffffff is 16.7:1, links #000091 on white 15.9:1, the verdict grounds
// keep the text above 12:1. The focus ring is 3 px, never removed.
constexpr const char* kStyle =
    "body{font-family:Marianne,Arial,sans-serif;font-size:1.05rem;line-height:1.5;color:#1e1e1e;"
    "background:#fff;margin:0}"
    "header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}"
    "header{border-bottom:1px solid #ddd}header p{margin:0}.ministere{font-weight:700}"
    "a{color:#000091}a:focus,input:focus,button:focus{outline:3px solid #0a76f6;outline-offset:2px}"
    ".evitement{position:absolute;left:-999px}.evitement:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}"
    ".verdict{border-left:.4rem solid;padding:.5rem 1rem;margin:1rem 0}"
    ".authentique{border-color:#18753c;background:#e6feda}.retire{border-color:#ce0500;background:#ffe9e9}"
    ".inconnu{border-color:#b34000;background:#fff3e6}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:700}dd{margin:0}"
    "label{display:block;font-weight:700;margin-top:1rem}.aide{display:block;font-weight:400;color:#3a3a3a}"
    "input{font-size:1rem;padding:.5rem;border:1px solid #3a3a3a;width:100%;max-width:24rem;box-sizing:border-box}"
    "button{margin-top:1rem;font-size:1rem;padding:.6rem 1.2rem;background:#000091;color:#fff;border:0;cursor:pointer}";

const std::array<const char*, 12> kMonths = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                             "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

// "2026-03-12" -> "12 mars 2026"; anything else as it is.
std::string longDate(const std::string& iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
    const int month = std::stoi(iso.substr(5, 2));
    const int day = std::stoi(iso.substr(8, 2));
    if (month < 1 || month > 12) return iso;
    return (day == 1 ? std::string("1er") : std::to_string(day)) + " " + kMonths[month - 1] + " " + iso.substr(0, 4);
}

std::string field(const VerifyResult& result, const std::string& name) {
    const auto found = result.fields.find(name);
    return found == result.fields.end() ? "" : found->second;
}

// `home`: the verification form itself, whose footer does not link back to it.
std::string layout(const std::string& title, const std::string& body, bool home = false) {
    return "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           escape(title) + " – Vérification d’un titre professionnel</title>\n<style>" + kStyle +
           "</style>\n</head>\n<body>\n<a class=\"evitement\" href=\"#contenu\">Aller au contenu</a>\n"
           "<header>\n<p class=\"ministere\">Ministère chargé de l’emploi</p>\n"
           "<p>Vérification des titres professionnels</p>\n</header>\n<main id=\"contenu\">\n" +
           body +
           "</main>\n" +
           (home ? std::string() : "<footer>\n<p><a href=\"/verify\">Vérifier un autre diplôme</a></p>\n</footer>\n") +
           "</body>\n</html>\n";
}

std::string verdict(const std::string& kind, const std::string& html) {
    return "<div class=\"verdict " + kind + "\" role=\"status\">\n" + html + "</div>\n";
}

std::string row(const std::string& term, const std::string& value) {
    if (value.empty()) return "";
    return "<dt>" + term + "</dt><dd>" + escape(value) + "</dd>\n";
}

std::string withdrawnVerdict(const VerifyResult& result) {
    const WithdrawalView& w = *result.withdrawal;
    const std::string why = w.reason.empty() ? "<p>Le motif du retrait n’est pas public.</p>\n"
                                             : "<p>Motif : " + escape(w.reason) + "</p>\n";
    return verdict("retire", "<p>Ce diplôme a été <strong>retiré le " + escape(longDate(w.date)) +
                                 "</strong>. Il n’est plus valable.</p>\n" + why);
}

std::string shownFields(const VerifyResult& result) {
    return "<h2>Ce que porte le diplôme</h2>\n<dl>\n" + row("Numéro", field(result, "unique_number")) +
           row("Titre professionnel", field(result, "title_code") + " – " + field(result, "title_libelle")) +
           row("Niveau", field(result, "level")) + row("Date de délivrance", longDate(field(result, "issued_on"))) +
           row("Lieu de délivrance", field(result, "place_of_issue")) + "</dl>\n";
}

std::string holderAnswer(const VerifyResult& result) {
    if (result.holder == HolderMatch::NotAsked) return "";
    const bool matches = result.holder == HolderMatch::Matches;
    return "<h2>Résultat pour le titulaire saisi</h2>\n" +
           verdict(matches ? "authentique" : "retire",
                   matches ? "<p>Les informations saisies <strong>correspondent</strong> au titulaire de ce diplôme.</p>\n"
                           : "<p>Les informations saisies <strong>ne correspondent pas</strong> au titulaire de ce "
                             "diplôme.</p>\n");
}

std::string holderForm(const std::string& number) {
    return "<h2>Confirmer le titulaire</h2>\n"
           "<p>Le nom du titulaire n’est jamais affiché. Saisissez celui que vous connaissez : le service répond "
           "s’il correspond.</p>\n"
           "<form method=\"post\" action=\"/v1/verify/" + escape(number) + "\">\n"
           "<label for=\"nom\">Nom de famille du titulaire</label>\n"
           "<input id=\"nom\" name=\"last_name\" type=\"text\" required autocomplete=\"off\">\n"
           "<label for=\"naissance\">Date de naissance <span class=\"aide\" id=\"naissance-aide\">Facultatif, "
           "au format JJ/MM/AAAA, par exemple 28/02/1979</span></label>\n"
           "<input id=\"naissance\" name=\"birth_date\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\" "
           "aria-describedby=\"naissance-aide\">\n"
           "<button type=\"submit\">Vérifier le titulaire</button>\n</form>\n";
}

// After an unknown or mistyped number: the same form, the typed number in it, to correct it.
std::string retypeForm(const std::string& number) {
    return "<h2>Corriger le numéro</h2>\n<form method=\"get\" action=\"/verify\">\n"
           "<label for=\"numero\">Numéro du diplôme <span class=\"aide\" id=\"numero-aide\">Imprimé en haut à "
           "droite, par exemple CERES-000000123-4</span></label>\n"
           "<input id=\"numero\" name=\"numero\" type=\"text\" required autocomplete=\"off\" "
           "aria-describedby=\"numero-aide\" value=\"" + escape(number) + "\">\n"
           "<button type=\"submit\">Vérifier le numéro</button>\n</form>\n";
}

std::string numberVerdict(const std::string& number, const VerifyResult& result) {
    const std::string n = "<strong>" + escape(number) + "</strong>";
    if (result.status == "valid") {
        return verdict("authentique", "<p>Le numéro " + n +
                                          " est celui d’un titre professionnel <strong>authentique</strong>, délivré "
                                          "par le ministère chargé de l’emploi.</p>\n");
    }
    if (result.status == "withdrawn") return withdrawnVerdict(result);
    if (result.status == "bad_check_character") {
        return verdict("inconnu", "<p>Le numéro " + n +
                                      " n’est pas un numéro valide : un caractère a été mal saisi. "
                                      "<strong>Vérifiez la saisie.</strong></p>\n");
    }
    return verdict("inconnu", "<p>Aucun titre professionnel portant le numéro " + n +
                                  " n’a été délivré par ce service. Vérifiez la saisie ; pour un diplôme plus ancien, "
                                  "adressez-vous à l’unité départementale qui l’a délivré.</p>\n");
}

std::string numberHeading(const VerifyResult& result) {
    if (result.status == "valid") return "Diplôme authentique";
    if (result.status == "withdrawn") return "Diplôme retiré";
    if (result.status == "bad_check_character") return "Numéro erroné";
    return "Numéro inconnu";
}

std::string codeHeading(const VerifyResult& result) {
    if (result.status == "valid") return "Diplôme authentique";
    if (result.status == "withdrawn") return "Diplôme retiré";
    if (result.status == "bad_signature") return "Diplôme falsifié ou modifié";
    if (result.status == "unknown_key") return "Signature inconnue";
    if (result.status == "bad_check_character") return "Numéro erroné";
    if (result.status == "unreadable_picture") return "Image illisible";
    return "Code non reconnu";
}

std::string codeVerdict(const VerifyResult& result) {
    if (result.status == "valid") {
        return verdict("authentique", "<p>La signature du code 2D est <strong>valide</strong> : les informations "
                                      "ci-dessous sont celles que le ministère chargé de l’emploi a signées. "
                                      "Comparez-les avec celles imprimées sur le diplôme.</p>\n");
    }
    if (result.status == "withdrawn") return withdrawnVerdict(result);
    if (result.status == "bad_signature") {
        return verdict("retire", "<p>La signature du code 2D ne correspond pas aux informations qu’il contient : "
                                 "ce document <strong>n’est pas authentique</strong> ou a été modifié.</p>\n");
    }
    if (result.status == "unknown_key") {
        return verdict("inconnu", "<p>Le code 2D est signé par une clé que ce service ne connaît pas : il n’a pas "
                                  "été délivré par le ministère chargé de l’emploi.</p>\n");
    }
    if (result.status == "bad_check_character") {
        return verdict("inconnu", "<p>Le numéro contenu dans le code 2D n’est pas valide : ce document n’est pas "
                                  "authentique.</p>\n");
    }
    if (result.status == "unreadable_picture") {
        return verdict("inconnu", "<p>Aucun code 2D lisible n’a été trouvé sur l’image envoyée. Reprenez la photo "
                                  "à plat, nette et bien éclairée, avec le code 2D entier, ou envoyez un scan du "
                                  "diplôme en PNG ou en JPEG.</p>\n");
    }
    return verdict("inconnu", "<p>Le code 2D lu n’est pas celui d’un titre professionnel.</p>\n");
}

std::string signedFields(const VerifyResult& result) {
    if (result.fields.empty()) return "";
    return "<h2>Informations signées</h2>\n<dl>\n" + row("Numéro", field(result, "unique_number")) +
           row("Nom", field(result, "last_name")) + row("Prénoms", field(result, "first_names")) +
           row("Date de naissance", longDate(field(result, "birth_date"))) +
           row("Titre professionnel", field(result, "title_code")) + row("Niveau", field(result, "level")) +
           row("Date de délivrance", longDate(field(result, "issued_on"))) +
           row("Unité départementale", field(result, "ud_code")) + row("Clé de signature", field(result, "key_id")) +
           "</dl>\n";
}

}  // namespace

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

std::string home(std::size_t max_picture_bytes, const std::string& error) {
    const std::string alert = error.empty() ? "" : verdict("inconnu", "<p>" + escape(error) + "</p>\n");
    return layout("Vérifier un diplôme",
                  "<h1>Vérifier un titre professionnel</h1>\n" + alert +
                      "<h2>Par son numéro</h2>\n<form method=\"get\" action=\"/verify\">\n"
                      "<label for=\"numero\">Numéro du diplôme <span class=\"aide\" id=\"numero-aide\">Imprimé en haut "
                      "à droite, par exemple CERES-000000123-4</span></label>\n"
                      "<input id=\"numero\" name=\"numero\" type=\"text\" required autocomplete=\"off\" "
                      "aria-describedby=\"numero-aide\">\n<button type=\"submit\">Vérifier le numéro</button>\n</form>\n"
                      "<h2>Par une photo ou un scan du diplôme</h2>\n"
                      "<p>Le code 2D imprimé sur le diplôme est lu et sa signature vérifiée : cela prouve que "
                      "l’exemplaire papier lui-même est authentique.</p>\n"
                      "<form method=\"post\" action=\"/v1/verify\" enctype=\"multipart/form-data\">\n"
                      "<label for=\"photo\">Photo ou scan du diplôme <span class=\"aide\" id=\"photo-aide\">PNG ou "
                      "JPEG, " + std::to_string(max_picture_bytes / (1024 * 1024)) +
                      " Mo au plus, le code 2D entier, net et à plat</span></label>\n"
                      "<input id=\"photo\" name=\"photo\" type=\"file\" required accept=\"image/png,image/jpeg\" "
                      "aria-describedby=\"photo-aide\">\n<button type=\"submit\">Vérifier la photo</button>\n</form>\n",
                  true);
}

std::string numberResult(const std::string& unique_number, const VerifyResult& result) {
    const std::string heading = numberHeading(result);
    std::string body = "<h1>" + heading + "</h1>\n" + numberVerdict(unique_number, result);
    if (!result.fields.empty())
        body += shownFields(result) + holderAnswer(result) + holderForm(unique_number);
    else
        body += retypeForm(unique_number);
    return layout(heading, body);
}

std::string codeResult(const VerifyResult& result) {
    const std::string heading = codeHeading(result);
    return layout(heading, "<h1>" + heading + "</h1>\n" + codeVerdict(result) + signedFields(result));
}

std::string problem(const std::string& heading, const std::string& message) {
    return layout(heading, "<h1>" + escape(heading) + "</h1>\n" + verdict("inconnu", "<p>" + escape(message) + "</p>\n"));
}

}  // namespace ceres::http::page
