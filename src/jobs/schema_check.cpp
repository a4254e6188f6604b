#include "jobs/schema_check.h"

#include <rapidjson/error/en.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "domain/date.h"
#include "domain/siret.h"
#include "jobs/pattern.h"

namespace ceres::jobs {

enum TypeBit : unsigned {
    kNull = 1, kBoolean = 2, kInteger = 4, kNumber = 8, kString = 16, kArray = 32, kObject = 64,
};

struct SchemaCheck::Node {
    const Node* ref = nullptr;  // `$ref`: then nothing else of this node applies (draft-07)
    unsigned types = 0;         // 0: any type
    struct Property {
        std::string name;
        const Node* node;
        bool required;  // listed in `required`
    };
    std::vector<Property> properties;  // sorted by name
    std::vector<std::string> required;
    // `required` checked while the members are read: the names that are also properties are
    // counted as they are met (a job's keys are unique), the others looked up.
    std::size_t required_properties = 0;
    std::vector<std::string> required_elsewhere;
    bool additional_allowed = true;
    const Node* additional = nullptr;
    const Node* property_names = nullptr;
    std::optional<std::size_t> max_properties;
    const Node* items = nullptr;
    std::optional<std::size_t> min_items, max_items, min_length, max_length;
    std::optional<double> minimum, maximum;
    bool has_enum = false;
    std::vector<std::string> enum_strings;
    std::unique_ptr<Pattern> pattern;
    bool calendar_date = false, siret = false;
    std::vector<const Node*> all_of, one_of;

    bool accepts(const rapidjson::Value& v) const;
};

namespace {

unsigned typeBit(const std::string& name) {
    if (name == "null") return kNull;
    if (name == "boolean") return kBoolean;
    if (name == "integer") return kInteger;
    if (name == "number") return kNumber;
    if (name == "string") return kString;
    if (name == "array") return kArray;
    if (name == "object") return kObject;
    return 0;
}

bool hasType(unsigned types, const rapidjson::Value& v) {
    switch (v.GetType()) {
        case rapidjson::kNullType: return types & kNull;
        case rapidjson::kFalseType:
        case rapidjson::kTrueType: return types & kBoolean;
        case rapidjson::kStringType: return types & kString;
        case rapidjson::kArrayType: return types & kArray;
        case rapidjson::kObjectType: return types & kObject;
        case rapidjson::kNumberType:
            if (types & kNumber) return true;
            return (types & kInteger) && !v.IsDouble();
    }
    return false;
}

// Code points as valijson counts them: a sequence is a byte and the continuation bytes after it.
std::size_t codePoints(const char* s, std::size_t n) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) count += i == 0 || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    return count;
}

bool stringKeywords(const SchemaCheck::Node& node, const char* s, std::size_t n);
bool nameAccepted(const SchemaCheck::Node& node, std::string_view name);

}  // namespace

bool SchemaCheck::Node::accepts(const rapidjson::Value& v) const {
    if (ref) return ref->accepts(v);
    if (types && !hasType(types, v)) return false;
    for (const Node* n : all_of)
        if (!n->accepts(v)) return false;
    if (!one_of.empty()) {
        int matched = 0;
        for (const Node* n : one_of) matched += n->accepts(v);
        if (matched != 1) return false;
    }
    if (v.IsString()) {
        if (!stringKeywords(*this, v.GetString(), v.GetStringLength())) return false;
    } else if (v.IsNumber()) {
        const double d = v.GetDouble();
        if (minimum && d < *minimum) return false;
        if (maximum && d > *maximum) return false;
    } else if (v.IsArray()) {
        const std::size_t size = v.Size();
        if (min_items && size < *min_items) return false;
        if (max_items && size > *max_items) return false;
        if (items)
            for (const auto& item : v.GetArray())
                if (!items->accepts(item)) return false;
    } else if (v.IsObject()) {
        if (max_properties && v.MemberCount() > *max_properties) return false;
        for (const auto& name : required_elsewhere)
            if (!v.HasMember(rapidjson::StringRef(name.data(), name.size()))) return false;
        std::size_t required_met = 0;
        for (const auto& member : v.GetObject()) {
            const std::string_view key(member.name.GetString(), member.name.GetStringLength());
            if (property_names && !nameAccepted(*property_names, key)) return false;
            const auto at = std::lower_bound(properties.begin(), properties.end(), key,
                                             [](const Property& p, std::string_view k) { return p.name < k; });
            if (at != properties.end() && at->name == key) {
                required_met += at->required;
                if (!at->node->accepts(member.value)) return false;
            } else if (!additional_allowed) {
                return false;
            } else if (additional && !additional->accepts(member.value)) {
                return false;
            }
        }
        if (required_met != required_properties) return false;
    }
    if (has_enum) {
        if (!v.IsString()) return false;
        const std::string_view s(v.GetString(), v.GetStringLength());
        if (std::find(enum_strings.begin(), enum_strings.end(), s) == enum_strings.end()) return false;
    }
    return true;
}

namespace {

// The keywords that apply to a string value (`enum` is checked for every type, by the caller).
bool stringKeywords(const SchemaCheck::Node& node, const char* s, std::size_t n) {
    if (node.min_length || node.max_length) {
        const std::size_t length = codePoints(s, n);
        if (node.min_length && length < *node.min_length) return false;
        if (node.max_length && length > *node.max_length) return false;
    }
    if (node.pattern && !node.pattern->search(std::string_view(s, n))) return false;
    if (node.calendar_date && !domain::Date::parse(std::string(s, n))) return false;
    if (node.siret && !domain::isValidSiret(std::string(s, n))) return false;
    return true;
}

// A property name, checked as the string value it is against the whole of `propertyNames`.
bool nameAccepted(const SchemaCheck::Node& node, std::string_view name) {
    rapidjson::Value value(rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size())));
    return node.accepts(value);
}

std::string pointerToken(const std::string& pointer, std::size_t& at) {
    const auto next = pointer.find('/', at);
    std::string token = pointer.substr(at, next == std::string::npos ? std::string::npos : next - at);
    at = next == std::string::npos ? pointer.size() + 1 : next + 1;
    std::string out;
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size()) out += token[++i] == '1' ? '/' : '~';
        else out += token[i];
    }
    return out;
}

}  // namespace

SchemaCheck::SchemaCheck(const std::filesystem::path& dir, const std::string& file) : dir_(dir) {
    root_ = &compile(file, "");
}

SchemaCheck::~SchemaCheck() = default;

bool SchemaCheck::accepts(const rapidjson::Value& value) const { return root_->accepts(value); }

const rapidjson::Document& SchemaCheck::document(const std::string& file) {
    auto found = files_.find(file);
    if (found != files_.end()) return found->second;
    std::ifstream in(dir_ / file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read schema " + (dir_ / file).string());
    std::ostringstream text;
    text << in.rdbuf();
    rapidjson::Document& doc = files_[file];
    doc.Parse(text.str().c_str());
    if (doc.HasParseError())
        throw std::runtime_error("schema " + (dir_ / file).string() + " is not valid JSON: " +
                                 rapidjson::GetParseError_En(doc.GetParseError()));
    return doc;
}

const SchemaCheck::Node& SchemaCheck::compile(const std::string& file, const std::string& pointer) {
    const std::string key = file + "#" + pointer;
    if (auto found = nodes_.find(key); found != nodes_.end()) return *found->second;
    // Registered before it is filled, so that a schema referring to itself ends.
    Node& node = *(nodes_[key] = std::make_unique<Node>());
    const rapidjson::Value* at = &document(file);
    if (!pointer.empty()) {
        if (pointer.front() != '/') throw std::runtime_error("schema " + file + ": '" + pointer + "' is not a JSON Pointer");
        for (std::size_t i = 1; i <= pointer.size();) {
            const std::string token = pointerToken(pointer, i);
            if (at->IsObject() && at->HasMember(token.c_str())) at = &(*at)[token.c_str()];
            else if (at->IsArray() && !token.empty() && token.size() < 6 &&
                     token.find_first_not_of("0123456789") == std::string::npos && std::stoul(token) < at->Size())
                at = &(*at)[static_cast<rapidjson::SizeType>(std::stoul(token))];
            else throw std::runtime_error("schema " + file + ": nothing at " + pointer);
        }
    }
    fill(node, *at, file, pointer);
    return node;
}

void SchemaCheck::fill(Node& node, const rapidjson::Value& schema, const std::string& file, const std::string& pointer) {
    auto fail = [&](const std::string& what) -> std::runtime_error {
        return std::runtime_error("schema " + file + " at " + (pointer.empty() ? "/" : pointer) + ": " + what);
    };
    if (schema.IsBool()) throw fail("a boolean schema is not supported");
    if (!schema.IsObject()) throw fail("a schema must be an object");
    auto count = [&](const rapidjson::Value& v, const char* name) -> std::size_t {
        if (!v.IsUint64()) throw fail(std::string("'") + name + "' must be a non-negative integer");
        return static_cast<std::size_t>(v.GetUint64());
    };
    auto sub = [&](const std::string& suffix) -> const Node& { return compile(file, pointer + suffix); };
    if (schema.HasMember("$ref")) {
        const auto& ref = schema["$ref"];
        if (!ref.IsString()) throw fail("'$ref' must be a string");
        const std::string text = ref.GetString();
        const auto hash = text.find('#');
        const std::string target_file = hash == 0 ? file : std::filesystem::path(text.substr(0, hash)).filename().string();
        const std::string target_pointer = hash == std::string::npos ? "" : text.substr(hash + 1);
        node.ref = &compile(target_file, target_pointer);
        return;
    }
    for (const auto& member : schema.GetObject()) {
        const std::string name = member.name.GetString();
        const rapidjson::Value& v = member.value;
        const std::string here = "/" + name;
        if (name == "$schema" || name == "$id" || name == "title" || name == "description" || name == "definitions" ||
            name == "$comment") {
            continue;
        } else if (name == "type") {
            auto add = [&](const rapidjson::Value& t) {
                const unsigned bit = t.IsString() ? typeBit(t.GetString()) : 0;
                if (!bit) throw fail("unknown type");
                node.types |= bit;
            };
            if (v.IsArray()) {
                for (const auto& t : v.GetArray()) add(t);
            } else {
                add(v);
            }
        } else if (name == "properties") {
            if (!v.IsObject()) throw fail("'properties' must be an object");
            for (const auto& p : v.GetObject()) {
                std::string property = p.name.GetString();
                std::string token;
                for (char c : property) token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
                node.properties.push_back({property, &sub("/properties/" + token), false});
            }
            std::sort(node.properties.begin(), node.properties.end(),
                      [](const auto& a, const auto& b) { return a.name < b.name; });
        } else if (name == "required") {
            if (!v.IsArray()) throw fail("'required' must be an array");
            for (const auto& r : v.GetArray()) {
                if (!r.IsString()) throw fail("'required' must list strings");
                node.required.emplace_back(r.GetString(), r.GetStringLength());
            }
        } else if (name == "additionalProperties") {
            if (v.IsBool()) node.additional_allowed = v.GetBool();
            else node.additional = &sub(here);
        } else if (name == "propertyNames") {
            node.property_names = &sub(here);
        } else if (name == "maxProperties") {
            node.max_properties = count(v, "maxProperties");
        } else if (name == "items") {
            if (!v.IsObject()) throw fail("'items' must be one schema");
            node.items = &sub(here);
        } else if (name == "minItems") {
            node.min_items = count(v, "minItems");
        } else if (name == "maxItems") {
            node.max_items = count(v, "maxItems");
        } else if (name == "minLength") {
            node.min_length = count(v, "minLength");
        } else if (name == "maxLength") {
            node.max_length = count(v, "maxLength");
        } else if (name == "minimum" || name == "maximum") {
            if (!v.IsNumber()) throw fail("'" + name + "' must be a number");
            (name == "minimum" ? node.minimum : node.maximum) = v.GetDouble();
        } else if (name == "enum") {
            if (!v.IsArray()) throw fail("'enum' must be an array");
            node.has_enum = true;
            for (const auto& e : v.GetArray()) {
                if (!e.IsString()) throw fail("only string values are supported in 'enum'");
                node.enum_strings.emplace_back(e.GetString(), e.GetStringLength());
            }
        } else if (name == "pattern") {
            if (!v.IsString()) throw fail("'pattern' must be a string");
            node.pattern = std::make_unique<Pattern>(v.GetString());
        } else if (name == "x-calendar-date" || name == "x-siret") {
            if (!v.IsBool()) throw fail("'" + name + "' must be a boolean");
            (name == "x-siret" ? node.siret : node.calendar_date) = v.GetBool();
        } else if (name == "allOf" || name == "oneOf") {
            if (!v.IsArray() || v.Empty()) throw fail("'" + name + "' must be a non-empty array");
            for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
                (name == "allOf" ? node.all_of : node.one_of).push_back(&sub(here + "/" + std::to_string(i)));
        } else {
            throw fail("keyword '" + name + "' is not supported");
        }
    }
    for (const std::string& name : node.required) {
        const auto at = std::lower_bound(node.properties.begin(), node.properties.end(), name,
                                         [](const Node::Property& p, const std::string& k) { return p.name < k; });
        if (at != node.properties.end() && at->name == name) {
            node.required_properties += !at->required;  // a name listed twice counts once
            at->required = true;
        } else {
            node.required_elsewhere.push_back(name);
        }
    }
}

}  // namespace ceres::jobs
