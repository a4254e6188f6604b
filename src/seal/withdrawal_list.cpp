#include "seal/withdrawal_list.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <ctime>
#include <sstream>

#include "domain/date.h"
#include "seal/code_format.h"

namespace ceres::seal {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr std::string_view kFormat = "ceres-withdrawals/1";
constexpr char kRecordSeparator = '\x1e';

std::string signedBytes(const WithdrawalList& list) {
    std::string bytes;
    for (std::string_view part : {kFormat, kAuthorityId, std::string_view(list.key_id), std::string_view(list.issued_at)}) {
        bytes.append(part).push_back(kUnitSeparator);
    }
    bytes.back() = kRecordSeparator;
    for (const auto& entry : list.withdrawn) {
        bytes.append(entry.unique_number).push_back(kUnitSeparator);
        bytes.append(entry.withdrawn_on).push_back(kUnitSeparator);
        bytes.append(entry.reason).push_back(kRecordSeparator);
    }
    return bytes;
}

ListVerification refused(std::string reason) { return {false, std::move(reason), {}}; }

std::string text(const Object::Ptr& object, const std::string& name) {
    if (!object || !object->has(name) || !object->get(name).isString()) {
        throw std::invalid_argument("\"" + name + "\" is missing or not a string");
    }
    return object->getValue<std::string>(name);
}

WithdrawalList listFrom(const Object::Ptr& root) {
    if (text(root, "format") != kFormat) throw std::invalid_argument("the format is not " + std::string(kFormat));
    if (text(root, "authority") != kAuthorityId) throw std::invalid_argument("the authority is not CE00");
    WithdrawalList list{text(root, "key_id"), text(root, "issued_at"), {}};
    if (!issueTimeOf(list.issued_at))
        throw std::invalid_argument("\"issued_at\" is not a UTC time written YYYY-MM-DDTHH:MM:SSZ");
    const Array::Ptr entries = root->getArray("withdrawn");
    if (!entries) throw std::invalid_argument("\"withdrawn\" is missing or not an array");
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const Object::Ptr entry = entries->getObject(i);
        const std::string at = "withdrawn/" + std::to_string(i) + "/";
        if (!entry) throw std::invalid_argument("\"" + at.substr(0, at.size() - 1) + "\" is not an object");
        WithdrawnNumber w{text(entry, "unique_number"), text(entry, "withdrawn_on"), ""};
        if (!domain::Date::parse(w.withdrawn_on))
            throw std::invalid_argument("\"" + at + "withdrawn_on\" is not a day written YYYY-MM-DD");
        if (entry->has("reason")) {
            w.reason = text(entry, "reason");
            if (w.reason.empty()) throw std::invalid_argument("\"" + at + "reason\" is empty");
        }
        list.withdrawn.push_back(std::move(w));
    }
    return list;
}

int digits(std::string_view text, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> issueTimeOf(std::string_view issued_at) {
    if (issued_at.size() != 20 || issued_at[10] != 'T' || issued_at[13] != ':' || issued_at[16] != ':' ||
        issued_at[19] != 'Z')
        return std::nullopt;
    const auto day = domain::Date::parse(issued_at.substr(0, 10));
    const int hour = digits(issued_at, 11, 2), minute = digits(issued_at, 14, 2), second = digits(issued_at, 17, 2);
    if (!day || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return std::nullopt;
    std::tm tm{};
    tm.tm_year = day->year() - 1900;
    tm.tm_mon = day->month() - 1;
    tm.tm_mday = day->day();
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

std::string freshnessProblem(const WithdrawalList& list, std::chrono::system_clock::time_point now,
                             std::chrono::seconds max_age, std::chrono::seconds skew) {
    const auto issued = issueTimeOf(list.issued_at);
    if (!issued) return "the list's issue time " + list.issued_at + " is not written YYYY-MM-DDTHH:MM:SSZ";
    if (*issued > now + skew) return "the list is dated " + list.issued_at + ", in the future: it was not issued by the service";
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(now - *issued);
    if (age > max_age) {
        return "the list was issued at " + list.issued_at + ", " + std::to_string(age.count() / 86400) +
               " days ago, more than the " + std::to_string(max_age.count() / 86400) +
               " days accepted: withdrawals recorded since are missing; fetch a fresh one from GET /v1/withdrawals";
    }
    return "";
}

std::optional<WithdrawnNumber> WithdrawalList::find(std::string_view unique_number) const {
    for (const auto& entry : withdrawn) {
        if (entry.unique_number == unique_number) return entry;
    }
    return std::nullopt;
}

std::string signWithdrawalList(const Sealer& sealer, const std::string& issued_at,
                               const std::vector<WithdrawnNumber>& withdrawn) {
    const WithdrawalList list{sealer.keyId(), issued_at, withdrawn};
    Object root(Poco::JSON_PRESERVE_KEY_ORDER);
    root.set("format", std::string(kFormat));
    root.set("authority", std::string(kAuthorityId));
    root.set("key_id", list.key_id);
    root.set("issued_at", list.issued_at);
    Array entries;
    for (const auto& w : withdrawn) {
        Object entry(Poco::JSON_PRESERVE_KEY_ORDER);
        entry.set("unique_number", w.unique_number);
        entry.set("withdrawn_on", w.withdrawn_on);
        if (!w.reason.empty()) entry.set("reason", w.reason);
        entries.add(entry);
    }
    root.set("withdrawn", entries);
    root.set("signature", sealer.signDetached(signedBytes(list)));
    std::ostringstream out;
    root.stringify(out);
    return out.str();
}

ListVerification verifyWithdrawalList(const Verifier& verifier, std::string_view json_text) {
    WithdrawalList list;
    std::string signature;
    try {
        const auto root = Poco::JSON::Parser().parse(std::string(json_text)).extract<Object::Ptr>();
        list = listFrom(root);
        signature = text(root, "signature");
    } catch (const std::exception& e) {
        return refused(std::string("not a withdrawal list: ") + e.what());
    }
    switch (verifier.verifyDetached(list.key_id, signedBytes(list), signature)) {
        case VerifyStatus::Valid: return {true, "", std::move(list)};
        case VerifyStatus::UnknownKey: return refused("the list is signed with key " + list.key_id + ", which is not a known key");
        case VerifyStatus::Malformed: return refused("not a withdrawal list: the signature is not 103 Base32 characters");
        default: return refused("the list's signature does not hold: it was altered or not issued with this key");
    }
}

}  // namespace ceres::seal
