#include "jobs/schema_validator.h"

#include "jobs/kinds.h"

#include <Poco/JSON/Parser.h>
#include <valijson/adapters/poco_json_adapter.hpp>
#include <valijson/adapters/rapidjson_adapter.hpp>
#include <valijson/constraints/concrete_constraints.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "domain/date.h"
#include "domain/outcome.h"
#include "domain/siret.h"
#include "jobs/pattern.h"
#include "jobs/schema_check.h"

namespace ceres::jobs {
namespace {

using valijson::adapters::Adapter;
using valijson::adapters::PocoJsonAdapter;

// A custom keyword whose value `true` applies `check` to string values.
template <typename Derived>
class StringCheckConstraint : public valijson::constraints::PolyConstraint {
public:
    bool validate(const Adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        if (!target.isString()) return true;
        const std::string value = target.asString();
        if (Derived::accepts(value)) return true;
        if (results) results->pushError(context, Derived::expectation());
        return false;
    }

private:
    valijson::constraints::Constraint* cloneInto(void* ptr) const override {
        return new (ptr) Derived();
    }
    size_t sizeOf() const override { return sizeof(Derived); }
};

struct CalendarDateConstraint : StringCheckConstraint<CalendarDateConstraint> {
    static bool accepts(const std::string& v) { return domain::Date::parse(v).has_value(); }
    static const char* expectation() { return "expected a real calendar date YYYY-MM-DD"; }
};

struct SiretConstraint : StringCheckConstraint<SiretConstraint> {
    static bool accepts(const std::string& v) { return domain::isValidSiret(v); }
    static const char* expectation() {
        return "expected a SIRET of 14 digits with a valid Luhn sum, or the recovery centre's 13 zeros (R-ETB-1)";
    }
};

// `pattern`, matched by jobs::Pattern instead of valijson's std::regex (which dominated the
// validation of big jobs); same failures, same message.
class PatternCheckConstraint : public valijson::constraints::PolyConstraint {
public:
    explicit PatternCheckConstraint(std::shared_ptr<const Pattern> pattern) : pattern_(std::move(pattern)) {}

    bool validate(const Adapter& target, const std::vector<std::string>& context,
                  valijson::ValidationResults* results) const override {
        if (!target.isString()) return true;
        if (pattern_->search(target.asString())) return true;
        if (results) results->pushError(context, "Failed to match regex specified by 'pattern' constraint.");
        return false;
    }

private:
    valijson::constraints::Constraint* cloneInto(void* ptr) const override {
        return new (ptr) PatternCheckConstraint(pattern_);
    }
    size_t sizeOf() const override { return sizeof(PatternCheckConstraint); }

    std::shared_ptr<const Pattern> pattern_;
};

class PatternBuilder : public valijson::ConstraintBuilder {
public:
    valijson::constraints::Constraint* make(const Adapter& value) const override {
        if (!value.isString()) throw std::runtime_error("'pattern' must be a string");
        return new PatternCheckConstraint(std::make_shared<const Pattern>(value.asString()));
    }
};

// The keyword valijson is given for `pattern`, so that its own std::regex one never applies.
constexpr const char* kPatternKeyword = "x-ceres-pattern";

void renamePatterns(const Poco::Dynamic::Var& node) {
    if (node.type() == typeid(Poco::JSON::Object::Ptr)) {
        Poco::JSON::Object::Ptr object = node.extract<Poco::JSON::Object::Ptr>();
        if (object->has("pattern") && object->get("pattern").isString()) {
            const std::string pattern = object->getValue<std::string>("pattern");
            object->remove("pattern");
            object->set(kPatternKeyword, pattern);
        }
        for (const auto& [key, child] : *object) renamePatterns(child);
    } else if (node.type() == typeid(Poco::JSON::Array::Ptr)) {
        for (const auto& child : *node.extract<Poco::JSON::Array::Ptr>()) renamePatterns(child);
    }
}

template <typename C>
class FlagBuilder : public valijson::ConstraintBuilder {
public:
    valijson::constraints::Constraint* make(const Adapter& value) const override {
        if (!value.maybeBool() || !value.asBool()) return nullptr;
        return new C();
    }
};

Poco::Dynamic::Var loadJson(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read schema " + file.string());
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return Poco::JSON::Parser().parse(text.str());
    } catch (const Poco::Exception& e) {
        throw std::runtime_error("schema " + file.string() + " is not valid JSON: " + e.displayText());
    }
}

// Finds the subschema that applies at an instance path, following properties, items, $ref and
// allOf, to tell the caller what was expected there.
class SchemaWalker {
public:
    SchemaWalker(const std::filesystem::path& dir, const std::string& root_file) : dir_(dir), root_file_(root_file) {}

    std::string expectation(const std::vector<std::string>& path) {
        auto node = resolve(document(root_file_), root_file_);
        for (const auto& part : path) {
            if (!node.first) return {};
            node = child(node.first, part, node.second);
        }
        return node.first ? describe(node.first, node.second) : std::string();
    }

private:
    using Node = std::pair<Poco::JSON::Object::Ptr, std::string>;  // subschema and the file it is in

    Poco::JSON::Object::Ptr document(const std::string& file) {
        auto& doc = cache_[file];
        if (!doc) doc = loadJson(dir_ / file).extract<Poco::JSON::Object::Ptr>();
        return doc;
    }

    Node resolve(Poco::JSON::Object::Ptr node, std::string file) {
        for (int hops = 0; node && node->has("$ref") && hops < 16; ++hops) {
            const std::string ref = node->getValue<std::string>("$ref");
            const auto hash = ref.find('#');
            if (hash > 0 && hash != std::string::npos) file = ref.substr(0, hash);
            node = document(file);
            std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
            std::size_t at = 1;
            while (node && at < pointer.size()) {
                const auto next = pointer.find('/', at);
                node = node->getObject(pointer.substr(at, next - at));
                at = next == std::string::npos ? pointer.size() : next + 1;
            }
        }
        if (node && node->has("allOf")) {
            const auto first = node->getArray("allOf")->getObject(0);
            return resolve(first, file);
        }
        return {node, file};
    }

    Node child(const Poco::JSON::Object::Ptr& node, const std::string& part, const std::string& file) {
        if (auto props = node->getObject("properties"); props && props->has(part))
            return resolve(props->getObject(part), file);
        if (auto items = node->getObject("items")) return resolve(items, file);
        if (auto extra = node->getObject("additionalProperties")) return resolve(extra, file);
        if (node->has("oneOf")) {
            auto options = node->getArray("oneOf");
            for (std::size_t i = 0; i < options->size(); ++i) {
                auto option = resolve(options->getObject(i), file);
                if (option.first && !option.first->has("enum") && option.first->has("properties"))
                    return child(option.first, part, file);
            }
        }
        return {nullptr, file};
    }

    static std::string describe(const Poco::JSON::Object::Ptr& node, const std::string&) {
        if (node->has("description")) return node->getValue<std::string>("description");
        if (auto values = node->getArray("enum")) {
            std::string list;
            for (std::size_t i = 0; i < values->size(); ++i) list += (i ? ", " : "") + values->getElement<std::string>(i);
            return "one of " + list;
        }
        std::string type = node->has("type") && node->get("type").isString() ? node->getValue<std::string>("type") : "";
        if (node->has("pattern")) return (type.empty() ? "a value" : "a " + type) + " matching " + node->getValue<std::string>("pattern");
        if (type == "integer" || type == "number") {
            std::string range = "an " + type;
            if (node->has("minimum")) range += " from " + node->get("minimum").toString();
            if (node->has("maximum")) range += " to " + node->get("maximum").toString();
            return range;
        }
        if (type == "string" && node->has("minLength")) return "a non-empty string";
        return type.empty() ? std::string() : (type == "object" || type == "array" ? "an " : "a ") + type;
    }

    std::filesystem::path dir_;
    std::string root_file_;
    std::map<std::string, Poco::JSON::Object::Ptr> cache_;
};

// The last 'quoted' word of a valijson message: the property it is about.
std::string lastQuoted(const std::string& text) {
    const auto close = text.rfind('\'');
    const auto open = close == std::string::npos || close == 0 ? std::string::npos : text.rfind('\'', close - 1);
    return open == std::string::npos ? std::string() : text.substr(open + 1, close - open - 1);
}

// A rule id such as R-ETB-1 cited in a keyword's message.
std::string citedRule(const std::string& message) {
    const auto at = message.find("(R-");
    const auto end = at == std::string::npos ? at : message.find(')', at);
    return end == std::string::npos ? std::string() : message.substr(at + 1, end - at - 1);
}

bool isPrefix(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return a.size() < b.size() && std::equal(a.begin(), a.end(), b.begin());
}

// valijson reports a failure at every level from the leaf up; callers want the leaves.
// valijson reports a path as ["<root>", "[payload]", "[candidates]", "[0]"].
std::vector<std::string> pathParts(const std::vector<std::string>& context) {
    std::vector<std::string> parts;
    for (std::size_t i = 1; i < context.size(); ++i) {
        std::string part = context[i];
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') part = part.substr(1, part.size() - 2);
        if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
        parts.push_back(part);
    }
    return parts;
}

std::string toPointer(const std::vector<std::string>& context, const std::string& prefix) {
    std::string pointer = prefix;
    for (const auto& part : pathParts(context)) pointer += "/" + domain::jsonPointerToken(part);
    return pointer;
}

// Rewrites valijson's message into one that names the field and what was expected.
Problem explain(const valijson::ValidationResults::Error& e, const std::string& prefix, SchemaWalker& walker) {
    std::vector<std::string> path = pathParts(e.context);
    const std::string& raw = e.description;
    if (raw.rfind("Missing required property", 0) == 0) {
        path.push_back(lastQuoted(raw));
        const std::string expected = walker.expectation(path);
        return {toPointer(e.context, prefix) + "/" + domain::jsonPointerToken(path.back()), "",
                "required field '" + path.back() + "' is missing" + (expected.empty() ? "" : ": expected " + expected)};
    }
    if (raw.find("could not be validated using 'properties' or 'additionalProperties'") != std::string::npos) {
        const std::string field = lastQuoted(raw);
        return {toPointer(e.context, prefix) + "/" + domain::jsonPointerToken(field), "",
                "unknown field '" + field + "': not part of the schema (check its spelling)"};
    }
    const std::string expected = walker.expectation(path);
    std::string message = expected.empty() ? raw : "expected " + expected;
    if (raw.rfind("expected", 0) == 0) message = raw;
    return {toPointer(e.context, prefix), citedRule(message), message};
}

std::vector<Problem> leafProblems(const valijson::ValidationResults& results, const std::string& prefix,
                                  SchemaWalker& walker) {
    std::vector<valijson::ValidationResults::Error> errors(results.begin(), results.end());
    std::vector<Problem> problems;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& e : errors) {
        bool has_deeper = false;
        for (const auto& other : errors) has_deeper = has_deeper || isPrefix(e.context, other.context);
        if (has_deeper) continue;
        Problem p = explain(e, prefix, walker);
        if (seen.insert({p.pointer, p.message}).second) problems.push_back(std::move(p));
    }
    return problems;
}

}  // namespace

struct SchemaValidator::Impl {
    std::filesystem::path dir;
    valijson::Schema envelope;
    std::map<std::string, valijson::Schema> payloads;
    std::unique_ptr<SchemaCheck> quick_envelope;
    std::map<std::string, std::unique_ptr<SchemaCheck>> quick_payloads;

    void load(const std::string& file, valijson::Schema& schema) {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        // The parser takes ownership of its builders. The pattern one first: valijson checks
        // custom keywords in this order, after its own, and `pattern` came before the others.
        parser.addConstraintBuilder(kPatternKeyword, new PatternBuilder());
        parser.addConstraintBuilder("x-calendar-date", new FlagBuilder<CalendarDateConstraint>());
        parser.addConstraintBuilder("x-siret", new FlagBuilder<SiretConstraint>());
        const Poco::Dynamic::Var doc = loadJson(dir / file);
        renamePatterns(doc);
        auto fetch = [this](const std::string& uri) -> const Poco::Dynamic::Var* {
            auto* fetched = new Poco::Dynamic::Var(loadJson(dir / std::filesystem::path(uri).filename()));
            renamePatterns(*fetched);
            return fetched;
        };
        auto free_doc = [](const Poco::Dynamic::Var* d) { delete d; };
        try {
            parser.populateSchema(PocoJsonAdapter(doc), schema, fetch, free_doc);
        } catch (const std::exception& e) {
            throw std::runtime_error("schema " + (dir / file).string() + ": " + e.what());
        }
    }
};

SchemaValidator::SchemaValidator(const std::filesystem::path& schema_dir) : impl_(std::make_unique<Impl>()) {
    impl_->dir = schema_dir;
    impl_->load("job.schema.json", impl_->envelope);
    impl_->quick_envelope = std::make_unique<SchemaCheck>(schema_dir, "job.schema.json");
    for (const auto& kind : kinds()) {
        impl_->load(kind + ".schema.json", impl_->payloads[kind]);
        impl_->quick_payloads[kind] = std::make_unique<SchemaCheck>(schema_dir, kind + ".schema.json");
    }
}

SchemaValidator::~SchemaValidator() = default;

const std::vector<std::string>& SchemaValidator::kinds() { return kindNames(); }

namespace {

// The errors of an invalid value, from valijson's own visitor (it names each path).
bool validWithResults(const valijson::Subschema& schema, const valijson::adapters::RapidJsonAdapter& target,
                      valijson::ValidationResults& results) {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    return validator.validate(schema, target, &results);
}

}  // namespace

SchemaValidator::Verdicts SchemaValidator::verdicts(const rapidjson::Value& job) const {
    using valijson::adapters::RapidJsonAdapter;
    Verdicts v;
    valijson::ValidationResults ignored;
    auto payloadOf = [&](auto check) {
        const std::string kind = job["kind"].GetString();
        return check(kind, job["payload"]);
    };
    v.compiled = impl_->quick_envelope->accepts(job) && payloadOf([&](const std::string& kind, const rapidjson::Value& p) {
                     return impl_->quick_payloads.at(kind)->accepts(p);
                 });
    v.valijson = validWithResults(impl_->envelope, RapidJsonAdapter(job), ignored) &&
                 payloadOf([&](const std::string& kind, const rapidjson::Value& p) {
                     return validWithResults(impl_->payloads.at(kind), RapidJsonAdapter(p), ignored);
                 });
    return v;
}

std::vector<Problem> SchemaValidator::validate(const rapidjson::Value& job) const {
    using valijson::adapters::RapidJsonAdapter;
    // Most jobs are valid: the compiled check answers for them (schema_check.h); an invalid one is
    // validated again by valijson, which reports every error with its pointer.
    valijson::ValidationResults results;
    if (!impl_->quick_envelope->accepts(job) &&
        !validWithResults(impl_->envelope, RapidJsonAdapter(job), results)) {
        SchemaWalker walker(impl_->dir, "job.schema.json");
        return leafProblems(results, "", walker);
    }
    const std::string kind = job["kind"].GetString();
    const valijson::Subschema& payload = impl_->payloads.at(kind);
    valijson::ValidationResults payload_results;
    if (!impl_->quick_payloads.at(kind)->accepts(job["payload"]) &&
        !validWithResults(payload, RapidJsonAdapter(job["payload"]), payload_results)) {
        SchemaWalker walker(impl_->dir, kind + ".schema.json");
        return leafProblems(payload_results, "/payload", walker);
    }
    return {};
}

}  // namespace ceres::jobs
