// Jobs the domain rules refuse: exit 3 (Verdict::Refused) with the rule id and the field.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "jobs/job.h"
#include "jobs/payload.h"
#include "jobs/pipeline.h"

namespace fs = std::filesystem;
using ceres::jobs::Outcome;
using ceres::jobs::Verdict;
using Obj = Poco::JSON::Object::Ptr;

namespace {

const ceres::jobs::Pipeline& pipeline() {
    static ceres::jobs::Pipeline p([] {
        ceres::jobs::Context c;
        c.resources = CERES_SOURCE_DIR;
        return c;
    }());
    return p;
}

template <typename Edit>
std::string edited(const std::string& name, Edit edit) {
    std::ifstream in(fs::path(CERES_SOURCE_DIR) / "samples" / name);
    std::ostringstream text;
    text << in.rdbuf();
    auto root = Poco::JSON::Parser().parse(text.str()).extract<Obj>();
    edit(root->getObject("payload"));
    std::ostringstream out;
    root->stringify(out);
    return out.str();
}

::testing::AssertionResult refusedFor(const Outcome& o, const std::string& rule, const std::string& pointer) {
    const std::string all = ceres::jobs::problemsToJson(o.problems);
    if (o.verdict != Verdict::Refused) return ::testing::AssertionFailure() << "not refused: " << all;
    for (const auto& p : o.problems)
        if (p.rule == rule && p.pointer.rfind(pointer, 0) == 0) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "no " << rule << " at " << pointer << " in " << all;
}

}  // namespace

TEST(R_SES_3_Convocations, ASessionWithNoCandidateIsRefused) {
    const auto o = pipeline().validate(edited("convocations.json", [](Obj p) {
        p->set("candidates", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
    }));
    EXPECT_TRUE(refusedFor(o, "R-SES-3", "/payload/candidates"));
}

TEST(R_SES_2_LeadTimes, ConvocationsLessThanAMonthBeforeATitreSessionAreRefused) {
    const auto o = pipeline().validate(edited("convocations.json", [](Obj p) { p->set("generated_on", "2026-04-21"); }));
    EXPECT_TRUE(refusedFor(o, "R-SES-2", "/payload"));
}

TEST(R_SES_2_LeadTimes, DteRequestLessThanThreeMonthsBeforeIsRefused) {
    const auto o = pipeline().validate(edited("dte-request.json", [](Obj p) {
        p->getObject("request")->set("requested_on", "2026-03-01");
    }));
    EXPECT_TRUE(refusedFor(o, "R-SES-2", "/payload"));
}

TEST(R_SES_2_LeadTimes, ARelaxationPeriodLiftsTheCheckAndLeavesATrace) {
    const auto o = pipeline().validate(edited("dte-request.json", [](Obj p) {
        p->getObject("request")->set("requested_on", "2026-03-01");
        Poco::JSON::Array::Ptr periods = new Poco::JSON::Array;
        Poco::JSON::Object::Ptr period = new Poco::JSON::Object;
        period->set("from", "2026-02-15");
        period->set("to", "2026-03-15");
        periods->add(period);
        p->set("relaxation_periods", periods);
    }));
    EXPECT_EQ(o.verdict, Verdict::Done) << ceres::jobs::problemsToJson(o.problems);
    ASSERT_FALSE(o.warnings.empty());
    EXPECT_NE(o.warnings[0].find("R-SES-2"), std::string::npos) << o.warnings[0];
}

TEST(R_SES_5_DteRequest, ZeroCandidatesOutsideARelaxationPeriodIsRefused) {
    const auto o = pipeline().validate(edited("dte-request.json", [](Obj p) {
        p->getObject("request")->set("candidate_count", 0);
    }));
    EXPECT_TRUE(refusedFor(o, "R-SES-5", "/payload/request/candidate_count"));
}

TEST(R_HAB_9_Jury, AJurorNotHabilitatedOnTheTitleAtTheSessionDatesIsRefused) {
    const auto o = pipeline().validate(edited("session-results.json", [](Obj p) {
        p->getArray("jury")->getObject(1)->getArray("habilitations")->getObject(0)->set("on", "TP-00247");
    }));
    EXPECT_TRUE(refusedFor(o, "R-HAB-9", "/payload/jury/1"));
}

TEST(R_HAB_9_Jury, AHabilitationEndingBeforeTheSessionIsRefused) {
    const auto o = pipeline().validate(edited("session-results.json", [](Obj p) {
        p->getArray("jury")->getObject(0)->getArray("habilitations")->getObject(0)->set("end", "2026-05-21");
    }));
    EXPECT_TRUE(refusedFor(o, "R-HAB-9", "/payload/jury/0"));
}

TEST(R_HAB_10_Jury, AJuryOfOneIsRefused) {
    const auto o = pipeline().validate(edited("session-results.json", [](Obj p) { p->getArray("jury")->remove(1); }));
    EXPECT_TRUE(refusedFor(o, "R-HAB-10", "/payload/jury"));
}

TEST(R_CAN_1_FirstNames, ADigitOrAnAtSignIsRefusedNamingTheField) {
    for (const char* bad : {"Hélène2", "h@lene"}) {
        const auto o = pipeline().validate(edited("convocations.json", [bad](Obj p) {
            p->getArray("candidates")->getObject(2)->set("first_name", bad);
        }));
        EXPECT_TRUE(refusedFor(o, "R-CAN-1", "/payload/candidates/2/first_name")) << bad;
    }
}

TEST(R_CAN_1_FirstNames, DashVariantsAndRepeatedSeparatorsAreAccepted) {
    const auto o = pipeline().validate(edited("convocations.json", [](Obj p) {
        p->getArray("candidates")->getObject(0)->set("first_name", "Jean\xE2\x80\x94\xE2\x80\x94" "Christophe");
    }));
    EXPECT_EQ(o.verdict, Verdict::Done) << ceres::jobs::problemsToJson(o.problems);
}

TEST(R_TIT_2_Prolongation, ASessionOnATitleBeyondProlongationIsRefused) {
    const auto o = pipeline().validate(edited("dte-request.json", [](Obj p) {
        p->getObject("title")->set("end_of_life", "2025-01-31");
    }));
    const std::string all = ceres::jobs::problemsToJson(o.problems);
    EXPECT_EQ(o.verdict, Verdict::Refused) << all;
    EXPECT_NE(all.find("R-TIT-"), std::string::npos) << all;
}

TEST(R_TIT_1_Prolongation, ACfaHasTwentyFourMonthsWhereOthersHaveTwelve) {
    auto withCentre = [](const char* type) {
        return pipeline().validate(edited("dte-request.json", [type](Obj p) {
            p->getObject("title")->set("end_of_life", "2025-01-31");
            p->getObject("centre")->set("type", type);
        }));
    };
    EXPECT_EQ(withCentre("AUTRE").verdict, Verdict::Refused);
    const auto cfa = withCentre("CFA");
    EXPECT_EQ(cfa.verdict, Verdict::Done) << ceres::jobs::problemsToJson(cfa.problems);
}

TEST(R_DOC_2_Parchemin, AReprintForACandidateNotAdmisIsRefused) {
    const auto o = pipeline().validate(edited("parchemins-reprint.json", [](Obj p) {
        Obj c = p->getArray("candidates")->getObject(0);
        c->getObject("results")->set("CP-01318-2", "NON_ACQUIS");
        c->set("decision", "AJOURNE");
    }));
    EXPECT_TRUE(refusedFor(o, "R-DOC-2", "/payload/candidates/0"));
}

TEST(PrintBatch, AReversedDateRangeIsInvalidInput) {
    const auto o = pipeline().validate(edited("print-batch.json", [](Obj p) { p->set("issued_to", "2026-04-01"); }));
    EXPECT_EQ(o.verdict, Verdict::Invalid) << ceres::jobs::problemsToJson(o.problems);
}

TEST(R_SES_7_Results, AResultForAUnitTheTitleDoesNotHaveIsRefusedNotDropped) {
    const auto o = pipeline().validate(edited("session-results.json", [](Obj p) {
        p->getArray("candidates")->getObject(1)->getObject("results")->set("CP-01318-7", "ACQUIS");
    }));
    EXPECT_TRUE(refusedFor(o, "R-SES-7", "/payload/candidates/1/results/CP-01318-7"));
    EXPECT_NE(o.problems.at(0).message.find("C-900002"), std::string::npos) << o.problems.at(0).message;
}

TEST(R_SES_7_Results, AdmisWithoutEveryCcpAcquisIsRefused) {
    const auto missing = pipeline().validate(edited("session-results.json", [](Obj p) {
        p->getArray("candidates")->getObject(0)->getObject("results")->remove("CP-01318-2");
    }));
    EXPECT_TRUE(refusedFor(missing, "R-SES-7", "/payload/candidates/0/results"));
    const auto non_acquis = pipeline().validate(edited("session-results.json", [](Obj p) {
        p->getArray("candidates")->getObject(0)->getObject("results")->set("CP-01318-2", "NON_ACQUIS");
    }));
    EXPECT_TRUE(refusedFor(non_acquis, "R-SES-7", "/payload/candidates/0/decision"));
}

TEST(R_SES_7_Results, ASessionEndingBeforeItStartsIsRefused) {
    const auto o = pipeline().validate(edited("session-results.json", [](Obj p) {
        p->getObject("session")->set("end", "2026-05-19");
    }));
    EXPECT_TRUE(refusedFor(o, "R-SES-7", "/payload/session/end"));
}

namespace {

// Sets the string at `pointer` (relative to the payload, array indexes as numbers) to `value`.
void setAt(Obj payload, const std::string& pointer, const std::string& value) {
    Poco::Dynamic::Var node = payload;
    std::size_t at = 1;
    while (true) {
        const std::size_t next = pointer.find('/', at);
        const std::string part = pointer.substr(at, next == std::string::npos ? std::string::npos : next - at);
        const bool last = next == std::string::npos;
        if (node.type() == typeid(Poco::JSON::Array::Ptr)) {
            auto array = node.extract<Poco::JSON::Array::Ptr>();
            if (last) {
                array->set(std::stoul(part), value);
                return;
            }
            node = array->get(std::stoul(part));
        } else {
            auto object = node.extract<Obj>();
            if (last) {
                object->set(part, value);
                return;
            }
            node = object->get(part);
        }
        at = next + 1;
    }
}

}  // namespace

// R-CAN-1 Reading: every printed field, of every kind, refuses control, bidi and zero-width
// characters and the BOM, naming the field.
TEST(R_CAN_1_PrintedFields, EveryKindNamesTheField) {
    const std::pair<const char*, const char*> fields[] = {
        {"session-results.json", "/title/libelle"},
        {"session-results.json", "/title/ccps/1/libelle"},
        {"session-results.json", "/ud/name"},
        {"session-results.json", "/ud/commune"},
        {"session-results.json", "/centre/name"},
        {"session-results.json", "/site/name"},
        {"session-results.json", "/site/address"},
        {"session-results.json", "/site/commune"},
        {"session-results.json", "/session/responsable/last_name"},
        {"session-results.json", "/jury/1/first_name"},
        {"session-results.json", "/candidates/2/birth_commune"},
        {"session-results.json", "/candidates/2/birth_country"},
        {"session-results.json", "/candidates/3/address/line1"},
        {"session-results.json", "/candidates/3/address/commune"},
        {"convocations.json", "/candidates/0/first_name"},
        {"convocations.json", "/bring/0"},
        {"dte-request.json", "/request/comment"},
        {"parchemins-reprint.json", "/reprint/reason"},
        {"juror-export.json", "/centre/name"},
        {"juror-export.json", "/titles/1/libelle"},
        {"juror-export.json", "/jurors/0/last_name"},
    };
    for (const char* bad : {"\u202E", "\u200B", "\uFEFF", "\x1b[2J", "\n"}) {
        for (const auto& [sample, pointer] : fields) {
            const auto o = pipeline().validate(edited(sample, [&, pointer = pointer](Obj p) {
                setAt(p, pointer, std::string("Saint") + bad + "Denis");
            }));
            EXPECT_TRUE(refusedFor(o, "R-CAN-1", std::string("/payload") + pointer)) << sample;
        }
    }
}

TEST(R_CAN_1_PrintedFields, LessThanRefusedInNamesOnly) {
    const auto name = pipeline().validate(edited("session-results.json", [](Obj p) {
        p->getObject("site")->set("name", "FCMB <Floirac>");
    }));
    EXPECT_TRUE(refusedFor(name, "R-CAN-1", "/payload/site/name"));
    const auto comment = pipeline().validate(edited("dte-request.json", [](Obj p) {
        p->getObject("request")->set("comment", "Moins de <10 candidats");
    }));
    EXPECT_EQ(comment.verdict, Verdict::Done) << ceres::jobs::problemsToJson(comment.problems);
}

// RULES.md R-SES-2 Reading: a VAE candidate registered in the 30 days before the start is convoked
// late, the exemption in the job's warnings; any other candidate keeps the lead time.
TEST(R_SES_2_LeadTimes, ALateVaeRegistrationIsConvokedWithATrace) {
    const auto late_vae_only = [](Obj p) {
        p->set("generated_on", "2026-05-10");
        auto candidates = p->getArray("candidates");
        Obj vae = candidates->getObject(2);
        vae->set("registered_on", "2026-05-02");
        Poco::JSON::Array::Ptr only = new Poco::JSON::Array;
        only->add(vae);
        p->set("candidates", only);
    };
    const auto o = pipeline().validate(edited("convocations.json", late_vae_only));
    EXPECT_EQ(o.verdict, Verdict::Done) << ceres::jobs::problemsToJson(o.problems);
    ASSERT_EQ(o.warnings.size(), 1u);
    EXPECT_NE(o.warnings[0].find("R-SES-2"), std::string::npos) << o.warnings[0];
    EXPECT_NE(o.warnings[0].find("C-900003"), std::string::npos) << o.warnings[0];
    const auto mixed = pipeline().validate(edited("convocations.json", [](Obj p) {
        p->set("generated_on", "2026-05-10");
        p->getArray("candidates")->getObject(2)->set("registered_on", "2026-05-02");
    }));
    EXPECT_TRUE(refusedFor(mixed, "R-SES-2", "/payload/generated_on"));
}

// RULES.md R-ETB-1 Reading: the recovery centre's SIRET, written with 13 zeros, is accepted.
TEST(R_ETB_1_RecoveryCentre, ThirteenZerosAccepted) {
    const auto o = pipeline().validate(edited("convocations.json", [](Obj p) {
        p->getObject("centre")->set("siret", "0000000000000");
    }));
    EXPECT_EQ(o.verdict, Verdict::Done) << ceres::jobs::problemsToJson(o.problems);
    const auto twelve = pipeline().validate(edited("convocations.json", [](Obj p) {
        p->getObject("centre")->set("siret", "000000000000");
    }));
    EXPECT_EQ(twelve.verdict, Verdict::Invalid);
}

TEST(R_ETB_1_RecoveryCentre, DocumentsNameItCentreDeReprise) {
    const std::string job = edited("convocations.json", [](Obj p) {
        p->getObject("centre")->set("siret", "0000000000000");
        p->getObject("centre")->set("name", "REPRISE CERES");
    });
    const auto parsed = ceres::jobs::typedJob(
        std::get<std::shared_ptr<const rapidjson::Document>>(ceres::jobs::parseJsonObject(job)));
    EXPECT_EQ(ceres::jobs::payloadAs<ceres::domain::ConvocationsPayload>(parsed).centre.name, "Centre de reprise");
}
