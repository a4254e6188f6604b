#include "http/verification_endpoints.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <sstream>

#include "domain/codes.h"
#include "domain/date.h"
#include "http/access.h"
#include "http/verify_page.h"

namespace ceres::http {
namespace {

using Poco::JSON::Object;
using Poco::Net::HTTPResponse;

const std::string kJsonType = "application/json";
const std::string kFormType = "application/x-www-form-urlencoded";
const std::string kMultipartType = "multipart/form-data";
constexpr std::size_t kMaxSmallBodyBytes = 64 * 1024;
constexpr std::size_t kMultipartOverheadBytes = 64 * 1024;
constexpr std::size_t kMaxReasonBytes = 2000;

// A field the visitor must fix: `message` for programs, `french` for the page.
class InputError : public std::runtime_error {
public:
    InputError(std::string pointer, const std::string& message, std::string french)
        : std::runtime_error(message), pointer_(std::move(pointer)), french_(std::move(french)) {}
    const std::string& pointer() const { return pointer_; }
    const std::string& french() const { return french_; }

private:
    std::string pointer_;
    std::string french_;
};

Object ordered() { return Object(Poco::JSON_PRESERVE_KEY_ORDER); }

std::string text(const Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

// A browser asks for text/html before application/json; programs (curl's */*, fetch's
// application/json) get JSON.
bool wantsHtml(const Poco::Net::HTTPServerRequest& request) {
    const std::string accept = Poco::toLower(request.get("Accept", ""));
    const auto html = accept.find("text/html");
    return html != std::string::npos && html < accept.find(kJsonType);
}

void sendHtml(Exchange& exchange, Status status, const std::string& html) {
    beginResponse(exchange, status);
    exchange.response.setContentType("text/html; charset=utf-8");
    exchange.response.set("Content-Security-Policy",
                          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    exchange.response.setContentLength64(static_cast<Poco::Int64>(html.size()));
    exchange.response.send() << html;
}

const char* holderText(HolderMatch match) {
    return match == HolderMatch::Matches ? "matches" : "does_not_match";
}

// Every answer has the same keys, whatever the number: only validity tells them apart.
Object verifyJson(const VerifyResult& result) {
    Object json = ordered();
    json.set("valid", result.valid);
    json.set("status", result.status);
    json.set("reason", result.reason);
    Object fields = ordered();
    for (const auto& [name, value] : result.fields) fields.set(name, value);
    json.set("fields", fields);
    if (result.withdrawal) {
        Object withdrawal = ordered();
        withdrawal.set("date", result.withdrawal->date);
        if (result.withdrawal->reason.empty())
            withdrawal.set("reason", Poco::Dynamic::Var());
        else
            withdrawal.set("reason", result.withdrawal->reason);
        json.set("withdrawal", withdrawal);
    } else {
        json.set("withdrawal", Poco::Dynamic::Var());
    }
    if (result.holder == HolderMatch::NotAsked)
        json.set("holder_match", Poco::Dynamic::Var());
    else
        json.set("holder_match", std::string(holderText(result.holder)));
    return json;
}

Object withdrawalJson(const WithdrawalView& w) {
    Object json = ordered();
    json.set("unique_number", w.unique_number);
    json.set("date", w.date);
    json.set("reason", w.reason);
    json.set("reason_public", w.reason_public);
    Object by = ordered();
    by.set("user", w.recorded_by.user);
    by.set("profile", std::string(domain::code(w.recorded_by.profile)));
    by.set("perimeter", w.recorded_by.perimeter);
    json.set("recorded_by", by);
    json.set("recorded_at", w.recorded_at);
    return json;
}

void sendVerify(Exchange& exchange, const VerifyResult& result, const std::string& html) {
    exchange.response.set("Vary", "Accept");
    exchange.response.set("Cache-Control", "no-store");
    if (wantsHtml(exchange.request)) return sendHtml(exchange, HTTPResponse::HTTP_OK, html);
    sendJson(exchange, HTTPResponse::HTTP_OK, text(verifyJson(result)));
}

// Name/value pairs of a form (URL-encoded) or of a flat JSON object of strings.
std::map<std::string, std::string> formFields(Exchange& exchange) {
    const std::string body = readBody(exchange, kMaxSmallBodyBytes, {kFormType, kJsonType});
    std::map<std::string, std::string> fields;
    if (mediaTypeOf(exchange.request) == kFormType) {
        Poco::Net::HTMLForm form;
        form.read(body);
        for (const auto& [name, value] : form) fields[name] = value;
        return fields;
    }
    Object::Ptr object;
    try {
        object = Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
    } catch (const Poco::Exception&) {
        throw InputError("", "the body is not a JSON object", "La demande est illisible.");
    }
    for (const auto& [name, value] : *object) {
        if (value.isString()) fields[name] = value.extract<std::string>();
    }
    return fields;
}

// "28/02/1979" or "1979-02-28" as YYYY-MM-DD; empty stays empty.
std::string birthDateFrom(const std::string& typed) {
    const std::string value = Poco::trim(typed);
    if (value.empty()) return value;
    std::string iso = value;
    if (value.size() == 10 && value[2] == '/' && value[5] == '/') {
        iso = value.substr(6, 4) + "-" + value.substr(3, 2) + "-" + value.substr(0, 2);
    }
    if (!domain::Date::parse(iso)) {
        throw InputError("/birth_date", "birth_date must be a day, DD/MM/YYYY or YYYY-MM-DD",
                         "La date de naissance doit s’écrire JJ/MM/AAAA, par exemple 28/02/1979.");
    }
    return iso;
}

HolderClaim holderClaimFrom(const std::map<std::string, std::string>& fields) {
    const auto name = fields.find("last_name");
    const std::string last_name = name == fields.end() ? "" : Poco::trim(name->second);
    if (last_name.empty()) {
        throw InputError("/last_name", "a non-empty last_name is required",
                         "Saisissez le nom de famille du titulaire.");
    }
    const auto birth = fields.find("birth_date");
    return {last_name, birthDateFrom(birth == fields.end() ? "" : birth->second)};
}

class PhotoPart : public Poco::Net::PartHandler {
public:
    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
        Poco::Net::NameValueCollection params;
        std::string disposition;
        Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
        if (params.get("name", "") != "photo") return;
        Poco::StreamCopier::copyToString(stream, bytes);
    }
    std::string bytes;
};

std::string photoFrom(Exchange& exchange, const std::string& body) {
    PhotoPart photo;
    std::istringstream stream(body);
    try {
        Poco::Net::HTMLForm form;
        form.load(exchange.request, stream, photo);
    } catch (const Poco::Exception&) {
        throw InputError("/photo", "the multipart body cannot be read", "L’envoi du fichier a échoué : réessayez.");
    }
    if (photo.bytes.empty()) {
        throw InputError("/photo", "a non-empty part \"photo\" is required",
                         "Choisissez la photo ou le scan du diplôme à envoyer.");
    }
    return photo.bytes;
}

std::string codeFrom(Exchange& exchange, const std::string& body) {
    std::string code = body;
    if (mediaTypeOf(exchange.request) == kJsonType) {
        Object::Ptr object;
        try {
            object = Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
        } catch (const Poco::Exception&) {
        }
        code = object && object->has("code") && object->get("code").isString() ? object->getValue<std::string>("code") : "";
        if (code.empty()) throw InputError("/code", "a non-empty string \"code\" is required", "Saisissez le code.");
    }
    while (!code.empty() && (code.back() == '\n' || code.back() == '\r')) code.pop_back();
    return code;
}

WithdrawalRequest withdrawalRequestFrom(const std::string& body, std::vector<jobs::Problem>& problems) {
    Object::Ptr object;
    try {
        object = Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
    } catch (const Poco::Exception&) {
        problems.push_back({"", "schema", "the body must be a JSON object"});
        return {};
    }
    WithdrawalRequest request;
    request.date = object->optValue<std::string>("date", "");
    request.reason = Poco::trim(object->optValue<std::string>("reason", ""));
    if (!object->has("date") || !object->get("date").isString() || !domain::Date::parse(request.date))
        problems.push_back({"/date", "schema", "date is required, a day written YYYY-MM-DD"});
    if (!object->has("reason") || !object->get("reason").isString() || request.reason.empty() ||
        request.reason.size() > kMaxReasonBytes)
        problems.push_back({"/reason", "schema", "reason is required, 1 to " + std::to_string(kMaxReasonBytes) + " bytes"});
    // The reason is signed in the withdrawal list, whose fields control characters separate.
    else if (std::any_of(request.reason.begin(), request.reason.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == '\x7f'; }))
        problems.push_back({"/reason", "schema", "reason must not hold control characters (tabs, line breaks...)"});
    if (object->has("reason_public")) {
        if (object->get("reason_public").isBoolean())
            request.reason_public = object->getValue<bool>("reason_public");
        else
            problems.push_back({"/reason_public", "schema", "reason_public must be true or false"});
    }
    return request;
}

// The address the rate limit counts: the peer's, or behind a trusted proxy the client that its
// X-Forwarded-For names (every such header, in order).
std::string clientOf(const Poco::Net::HTTPServerRequest& request, const TrustedProxies& proxies) {
    const Poco::Net::IPAddress peer = request.clientAddress().host();
    if (proxies.empty()) return peer.toString();
    std::string forwarded;
    for (auto it = request.find("X-Forwarded-For"); it != request.end() && Poco::icompare(it->first, "X-Forwarded-For") == 0;
         ++it) {
        forwarded += (forwarded.empty() ? "" : ",") + it->second;
    }
    return proxies.clientOf(peer, forwarded);
}

std::string frenchProblem(const ClientError& e) {
    if (e.status() == HTTPResponse::HTTP_REQUESTENTITYTOOLARGE) return "Le fichier envoyé est trop volumineux.";
    if (e.status() == HTTPResponse::HTTP_UNSUPPORTEDMEDIATYPE) return "Ce type d’envoi n’est pas accepté.";
    return "La demande n’a pas pu être traitée.";
}

}  // namespace

VerificationEndpoints::VerificationEndpoints(Backend& backend, PublicOptions options)
    : backend_(backend), options_(options), limiter_(options.rate_limit) {}

void VerificationEndpoints::install(Router& router) {
    router.add({"GET", "/verify", Access::Public, limited(&VerificationEndpoints::home)});
    router.add({"GET", "/v1/verify/{unique_number}", Access::Public, limited(&VerificationEndpoints::byNumber)});
    router.add({"POST", "/v1/verify/{unique_number}", Access::Public, limited(&VerificationEndpoints::confirmHolder)});
    router.add({"POST", "/v1/verify", Access::Public, limited(&VerificationEndpoints::byCode)});
    router.add({"GET", "/v1/withdrawals", Access::Public, limited(&VerificationEndpoints::withdrawals)});
    router.add({"POST", "/v1/parchemins/{unique_number}/withdraw", Access::Authenticated,
                bound(&VerificationEndpoints::withdraw)});
}

Handler VerificationEndpoints::limited(Method method) {
    return [this, method](Exchange& exchange) {
        const bool html = wantsHtml(exchange.request);
        if (const auto wait = limiter_.admit(clientOf(exchange.request, options_.trusted_proxies))) {
            exchange.response.set("Retry-After", std::to_string(*wait));
            if (!html) throw ClientError(HTTPResponse::HTTP_TOO_MANY_REQUESTS, "rate_limit",
                                         "too many requests from this address; retry after " + std::to_string(*wait) + " s");
            return sendHtml(exchange, HTTPResponse::HTTP_TOO_MANY_REQUESTS,
                            page::problem("Trop de demandes", "Vous avez fait beaucoup de vérifications en peu de "
                                                              "temps. Réessayez dans " + std::to_string(*wait) +
                                                              " seconde(s)."));
        }
        try {
            (this->*method)(exchange);
        } catch (const InputError& e) {
            if (html) return sendHtml(exchange, HTTPResponse::HTTP_BAD_REQUEST, page::problem("Saisie à corriger", e.french()));
            sendProblems(exchange, HTTPResponse::HTTP_BAD_REQUEST, {jobs::Problem{e.pointer(), "schema", e.what()}});
        } catch (const ClientError& e) {
            if (!html) throw;
            sendHtml(exchange, e.status(), page::problem("Demande refusée", frenchProblem(e)));
        }
    };
}

Handler VerificationEndpoints::bound(Method method) {
    return [this, method](Exchange& exchange) { (this->*method)(exchange); };
}

// The home form sends the number as ?numero=…; the answer lives at its own address.
void VerificationEndpoints::home(Exchange& exchange) {
    const auto query = Poco::URI(exchange.request.getURI()).getQueryParameters();
    for (const auto& [name, value] : query) {
        if (name != "numero") continue;
        const std::string number = Poco::toUpper(Poco::trim(value));
        if (number.empty()) {
            return sendHtml(exchange, HTTPResponse::HTTP_BAD_REQUEST,
                            page::home(options_.max_picture_bytes, "Saisissez le numéro du diplôme."));
        }
        std::string path;
        Poco::URI::encode(number, "/?#%", path);
        exchange.response.set("Location", "/v1/verify/" + path);
        beginResponse(exchange, HTTPResponse::HTTP_SEE_OTHER);
        exchange.response.setContentLength64(0);
        exchange.response.send();
        return;
    }
    sendHtml(exchange, HTTPResponse::HTTP_OK, page::home(options_.max_picture_bytes));
}

void VerificationEndpoints::byNumber(Exchange& exchange) {
    answerNumber(exchange, exchange.param("unique_number"), std::nullopt);
}

void VerificationEndpoints::confirmHolder(Exchange& exchange) {
    answerNumber(exchange, exchange.param("unique_number"), holderClaimFrom(formFields(exchange)));
}

void VerificationEndpoints::answerNumber(Exchange& exchange, const std::string& number,
                                         const std::optional<HolderClaim>& claim) {
    const VerifyResult result = backend_.verifyNumber(number, claim);
    sendVerify(exchange, result, page::numberResult(number, result));
}

// The barcode content as text/plain or {"code": "..."}, or a picture of the diploma as the part
// "photo" of a multipart form.
void VerificationEndpoints::byCode(Exchange& exchange) {
    const bool multipart = mediaTypeOf(exchange.request) == kMultipartType;
    const std::string body =
        readBody(exchange, multipart ? options_.max_picture_bytes + kMultipartOverheadBytes : kMaxSmallBodyBytes,
                 {kJsonType, "text/plain", kMultipartType});
    const VerifyResult result =
        multipart ? backend_.verifyPicture(photoFrom(exchange, body)) : backend_.verifyCode(codeFrom(exchange, body));
    sendVerify(exchange, result, page::codeResult(result));
}

void VerificationEndpoints::withdrawals(Exchange& exchange) {
    exchange.response.set("Cache-Control", "no-cache");
    sendJson(exchange, HTTPResponse::HTTP_OK, backend_.withdrawalList());
}

// R-DOC-7: the UD of the parchemin's perimeter, or SERVICE. A parchemin outside the caller's
// perimeter is not found, as a document would be.
void VerificationEndpoints::withdraw(Exchange& exchange) {
    const Caller& caller = *exchange.caller;
    if (caller.profile != domain::Profile::Ud && caller.profile != domain::Profile::Service) {
        throw ClientError(HTTPResponse::HTTP_FORBIDDEN, "profile", "only a UD or SERVICE may withdraw a parchemin");
    }
    const std::string& number = exchange.param("unique_number");
    const auto perimeter = backend_.parcheminPerimeter(number);
    if (!perimeter || !withinPerimeter(caller, *perimeter)) {
        throw ClientError(HTTPResponse::HTTP_NOT_FOUND, "not_found", "no such parchemin");
    }
    std::vector<jobs::Problem> problems;
    const WithdrawalRequest request = withdrawalRequestFrom(readBody(exchange, kMaxSmallBodyBytes, {kJsonType}), problems);
    if (!problems.empty()) return sendProblems(exchange, HTTPResponse::HTTP_BAD_REQUEST, problems);
    const WithdrawResult result = backend_.withdraw(number, request, caller);
    const WithdrawalView& w = result.withdrawal;
    switch (result.outcome) {
        case WithdrawResult::Outcome::Recorded:
            Poco::Logger::get("ceres.audit")
                .notice("parchemin " + number + " withdrawn on " + w.date + " by " + caller.user + " (" +
                        std::string(domain::code(caller.profile)) + " " + caller.perimeter + ")");
            exchange.response.set("Location", "/v1/verify/" + number);
            return sendJson(exchange, HTTPResponse::HTTP_CREATED, text(withdrawalJson(w)));
        case WithdrawResult::Outcome::AlreadyWithdrawn:
            return sendError(exchange, HTTPResponse::HTTP_CONFLICT, "R-DOC-7",
                             "parchemin " + number + " was already withdrawn on " + w.date + " (recorded " +
                                 w.recorded_at + " by " + w.recorded_by.user + "); a withdrawal is never changed");
        case WithdrawResult::Outcome::Refused:
            return sendProblems(exchange, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, result.problems);
    }
}

}  // namespace ceres::http
