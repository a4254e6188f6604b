// Candidates: first names (R-CAN-1), duplicates (R-CAN-2), registration (R-CAN-3), limit (R-CAN-4).
#include <gtest/gtest.h>

#include "domain/candidate.h"
#include "domain/first_name.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

struct FoldCase {
    const char* name;
    const char* raw;
    const char* normalized;
};

class R_CAN_1_Normalization : public ::testing::TestWithParam<FoldCase> {};

// seed 000:117-118 "Les caractères spéciaux en doublon sont automatiquement supprimés
// (exemple Jean—Christophe = Jean-Christophe)"
TEST_P(R_CAN_1_Normalization, Folds) {
    EXPECT_EQ(normalizeName(GetParam().raw), GetParam().normalized);
    EXPECT_TRUE(validateFirstName(GetParam().raw, "C-1").isAllowed());
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_CAN_1_Normalization,
    ::testing::Values(FoldCase{"em_dash", "Jean\u2014Christophe", "Jean-Christophe"},
                      FoldCase{"en_dash", "Jean\u2013Christophe", "Jean-Christophe"},
                      FoldCase{"hyphen_u2010", "Jean\u2010Christophe", "Jean-Christophe"},
                      FoldCase{"non_breaking_hyphen", "Jean\u2011Christophe", "Jean-Christophe"},
                      FoldCase{"double_hyphen", "Jean--Christophe", "Jean-Christophe"},
                      FoldCase{"dash_then_hyphen", "Jean\u2014-Christophe", "Jean-Christophe"},
                      FoldCase{"typographic_apostrophe", "N\u2019Golo", "N'Golo"},
                      FoldCase{"double_apostrophe", "N''Golo", "N'Golo"},
                      FoldCase{"double_space", "Thi  Lan", "Thi Lan"},
                      FoldCase{"double_comma", "Marie,,Anne", "Marie,Anne"},
                      FoldCase{"surrounding_spaces", "  Paul ", "Paul"},
                      FoldCase{"comma_space_kept", "Marie-Ève, Françoise", "Marie-Ève, Françoise"},
                      FoldCase{"greek", "Αθηνά", "Αθηνά"},
                      FoldCase{"cyrillic", "Дмитрий", "Дмитрий"},
                      FoldCase{"arabic", "محمد", "محمد"},
                      FoldCase{"cjk", "明美", "明美"},
                      FoldCase{"decomposed_accent", "He\u0301le\u0300ne", "He\u0301le\u0300ne"},
                      FoldCase{"turkish", "Ayşe", "Ayşe"}),
    [](const auto& info) { return std::string(info.param.name); });

struct RejectCase {
    const char* name;
    const char* raw;
    const char* named_in_message;
};

class R_CAN_1_Refusals : public ::testing::TestWithParam<RejectCase> {};

// seed 000:108-114 only commas, hyphens, apostrophes and letters of any alphabet
TEST_P(R_CAN_1_Refusals, NamesTheCharacter) {
    const Outcome outcome = validateFirstName(GetParam().raw, "C-900001");
    ASSERT_TRUE(outcome.isRefused());
    EXPECT_EQ(outcome.violations[0].rule, "R-CAN-1");
    EXPECT_EQ(outcome.violations[0].subject, "C-900001");
    EXPECT_NE(outcome.violations[0].message.find(GetParam().named_in_message), std::string::npos)
        << outcome.violations[0].message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_CAN_1_Refusals,
    ::testing::Values(RejectCase{"digit", "Jean2", "U+0032"},
                      RejectCase{"at_sign", "jean@mail", "U+0040"},
                      RejectCase{"less_than", "<script>", "U+003C"},
                      RejectCase{"emoji", "Zoé😀", "U+01F600"},
                      RejectCase{"control_char", "Jo\x07", "U+0007"},
                      RejectCase{"tab", "Jo\tAnn", "U+0009"},
                      RejectCase{"dot", "J.", "U+002E"},
                      RejectCase{"only_separators", "- '", "aucune lettre"},
                      RejectCase{"empty", "", "aucune lettre"},
                      RejectCase{"invalid_utf8", "Jo\xC3", "UTF-8"}),
    [](const auto& info) { return std::string(info.param.name); });

// seed 003:131-135 one candidate record for the whole path
TEST(R_CAN_2_Duplicates, CaseAndAccentInsensitive) {
    const Candidate a = test::candidate("C-1", "Lefèvre", "Hélène", "1991-04-12");
    EXPECT_TRUE(areDuplicates(a, test::candidate("C-2", "LEFEVRE", "helene", "1991-04-12")));
    EXPECT_TRUE(areDuplicates(a, test::candidate("C-2", "Lefèvre", "Hélène ", "1991-04-12")));
    EXPECT_FALSE(areDuplicates(a, test::candidate("C-2", "Lefèvre", "Hélène", "1991-04-13")));
    EXPECT_FALSE(areDuplicates(a, test::candidate("C-2", "Lefèvre", "Hélèna", "1991-04-12")));
    const Candidate dashed = test::candidate("C-3", "Jean\u2014Baptiste", "Marie--Ève", "2001-07-14");
    EXPECT_TRUE(areDuplicates(dashed, test::candidate("C-4", "JEAN-BAPTISTE", "MARIE-EVE", "2001-07-14")));
    EXPECT_TRUE(areDuplicates(test::candidate("C-5", "Παπαδόπουλος", "Αθηνά", "1995-09-30"),
                              test::candidate("C-6", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΑΘΗΝΑ", "1995-09-30")));
    EXPECT_TRUE(areDuplicates(test::candidate("C-7", "Смирнов", "Дмитрий", "1979-02-28"),
                              test::candidate("C-8", "СМИРНОВ", "ДМИТРИЙ", "1979-02-28")));
    EXPECT_TRUE(areDuplicates(test::candidate("C-9", "Œillet", "Ægir", "1979-02-28"),
                              test::candidate("C-10", "oeillet", "aegir", "1979-02-28")));
    EXPECT_TRUE(areDuplicates(test::candidate("C-11", "Lefe\u0300vre", "He\u0301le\u0300ne", "1991-04-12"), a));
}

TEST(R_CAN_2_Duplicates, FindsLaterRecords) {
    const std::vector<Candidate> list = {
        test::candidate("C-1", "Durand", "Léa", "2000-01-01"),
        test::candidate("C-2", "Martin", "Léa", "2000-01-01"),
        test::candidate("C-3", "DURAND", "Lea", "2000-01-01"),
    };
    const auto pairs = findDuplicates(list);
    ASSERT_EQ(pairs.size(), 1u);
    EXPECT_EQ(pairs[0], std::make_pair(std::size_t{0}, std::size_t{2}));
}

struct RegistrationCase {
    const char* name;
    const char* seed;
    bool vae;
    bool convocations_edited;
    const char* today;
    bool allowed;
};

class R_CAN_3_Registration : public ::testing::TestWithParam<RegistrationCase> {};

TEST_P(R_CAN_3_Registration, Window) {
    const RegistrationCase& c = GetParam();
    Candidate candidate = test::candidate("C-1", "Lefèvre", "Hélène", "1991-04-12");
    candidate.vae = c.vae;
    const Session session = test::exampleSession(SessionStatus::ConvocationsEnvoyees);  // starts 2026-05-20
    const Outcome outcome = checkRegistration(session, candidate, day(c.today), c.convocations_edited);
    EXPECT_EQ(outcome.isAllowed(), c.allowed) << c.seed;
    if (!c.allowed) {
        EXPECT_EQ(outcome.violations[0].rule, "R-CAN-3");
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, R_CAN_3_Registration,
    ::testing::Values(
        // seed 001:170 "Inscrire des candidats jusqu'à l'édition des convocations"
        RegistrationCase{"before_convocations", "001:170", false, false, "2026-04-01", true},
        RegistrationCase{"after_convocations", "001:170", false, true, "2026-04-01", false},
        // seed 001:174 "Inscrire des candidats VAE dans les 30 jours précédents le début"
        RegistrationCase{"vae_30_days_before", "001:174", true, true, "2026-04-20", true},
        RegistrationCase{"vae_31_days_before", "001:174", true, true, "2026-04-19", false},
        RegistrationCase{"vae_day_before_start", "001:174", true, true, "2026-05-19", true},
        RegistrationCase{"vae_on_start_day", "001:174", true, true, "2026-05-20", false}),
    [](const auto& info) { return std::string(info.param.name); });

// seed 001:172 "Désinscrire des candidats jusqu'au jour de la date de début de la session"
TEST(R_CAN_3_Unregistration, UntilStartDayInclusive) {
    const Session session = test::exampleSession(SessionStatus::ConvocationsEnvoyees);
    const Candidate c = test::candidate("C-1", "Lefèvre", "Hélène", "1991-04-12");
    EXPECT_TRUE(checkUnregistration(session, c, day("2026-05-20")).isAllowed());
    const Outcome late = checkUnregistration(session, c, day("2026-05-21"));
    ASSERT_TRUE(late.isRefused());
    EXPECT_EQ(late.violations[0].rule, "R-CAN-3");
}

SessionAttendance attendance(const char* id, SessionType type, bool final_interview, const char* start,
                             SessionStatus status = SessionStatus::Validee) {
    return {id, type, final_interview, status, day(start)};
}

// seed 001:180-214 Cas 1, 2 and 3
TEST(R_CAN_4_YearlyLimit, FourthCountedSessionRefused) {
    const SessionAttendance next = attendance("S-4", SessionType::Titre, true, "2026-05-20");
    const std::vector<SessionAttendance> three = {
        attendance("S-1", SessionType::Titre, true, "2025-05-21"),  // 364 days before: inside
        attendance("S-2", SessionType::Ccp, true, "2025-12-01"),
        attendance("S-3", SessionType::Titre, false, "2026-02-01"),
    };
    const Outcome refused = checkYearlySessionLimit("C-1", three, next);
    ASSERT_TRUE(refused.isRefused());
    EXPECT_EQ(refused.violations[0].rule, "R-CAN-4");
    EXPECT_EQ(refused.violations[0].subject, "C-1");
}

TEST(R_CAN_4_YearlyLimit, WhatDoesNotCount) {
    const SessionAttendance next = attendance("S-9", SessionType::Titre, true, "2026-05-20");
    const std::vector<SessionAttendance> others = {
        attendance("S-1", SessionType::Titre, true, "2025-05-20"),  // 365 days before: outside
        attendance("S-2", SessionType::Ccp, false, "2025-12-01"),   // Cas 1: CCP without final interview
        attendance("S-3", SessionType::Ccs, true, "2026-01-01"),    // Cas 3: CCS
        attendance("S-4", SessionType::Titre, true, "2026-02-01", SessionStatus::Annulee),
        attendance("S-5", SessionType::Titre, true, "2026-03-01"),
        attendance("S-6", SessionType::Ccp, true, "2026-04-01"),
        attendance("S-9", SessionType::Titre, true, "2026-05-20"),  // the new session itself
    };
    EXPECT_TRUE(checkYearlySessionLimit("C-1", others, next).isAllowed());
    const SessionAttendance ccp_without_interview = attendance("S-10", SessionType::Ccp, false, "2026-05-20");
    std::vector<SessionAttendance> many(5, attendance("S-x", SessionType::Titre, true, "2026-03-01"));
    EXPECT_TRUE(checkYearlySessionLimit("C-1", many, ccp_without_interview).isAllowed());
    EXPECT_TRUE(checkYearlySessionLimit("C-1", many, attendance("S-11", SessionType::Ccs, false, "2026-05-20")).isAllowed());
}

}  // namespace
}  // namespace ceres::domain
