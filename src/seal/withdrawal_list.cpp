#include "seal/withdrawal_list.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

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
        bytes.append(entry.withdrawn_on).push_back(kRecordSeparator);
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
    const Array::Ptr entries = root->getArray("withdrawn");
    if (!entries) throw std::invalid_argument("\"withdrawn\" is missing or not an array");
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const Object::Ptr entry = entries->getObject(i);
        list.withdrawn.push_back({text(entry, "unique_number"), text(entry, "withdrawn_on")});
    }
    return list;
}

}  // namespace

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
