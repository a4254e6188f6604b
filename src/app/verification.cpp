#include "app/verification.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Timestamp.h>

#include <chrono>

#include "domain/codes.h"
#include "domain/date.h"
#include "domain/first_name.h"
#include "domain/parchemin_number.h"
#include "seal/barcode_reader.h"
#include "seal/picture.h"
#include "seal/verifier.h"
#include "seal/withdrawal_list.h"
#include "store/store.h"

namespace ceres::app {
namespace {

using Poco::JSON::Object;

std::string isoUtc(store::TimePoint time) {
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
    return Poco::DateTimeFormatter::format(Poco::Timestamp(micros), "%Y-%m-%dT%H:%M:%SZ");
}

http::WithdrawalView viewOf(const store::WithdrawalRecord& w) {
    const auto profile = domain::parseProfile(w.profile);
    if (!profile) throw std::runtime_error("the withdrawal of " + w.unique_number + " names the unknown profile '" + w.profile + "'");
    return {w.unique_number, w.withdrawn_on, w.reason, w.reason_public, {w.user, *profile, w.perimeter},
            isoUtc(w.recorded_at)};
}

std::string textAt(const Object::Ptr& object, const std::string& name) {
    return object ? object->optValue<std::string>(name, "") : "";
}

// What the registry kept of an issued parchemin (jobs/parchemins.cpp, parcheminRecordData).
struct Issued {
    std::map<std::string, std::string> shown;  // what the holder shows anyway
    std::string last_name;
    std::string birth_date;  // YYYY-MM-DD
    std::string region;
};

Issued issuedFrom(const jobs::ParcheminRecord& record) {
    const auto root = Poco::JSON::Parser().parse(record.data_json).extract<Object::Ptr>();
    const Object::Ptr data = root->getObject("data");
    const Object::Ptr fields = root->getObject("fields");
    const Object::Ptr title = data ? data->getObject("title") : nullptr;
    Issued issued;
    issued.shown = {{"unique_number", record.unique_number},
                    {"title_code", textAt(title, "code")},
                    {"title_libelle", textAt(title, "libelle")},
                    {"level", textAt(fields, "level")},
                    {"issued_on", record.issued_on},
                    {"place_of_issue", textAt(data ? data->getObject("issue") : nullptr, "place")},
                    {"ud_code", record.ud_code}};
    issued.last_name = textAt(fields, "last_name");
    issued.birth_date = textAt(fields, "birth_date");
    issued.region = textAt(data ? data->getObject("ud") : nullptr, "region");
    return issued;
}

// R-CAN-2's folding: case and accents do not matter, the stored value is never echoed.
http::HolderMatch holderMatch(const Issued& issued, const http::HolderClaim& claim) {
    const bool name = domain::foldForComparison(claim.last_name) == domain::foldForComparison(issued.last_name);
    const bool birth = claim.birth_date.empty() || claim.birth_date == issued.birth_date;
    return name && birth ? http::HolderMatch::Matches : http::HolderMatch::DoesNotMatch;
}

void markWithdrawn(http::VerifyResult& result, const store::WithdrawalRecord& w) {
    result.valid = false;
    result.status = "withdrawn";
    result.reason = "this parchemin was withdrawn on " + w.withdrawn_on;
    http::WithdrawalView view = viewOf(w);
    view.recorded_by = {};
    view.recorded_at.clear();
    if (!view.reason_public) view.reason.clear();
    result.withdrawal = view;
}

}  // namespace

Verification::Verification(store::Store& store, const seal::Verifier& verifier, const seal::Sealer& sealer)
    : store_(store), verifier_(verifier), sealer_(sealer) {}

http::VerifyResult Verification::byNumber(const std::string& unique_number,
                                          const std::optional<http::HolderClaim>& claim) {
    http::VerifyResult result;
    if (!domain::hasValidCheckCharacter(unique_number)) {
        result.status = "bad_check_character";
        result.reason = "the number's check character does not match: it was mistyped or altered";
        return result;
    }
    const auto record = store_.parchemins().findByNumber(unique_number);
    const auto withdrawal = store_.withdrawals().find(unique_number);
    if (!record) {
        result.status = "unknown";
        result.reason = "no parchemin with this number was issued";
        return result;
    }
    const Issued issued = issuedFrom(*record);
    result.valid = true;
    result.status = "valid";
    result.fields = issued.shown;
    if (claim) result.holder = holderMatch(issued, *claim);
    if (withdrawal) markWithdrawn(result, *withdrawal);
    return result;
}

http::VerifyResult Verification::byCode(const std::string& code) {
    const seal::Verification v = verifier_.verify(code);
    http::VerifyResult result;
    result.valid = v.valid();
    result.status = seal::toString(v.status);
    result.reason = v.reason;
    if (!v.valid()) return result;
    result.fields = {{"unique_number", v.fields.unique_number}, {"last_name", v.fields.last_name},
                     {"first_names", v.fields.first_names},     {"birth_date", v.fields.birth_date},
                     {"title_code", v.fields.title_code},       {"level", v.fields.level},
                     {"issued_on", v.fields.issued_on},         {"ud_code", v.fields.ud_code},
                     {"key_id", v.key_id}};
    if (const auto withdrawal = store_.withdrawals().find(v.fields.unique_number)) markWithdrawn(result, *withdrawal);
    return result;
}

http::VerifyResult Verification::byPicture(const std::string& picture) {
    http::VerifyResult unreadable;
    unreadable.status = "unreadable_picture";
    try {
        if (const auto code = seal::findDataMatrix(seal::decodePicture(picture))) return byCode(*code);
        unreadable.reason = "no DataMatrix code could be read on the picture";
    } catch (const seal::PictureError& e) {
        unreadable.reason = e.what();
    }
    return unreadable;
}

std::optional<http::Perimeter> Verification::perimeterOf(const std::string& unique_number) {
    const auto record = store_.parchemins().findByNumber(unique_number);
    if (!record) return std::nullopt;
    return http::Perimeter{record->ud_code, issuedFrom(*record).region, ""};
}

http::WithdrawResult Verification::withdraw(const std::string& unique_number, const http::WithdrawalRequest& request,
                                            const http::Caller& caller) {
    http::WithdrawResult result;
    const auto record = store_.parchemins().findByNumber(unique_number);
    if (!record) throw std::runtime_error("parchemin " + unique_number + " vanished while being withdrawn");
    if (request.date < record->issued_on) {
        result.outcome = http::WithdrawResult::Outcome::Refused;
        result.problems.push_back({"/date", "R-DOC-7",
                                   "a parchemin cannot be withdrawn before its date of issue, " + record->issued_on});
        return result;
    }
    const auto [stored, recorded] = store_.withdrawals().record({unique_number, request.date, request.reason,
                                                                 request.reason_public, caller.user,
                                                                 std::string(domain::code(caller.profile)),
                                                                 caller.perimeter, {}});
    result.outcome = recorded ? http::WithdrawResult::Outcome::Recorded : http::WithdrawResult::Outcome::AlreadyWithdrawn;
    result.withdrawal = viewOf(stored);
    return result;
}

std::string Verification::signedWithdrawalList() {
    std::vector<seal::WithdrawnNumber> withdrawn;
    for (const auto& w : store_.withdrawals().all())
        withdrawn.push_back({w.unique_number, w.withdrawn_on, w.reason_public ? w.reason : ""});
    return seal::signWithdrawalList(sealer_, isoUtc(store_.database().now()), withdrawn);
}

}  // namespace ceres::app
