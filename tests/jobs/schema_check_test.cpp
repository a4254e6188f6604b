// The compiled schema check (jobs/schema_check.h) answers for valid jobs without valijson: it must
// accept exactly what valijson accepts. Compared on every sample job, every seed of the
// validation fuzz target, and on thousands of variants of the samples (each field removed, given
// another type, emptied, made too long, an unknown field added), and a schema keyword the check
// does not know is refused when the schemas load, naming the file and the pointer.
#include <gtest/gtest.h>

#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "files.h"
#include "jobs/job.h"
#include "jobs/schema_check.h"
#include "jobs/schema_validator.h"

namespace fs = std::filesystem;
using ceres::jobs::SchemaCheck;
using ceres::jobs::SchemaValidator;
using ceres::jobs::test::readFile;

namespace {

const SchemaValidator& validator() {
    static SchemaValidator v(fs::path(CERES_SOURCE_DIR) / "schemas");
    return v;
}

std::string text(const rapidjson::Value& v) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return buffer.GetString();
}

struct Case {
    std::string name;
    std::string json;
};

// The verdicts of both checks on a job's text, parsed as a submission is (numbers typed the same
// way); nullopt when the text is not a JSON object at all.
std::optional<SchemaValidator::Verdicts> verdicts(const std::string& json) {
    auto parsed = ceres::jobs::parseJsonObject(json);
    if (!std::holds_alternative<std::shared_ptr<const rapidjson::Document>>(parsed)) return std::nullopt;
    return validator().verdicts(*std::get<std::shared_ptr<const rapidjson::Document>>(parsed));
}

// Variants of a job: at every place of the tree, the value replaced by values of other types and
// by strings at the edges of what schemas allow, every member removed, an unknown one added.
std::vector<Case> variants(const std::string& name, const std::string& json) {
    rapidjson::Document original;
    original.Parse(json.c_str());
    std::vector<Case> out;
    std::vector<std::string> places;  // JSON Pointers of every value, in document order
    std::function<void(const rapidjson::Value&, const std::string&)> walk = [&](const rapidjson::Value& v,
                                                                                const std::string& at) {
        places.push_back(at);
        if (v.IsObject())
            for (const auto& m : v.GetObject()) walk(m.value, at + "/" + m.name.GetString());
        else if (v.IsArray())
            for (rapidjson::SizeType i = 0; i < v.Size(); ++i) walk(v[i], at + "/" + std::to_string(i));
    };
    walk(original, "");
    const std::string long_text(300, 'x');
    std::string long_accented;
    for (int i = 0; i < 130; ++i) long_accented += "\xC3\xA9";  // 130 code points, 260 bytes
    const std::vector<std::pair<std::string, std::function<void(rapidjson::Value&, rapidjson::Document::AllocatorType&)>>>
        replacements = {
            {"null", [](rapidjson::Value& v, auto&) { v.SetNull(); }},
            {"true", [](rapidjson::Value& v, auto&) { v.SetBool(true); }},
            {"-1", [](rapidjson::Value& v, auto&) { v.SetInt64(-1); }},
            {"1.5", [](rapidjson::Value& v, auto&) { v.SetDouble(1.5); }},
            {"1e9", [](rapidjson::Value& v, auto&) { v.SetInt64(1000000000); }},
            {"\"\"", [](rapidjson::Value& v, auto& a) { v.SetString("", a); }},
            {"\"12\"", [](rapidjson::Value& v, auto& a) { v.SetString("12", a); }},
            {"long", [&](rapidjson::Value& v, auto& a) { v.SetString(long_text.c_str(), a); }},
            {"long accented", [&](rapidjson::Value& v, auto& a) { v.SetString(long_accented.c_str(), a); }},
            {"2025-02-30", [](rapidjson::Value& v, auto& a) { v.SetString("2025-02-30", a); }},
            {"siret zeros", [](rapidjson::Value& v, auto& a) { v.SetString("00000000000000", a); }},
            {"[]", [](rapidjson::Value& v, auto&) { v.SetArray(); }},
            {"{}", [](rapidjson::Value& v, auto&) { v.SetObject(); }},
        };
    for (const auto& place : places) {
        auto edited = [&](const std::string& what, auto&& change) {
            rapidjson::Document copy;
            copy.CopyFrom(original, copy.GetAllocator());
            rapidjson::Value* target = rapidjson::Pointer(place.c_str()).Get(copy);
            if (!target) return;
            if (!change(*target, copy.GetAllocator())) return;
            out.push_back({name + " " + (place.empty() ? "/" : place) + " " + what, text(copy)});
        };
        for (const auto& replacement : replacements) {
            const auto& replace = replacement.second;
            edited(replacement.first, [&](rapidjson::Value& v, auto& a) { replace(v, a); return true; });
        }
        edited("unknown member", [](rapidjson::Value& v, auto& a) {
            if (!v.IsObject()) return false;
            v.AddMember("zz_unknown", 1, a);
            return true;
        });
        rapidjson::Document probe;
        probe.CopyFrom(original, probe.GetAllocator());
        const rapidjson::Value* here = rapidjson::Pointer(place.c_str()).Get(probe);
        if (here && here->IsObject()) {
            for (const auto& m : here->GetObject()) {
                const std::string key = m.name.GetString();
                edited("without " + key, [&](rapidjson::Value& v, auto&) {
                    v.RemoveMember(key.c_str());
                    return true;
                });
            }
        }
        if (here && here->IsArray() && !here->Empty()) {
            edited("first item twice", [](rapidjson::Value& v, auto& a) {
                rapidjson::Value first(v[0], a);
                v.PushBack(first, a);
                return true;
            });
        }
    }
    return out;
}

std::vector<Case> samples() {
    std::vector<Case> cases;
    for (const auto& entry : fs::directory_iterator(fs::path(CERES_SOURCE_DIR) / "samples"))
        if (entry.path().extension() == ".json") cases.push_back({entry.path().filename().string(), readFile(entry.path())});
    std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
    return cases;
}

}  // namespace

TEST(SchemaCheck, AcceptsEverySampleJobAsValijsonDoes) {
    const auto cases = samples();
    ASSERT_GE(cases.size(), 7u);
    for (const auto& c : cases) {
        const auto v = verdicts(c.json);
        ASSERT_TRUE(v) << c.name;
        EXPECT_TRUE(v->valijson) << c.name;
        EXPECT_TRUE(v->compiled) << c.name;
    }
}

TEST(SchemaCheck, AgreesWithValijsonOnEverySeedOfTheValidationFuzzTarget) {
    int compared = 0, refused = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(CERES_SOURCE_DIR) / "fuzz" / "corpus" / "fuzz_validate")) {
        const auto v = verdicts(readFile(entry.path()));
        if (!v) continue;
        ++compared;
        refused += !v->valijson;
        EXPECT_EQ(v->compiled, v->valijson) << entry.path().filename();
    }
    EXPECT_GE(compared, 20);
    EXPECT_GE(refused, 1);  // the seeds hold refused jobs, not only valid ones
}

TEST(SchemaCheck, AgreesWithValijsonOnThousandsOfVariantsOfTheSamples) {
    int compared = 0, refused = 0;
    for (const auto& sample : samples()) {
        for (const auto& c : variants(sample.name, sample.json)) {
            const auto v = verdicts(c.json);
            if (!v) continue;  // the whole job replaced by a non-object: refused before any schema
            ++compared;
            refused += !v->valijson;
            EXPECT_EQ(v->compiled, v->valijson) << c.name << (v->valijson ? ": valijson accepts" : ": valijson refuses");
        }
    }
    EXPECT_GE(compared, 3000);
    EXPECT_GE(refused, compared / 2);
}

TEST(SchemaCheck, AKeywordItDoesNotKnowIsAnErrorAtLoadNamingTheFileAndPointer) {
    const fs::path dir = fs::temp_directory_path() / "ceres-schema-check-test";
    fs::create_directories(dir);
    std::ofstream(dir / "root.schema.json") << R"({"type": "object", "properties": {"a": {"$ref": "other.schema.json#/definitions/x"}}})";
    std::ofstream(dir / "other.schema.json") << R"({"definitions": {"x": {"type": "string", "format": "email"}}})";
    try {
        SchemaCheck check(dir, "root.schema.json");
        FAIL() << "a schema with 'format' loaded";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "schema other.schema.json at /definitions/x: keyword 'format' is not supported");
    }
    fs::remove_all(dir);
}

TEST(SchemaCheck, LengthsCountCodePointsAndRefersToItselfWithoutLooping) {
    const fs::path dir = fs::temp_directory_path() / "ceres-schema-check-test-2";
    fs::create_directories(dir);
    std::ofstream(dir / "tree.schema.json") << R"({"definitions": {"node": {"type": "object", "additionalProperties": false,
        "properties": {"name": {"type": "string", "maxLength": 3}, "child": {"$ref": "#/definitions/node"}}}},
        "$ref": "#/definitions/node"})";
    SchemaCheck check(dir, "tree.schema.json");
    auto accepts = [&](const char* json) {
        rapidjson::Document d;
        d.Parse(json);
        return check.accepts(d);
    };
    EXPECT_TRUE(accepts(R"({"name": "\u00e9\u00e9\u00e9", "child": {"name": "abc", "child": {}}})"));
    EXPECT_FALSE(accepts(R"({"name": "abcd"})"));
    EXPECT_FALSE(accepts(R"({"child": {"child": {"other": 1}}})"));
    fs::remove_all(dir);
}
