#include "seal/code_format.h"

#include <cstdio>
#include <optional>

#include "domain/date.h"
#include "domain/parchemin_number.h"
#include "domain/printed_text.h"

namespace ceres::seal {
namespace {

constexpr std::string_view kMarker = "DC";
constexpr std::string_view kVersion = "04";
constexpr std::string_view kDocumentType = "TP";
constexpr std::string_view kPerimeter = "01";
constexpr std::string_view kCountry = "FR";
constexpr std::string_view kNoDate = "FFFF";
constexpr std::size_t kHeaderSize = 26;

enum class Kind {
    Number,  // A-Z, 0-9 and '-'; a CERES number's check digit is verified on its own
    Code,    // A-Z, 0-9 and '-'
    Name,    // UTF-8 text without control characters or '<'
    Date,    // fixed 8 digits DDMMYYYY
};

struct FieldSpec {
    std::string_view id;
    std::string_view name;
    std::string ParcheminFields::*member;
    Kind kind;
    std::size_t min_bytes;
    std::size_t max_bytes;
};

// In code order; every field is mandatory and appears once.
constexpr FieldSpec kFields[] = {
    {"10", "unique_number", &ParcheminFields::unique_number, Kind::Number, 4, 40},
    {"11", "last_name", &ParcheminFields::last_name, Kind::Name, 1, domain::kMaxSealedNameBytes},
    {"12", "first_names", &ParcheminFields::first_names, Kind::Name, 1, domain::kMaxSealedNameBytes},
    {"13", "birth_date", &ParcheminFields::birth_date, Kind::Date, 8, 8},
    {"14", "title_code", &ParcheminFields::title_code, Kind::Code, 1, 12},
    {"15", "level", &ParcheminFields::level, Kind::Code, 1, 3},
    {"16", "issued_on", &ParcheminFields::issued_on, Kind::Date, 8, 8},
    {"17", "ud_code", &ParcheminFields::ud_code, Kind::Code, 2, 3},
};
constexpr std::size_t kFieldCount = sizeof kFields / sizeof kFields[0];

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isUpperAlnum(char c) { return isDigit(c) || (c >= 'A' && c <= 'Z'); }

bool allOf(std::string_view text, bool (*accepted)(char)) {
    for (char c : text) {
        if (!accepted(c)) return false;
    }
    return true;
}

bool isCodeCharacter(char c) { return isUpperAlnum(c) || c == '-'; }

// The names' character rule is the domain's, so validation refuses up front what sealing would.
bool validName(std::string_view text) { return domain::isSealableName(text); }

int digitsValue(std::string_view digits) {
    int value = 0;
    for (char c : digits) value = value * 10 + (c - '0');
    return value;
}

// The header's 4 hex digits: days since 2000-01-01 (the origin of domain::Date's day count),
// FFFF when the date is not representable.
std::string headerDate(const domain::Date& d) {
    if (!domain::isSealableDate(d)) return std::string(kNoDate);
    char text[8];
    std::snprintf(text, sizeof text, "%04lX", d.daysSinceEpoch());
    return text;
}

[[noreturn]] void refuse(const FieldSpec& spec, const std::string& why) {
    throw std::invalid_argument("cannot seal " + std::string(spec.name) + ": " + why);
}

domain::Date requireIsoDate(std::string_view name, const std::string& text) {
    const auto date = domain::Date::parse(text);
    if (!date) {
        throw std::invalid_argument("cannot seal " + std::string(name) + ": '" + text +
                                    "' is not a date YYYY-MM-DD");
    }
    return *date;
}

std::string encodeValue(const FieldSpec& spec, const std::string& value) {
    switch (spec.kind) {
        case Kind::Date:
            requireIsoDate(spec.name, value);
            return value.substr(8, 2) + value.substr(5, 2) + value.substr(0, 4);
        case Kind::Number:
        case Kind::Code:
            if (!allOf(value, isCodeCharacter)) refuse(spec, "only A-Z, 0-9 and '-' are allowed");
            if (spec.kind == Kind::Number && !domain::hasValidCheckCharacter(value)) {
                refuse(spec, "'" + value + "' starts like a CERES number but its format or check digit is wrong");
            }
            break;
        case Kind::Name:
            if (!validName(value)) refuse(spec, "not UTF-8 text free of control characters and '<'");
            break;
    }
    if (value.size() < spec.min_bytes || value.size() > spec.max_bytes) {
        refuse(spec, "length must be " + std::to_string(spec.min_bytes) + " to " +
                         std::to_string(spec.max_bytes) + " bytes");
    }
    return value;
}

std::string composeHeader(const ParcheminFields& fields, std::string_view key_id) {
    const domain::Date issued = requireIsoDate("issued_on", fields.issued_on);
    const domain::Date signed_on = requireIsoDate("signed_on", fields.signed_on);
    const std::string signature_date = headerDate(signed_on);
    if (signature_date == kNoDate) {
        throw std::invalid_argument("cannot seal signed_on: must lie between 2000-01-01 and 2179");
    }
    std::string header;
    header.reserve(kHeaderSize);
    header.append(kMarker).append(kVersion).append(kAuthorityId).append(key_id);
    header.append(headerDate(issued)).append(signature_date);
    header.append(kDocumentType).append(kPerimeter).append(kCountry);
    return header;
}

// Reads a code front to back; every failure is a MalformedCode naming what was expected.
class Reader {
public:
    explicit Reader(std::string_view text) : text_(text) {}

    std::string_view take(std::size_t count, std::string_view what) {
        if (text_.size() - position_ < count) fail("ends before " + std::string(what));
        const std::string_view part = text_.substr(position_, count);
        position_ += count;
        return part;
    }

    void expect(std::string_view literal, std::string_view what) {
        if (take(literal.size(), what) != literal) {
            fail(std::string(what) + " is not " + std::string(literal));
        }
    }

    std::string_view takeUntilSeparator(std::string_view what) {
        const std::size_t end = text_.find(kGroupSeparator, position_);
        if (end == std::string_view::npos) fail(std::string(what) + " has no GS terminator");
        const std::string_view part = text_.substr(position_, end - position_);
        position_ = end + 1;
        return part;
    }

    std::string_view takeRest() {
        const std::string_view part = text_.substr(position_);
        position_ = text_.size();
        return part;
    }

    [[noreturn]] static void fail(const std::string& why) { throw MalformedCode(why); }

private:
    std::string_view text_;
    std::size_t position_ = 0;
};

std::string_view readAlnum4(Reader& reader, std::string_view what) {
    const std::string_view value = reader.take(4, what);
    if (!allOf(value, isUpperAlnum)) Reader::fail(std::string(what) + " is not 4 characters A-Z, 0-9");
    return value;
}

bool isUpperHex(char c) { return isDigit(c) || (c >= 'A' && c <= 'F'); }

std::string_view readHeaderDate(Reader& reader, std::string_view what) {
    const std::string_view hex = reader.take(4, what);
    if (!allOf(hex, isUpperHex)) Reader::fail(std::string(what) + " is not 4 upper-case hex digits");
    return hex;
}

domain::Date dateFromHeader(std::string_view hex) {
    return domain::Date::fromDaysSinceEpoch(std::stol(std::string(hex), nullptr, 16));
}

std::string decodeValue(const FieldSpec& spec, std::string_view raw) {
    const std::string what = "field " + std::string(spec.id) + " (" + std::string(spec.name) + ")";
    if (raw.size() < spec.min_bytes || raw.size() > spec.max_bytes) Reader::fail(what + " has a wrong length");
    switch (spec.kind) {
        case Kind::Date: {
            if (!allOf(raw, isDigit)) Reader::fail(what + " is not 8 digits DDMMYYYY");
            const auto d = domain::Date::fromYmd(digitsValue(raw.substr(4, 4)), digitsValue(raw.substr(2, 2)),
                                                 digitsValue(raw.substr(0, 2)));
            if (!d) Reader::fail(what + " is not a calendar date");
            return d->iso();
        }
        case Kind::Number:
        case Kind::Code:
            if (!allOf(raw, isCodeCharacter)) Reader::fail(what + " holds characters other than A-Z, 0-9, '-'");
            break;
        case Kind::Name:
            if (!validName(raw)) Reader::fail(what + " is not UTF-8 text free of control characters");
            break;
    }
    return std::string(raw);
}

void readMessage(Reader& reader, ParcheminFields& fields) {
    for (std::size_t i = 0; i < kFieldCount; ++i) {
        const FieldSpec& spec = kFields[i];
        reader.expect(spec.id, "field id " + std::string(spec.id));
        const bool last = i + 1 == kFieldCount;
        const std::string_view raw = spec.kind == Kind::Date ? reader.take(8, spec.name)
                                     : last                 ? reader.takeRest()
                                                            : reader.takeUntilSeparator(spec.name);
        fields.*spec.member = decodeValue(spec, raw);
    }
}

}  // namespace

bool validKeyId(std::string_view key_id) { return key_id.size() == 4 && allOf(key_id, isUpperAlnum); }

std::string composeSignedPart(const ParcheminFields& fields, std::string_view key_id) {
    if (!validKeyId(key_id)) {
        throw std::invalid_argument("key id '" + std::string(key_id) + "' is not 4 characters A-Z, 0-9");
    }
    std::string code = composeHeader(fields, key_id);
    for (std::size_t i = 0; i < kFieldCount; ++i) {
        const FieldSpec& spec = kFields[i];
        code.append(spec.id).append(encodeValue(spec, fields.*spec.member));
        if (spec.kind != Kind::Date && i + 1 < kFieldCount) code.push_back(kGroupSeparator);
    }
    return code;
}

CodeParts parseCode(std::string_view code) {
    const std::size_t separator = code.find(kUnitSeparator);
    if (separator == std::string_view::npos) Reader::fail("no US before the signature");
    CodeParts parts;
    parts.signed_part = code.substr(0, separator);
    parts.signature_text = code.substr(separator + 1);

    Reader reader(parts.signed_part);
    reader.expect(kMarker, "marker");
    reader.expect(kVersion, "version");
    parts.authority_id = std::string(readAlnum4(reader, "authority id"));
    parts.key_id = std::string(readAlnum4(reader, "key id"));
    const std::string_view issue_hex = readHeaderDate(reader, "issue date");
    const std::string_view signature_hex = readHeaderDate(reader, "signature date");
    if (signature_hex == kNoDate) Reader::fail("signature date is missing");
    parts.fields.signed_on = dateFromHeader(signature_hex).iso();
    reader.expect(kDocumentType, "document type");
    reader.expect(kPerimeter, "perimeter");
    reader.expect(kCountry, "country");
    readMessage(reader, parts.fields);
    if (headerDate(*domain::Date::parse(parts.fields.issued_on)) != issue_hex) {
        Reader::fail("header issue date differs from field 16");
    }
    return parts;
}

}  // namespace ceres::seal
