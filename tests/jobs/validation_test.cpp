// What a caller sees when submitting a job: reference payloads accepted as they are, every
// malformed case refused as invalid input (exit 2) with the JSON Pointer of the bad field.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jobs/job.h"
#include "jobs/parchemins.h"
#include "jobs/pipeline.h"

namespace fs = std::filesystem;
using ceres::jobs::Outcome;
using ceres::jobs::Pipeline;
using ceres::jobs::Verdict;

namespace {

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const Pipeline& pipeline() {
    static Pipeline p([] {
        ceres::jobs::Context c;
        c.resources = CERES_SOURCE_DIR;
        return c;
    }());
    return p;
}

std::string sample(const std::string& name) { return readFile(fs::path(CERES_SOURCE_DIR) / "samples" / name); }

// Applies `edit` to the parsed sample and returns the edited job text.
template <typename Edit>
std::string edited(const std::string& name, Edit edit) {
    auto root = Poco::JSON::Parser().parse(sample(name)).extract<Poco::JSON::Object::Ptr>();
    edit(root);
    std::ostringstream out;
    root->stringify(out);
    return out.str();
}

bool mentionsPointer(const Outcome& o, const std::string& pointer) {
    for (const auto& p : o.problems)
        if (p.pointer == pointer) return true;
    return false;
}

std::string describe(const Outcome& o) { return ceres::jobs::problemsToJson(o.problems); }

}  // namespace

TEST(ReferencePayloads, EveryContractExampleValidatesAsItIs) {
    const fs::path dir = fs::path(CERES_SAMPLES_DIR);
    ASSERT_TRUE(fs::exists(dir)) << dir;
    int count = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".json") continue;
        const Outcome o = pipeline().validate(readFile(entry.path()));
        EXPECT_EQ(o.verdict, Verdict::Done) << entry.path() << " " << describe(o);
        ++count;
    }
    EXPECT_EQ(count, 7);
}

struct Malformed {
    const char* name;
    std::string text;
    const char* expected_words;
};

class MalformedInput : public ::testing::TestWithParam<Malformed> {};

TEST_P(MalformedInput, IsRefusedAsInvalidWithAClearMessage) {
    const Outcome o = pipeline().validate(GetParam().text);
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    ASSERT_FALSE(o.problems.empty());
    EXPECT_NE(o.problems[0].message.find(GetParam().expected_words), std::string::npos) << describe(o);
}

std::string deepNesting(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedInput,
    ::testing::Values(Malformed{"Empty", "", "empty"}, Malformed{"NotJson", "this is not json", "not valid JSON"},
                      Malformed{"Truncated", "{\"kind\": \"dashboard\", ", "not valid JSON"},
                      Malformed{"ArrayRoot", "[1,2,3]", "JSON object"},
                      Malformed{"FiftyMegabytes", "{\"kind\":\"" + std::string(50u << 20, 'a') + "\"}", "limit"},
                      Malformed{"DeepNesting", deepNesting(10000), "deeper"},
                      Malformed{"DeepObjects", "{\"a\":" + deepNesting(5000) + "}", "deeper"},
                      Malformed{"InvalidUtf8", "{\"kind\":\"d\xC3\x28\"}", "UTF-8"},
                      Malformed{"OverlongUtf8", "{\"kind\":\"\xC0\xAF\"}", "UTF-8"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(SchemaErrors, UnknownKindNamesTheKindField) {
    const Outcome o = pipeline().validate(edited("dashboard.json", [](auto& j) { j->set("kind", "diploma"); }));
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_TRUE(mentionsPointer(o, "/kind")) << describe(o);
}

TEST(SchemaErrors, WrongTypeNamesTheField) {
    const Outcome o = pipeline().validate(edited("dte-request.json", [](auto& j) {
        j->getObject("payload")->getObject("request")->set("candidate_count", "five");
    }));
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_TRUE(mentionsPointer(o, "/payload/request/candidate_count")) << describe(o);
}

TEST(SchemaErrors, ImpossibleCalendarDateIsRefused) {
    const Outcome o = pipeline().validate(edited("dte-request.json", [](auto& j) {
        j->getObject("payload")->getObject("session")->set("start", "2026-02-30");
    }));
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_TRUE(mentionsPointer(o, "/payload/session/start")) << describe(o);
}

TEST(SchemaErrors, TwentyNinthOfFebruaryOnlyInLeapYears) {
    auto withBirth = [](const char* date) {
        return edited("convocations.json", [date](auto& j) {
            j->getObject("payload")->getArray("candidates")->getObject(0)->set("birth_date", date);
        });
    };
    EXPECT_EQ(pipeline().validate(withBirth("2001-02-29")).verdict, Verdict::Invalid);
    const Outcome leap = pipeline().validate(withBirth("2000-02-29"));
    EXPECT_EQ(leap.verdict, Verdict::Done) << describe(leap);
}

TEST(SchemaErrors, TimeMustBeHoursAndMinutes) {
    for (const char* bad : {"8:00", "24:00", "08:60", "08:00:00"}) {
        const Outcome o = pipeline().validate(edited("convocations.json", [bad](auto& j) {
            j->getObject("payload")->getObject("session")->set("start_time", bad);
        }));
        EXPECT_EQ(o.verdict, Verdict::Invalid) << bad;
        EXPECT_TRUE(mentionsPointer(o, "/payload/session/start_time")) << bad << describe(o);
    }
}

TEST(SchemaErrors, SiretWithABadLuhnSumIsRefusedCitingR_ETB_1) {
    const Outcome o = pipeline().validate(edited("juror-export.json", [](auto& j) {
        j->getObject("payload")->getObject("centre")->set("siret", "78184280200049");
    }));
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    ASSERT_TRUE(mentionsPointer(o, "/payload/centre/siret")) << describe(o);
    EXPECT_NE(describe(o).find("R-ETB-1"), std::string::npos);
}

TEST(SchemaErrors, ClosedEnumsRefuseOtherValues) {
    const Outcome o = pipeline().validate(edited("session-results.json", [](auto& j) {
        j->getObject("payload")->getArray("candidates")->getObject(1)->set("decision", "RECALE");
    }));
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_TRUE(mentionsPointer(o, "/payload/candidates/1/decision")) << describe(o);
}

TEST(SchemaErrors, UnknownFieldsAreNeverDroppedSilently) {
    const Outcome o = pipeline().validate(edited("dashboard.json", [](auto& j) {
        j->getObject("payload")->set("as_off", "2026-11-01");
    }));
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_NE(describe(o).find("as_off"), std::string::npos) << describe(o);
}

TEST(SchemaErrors, MissingRequiredFieldIsNamed) {
    const Outcome o = pipeline().validate(edited("print-batch.json", [](auto& j) {
        j->getObject("payload")->remove("issued_to");
    }));
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_NE(describe(o).find("issued_to"), std::string::npos) << describe(o);
}

TEST(ErrorFormat, ProblemsSerialiseAsTheContractSays) {
    const std::string json = ceres::jobs::problemsToJson({{"/payload/x", "R-SES-3", "no candidate"}, {"/kind", "", "bad"}});
    EXPECT_EQ(json,
              "{\"errors\":[{\"pointer\":\"/payload/x\",\"rule\":\"R-SES-3\",\"message\":\"no candidate\"},"
              "{\"pointer\":\"/kind\",\"rule\":null,\"message\":\"bad\"}]}");
}

// Validation composes the 2D code of every parchemin the job would seal, so that a name the seal
// refuses never reaches the queue (where it used to fail five times, then die). The rules refuse
// such names first; sealingProblems is checked on its own here, on a job they never see.
namespace {

ceres::jobs::Job jobOf(const std::string& text) {
    return ceres::jobs::typedJob(
        std::get<std::shared_ptr<const rapidjson::Document>>(ceres::jobs::parseJsonObject(text)));
}

// The index of the sample's first ADMIS candidate.
std::size_t firstAdmis(const Poco::JSON::Object::Ptr& root) {
    const auto candidates = root->getObject("payload")->getArray("candidates");
    for (std::size_t i = 0; i < candidates->size(); ++i)
        if (candidates->getObject(static_cast<unsigned>(i))->getValue<std::string>("decision") == "ADMIS") return i;
    return candidates->size();
}

}  // namespace

TEST(Sealing, TheReferenceJobsHaveNothingTheSealRefuses) {
    EXPECT_TRUE(ceres::jobs::sealingProblems(jobOf(sample("session-results.json"))).empty());
    EXPECT_TRUE(ceres::jobs::sealingProblems(jobOf(sample("parchemins-reprint.json"))).empty());
}

TEST(Sealing, ANameTheSealRefusesIsNamedByItsPointer) {
    std::size_t admis = 0;
    const auto text = edited("session-results.json", [&](const Poco::JSON::Object::Ptr& root) {
        admis = firstAdmis(root);
        root->getObject("payload")->getArray("candidates")->getObject(static_cast<unsigned>(admis))->set(
            "last_name", std::string("Dupont<Durand"));
    });
    const auto problems = ceres::jobs::sealingProblems(jobOf(text));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/payload/candidates/" + std::to_string(admis) + "/last_name");
    EXPECT_NE(problems[0].message.find("cannot be sealed"), std::string::npos) << problems[0].message;
    // And the whole check refuses it before anything is rendered or queued.
    const Outcome outcome = pipeline().validate(text);
    EXPECT_NE(outcome.verdict, Verdict::Done) << describe(outcome);
}

TEST(Sealing, AReprintIsCheckedAsThePayloadDescribesIt) {
    const auto text = edited("parchemins-reprint.json", [](const Poco::JSON::Object::Ptr& root) {
        root->getObject("payload")->getArray("candidates")->getObject(0)->set("first_name", std::string("Ann\x1b" "e"));
    });
    const auto problems = ceres::jobs::sealingProblems(jobOf(text));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/payload/candidates/0/first_name");
}

// What JSON parsers disagree on is refused, at the field: a key given twice in one object (one
// parser keeps the first, another the last), an integer no 64-bit field holds, a syntax error.
TEST(ParseErrors, AKeyGivenTwiceIsRefusedAtThatKey) {
    std::string text = sample("session-results.json");
    const std::string first = R"("CP-01318-1": "ACQUIS")";
    text.replace(text.find(first), first.size(), R"("CP-01318-1": "NON_ACQUIS", "CP-01318-1": "ACQUIS")");
    const Outcome o = pipeline().validate(text);
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_TRUE(mentionsPointer(o, "/payload/candidates/0/results/CP-01318-1")) << describe(o);
    EXPECT_NE(describe(o).find("appears twice"), std::string::npos) << describe(o);
}

TEST(ParseErrors, AnEscapedSpellingOfAKeyIsTheSameKey) {
    std::string text = sample("print-batch.json");
    text.replace(text.find(R"("ud": "33")"), 10, R"("ud": "33", "\u0075d": "75")");
    const Outcome o = pipeline().validate(text);
    EXPECT_EQ(o.verdict, Verdict::Invalid);
    EXPECT_TRUE(mentionsPointer(o, "/payload/ud")) << describe(o);
}

TEST(ParseErrors, NumbersBeyondSixtyFourBitsAreRefusedAtTheirField) {
    for (const std::string number : {"18446744073709551615", "100000000000000000000", "1e400"}) {
        std::string text = sample("dte-request.json");
        const std::string count = R"("candidate_count": 5)";
        text.replace(text.find(count), count.size(), R"("candidate_count": )" + number);
        const Outcome o = pipeline().validate(text);
        EXPECT_EQ(o.verdict, Verdict::Invalid) << number;
        EXPECT_TRUE(mentionsPointer(o, "/payload/request/candidate_count")) << number << ": " << describe(o);
    }
}

TEST(ParseErrors, SyntaxErrorsAndInvalidUtf8NameWhereTheyAre) {
    std::string text = sample("session-results.json");
    const auto at = text.find("Lefèvre");
    const Outcome cut = pipeline().validate(text.substr(0, at + 3));
    EXPECT_TRUE(mentionsPointer(cut, "/payload/candidates/0/last_name")) << describe(cut);
    std::string bad = text;
    bad[at + 3] = '\xff';
    const Outcome invalid = pipeline().validate(bad);
    EXPECT_EQ(invalid.verdict, Verdict::Invalid);
    EXPECT_TRUE(mentionsPointer(invalid, "/payload/candidates/0/last_name")) << describe(invalid);
    // The message quotes no raw byte: the error document stays UTF-8.
    const Outcome bom = pipeline().validate("\xef\xbb\xbf" + text);
    EXPECT_NE(describe(bom).find("\\xef"), std::string::npos) << describe(bom);
}

TEST(RuleErrors, IdentifiersRepeatedInOneListAreRefusedAtTheLaterOne) {
    const auto check = [](const std::string& file, const std::string& pointer, auto edit) {
        const Outcome o = pipeline().validate(edited(file, edit));
        EXPECT_EQ(o.verdict, Verdict::Invalid) << pointer;
        EXPECT_TRUE(mentionsPointer(o, pointer)) << describe(o);
    };
    using Ptr = Poco::JSON::Object::Ptr;
    const auto copyId = [](const char* array, const char* field, int from, int to) {
        return [=](Ptr& root) {
            auto list = root->getObject("payload")->getArray(array);
            list->getObject(to)->set(field, list->getObject(from)->getValue<std::string>(field));
        };
    };
    check("session-results.json", "/payload/candidates/1/id", copyId("candidates", "id", 0, 1));
    check("session-results.json", "/payload/jury/1/id", copyId("jury", "id", 0, 1));
    check("juror-export.json", "/payload/jurors/3/id", copyId("jurors", "id", 1, 3));
    check("juror-export.json", "/payload/titles/1/code", copyId("titles", "code", 0, 1));
    check("dte-request.json", "/payload/title/ccps/1/code", [](Ptr& root) {
        auto ccps = root->getObject("payload")->getObject("title")->getArray("ccps");
        ccps->getObject(1)->set("code", ccps->getObject(0)->getValue<std::string>("code"));
    });
}
