// Documents: R-DOC-1 to R-DOC-6 (parchemin numbers, place of issue, juror export, dashboards, PVs).
#include <gtest/gtest.h>

#include "domain/dashboard.h"
#include "domain/documents.h"
#include "domain/juror_export.h"
#include "domain/parchemin_number.h"
#include "support.h"

namespace ceres::domain {
namespace {

using test::day;

// seed 000:102-103 code and libellé of the TP on every PV
TEST(R_DOC_1_PvTitle, CodeAndLibelle) {
    EXPECT_EQ(pvTitleLine(test::exampleTitle()), "TP-01318 - Employé administratif et d'accueil");
    EXPECT_TRUE(checkTitleIdentified(test::exampleTitle()).isAllowed());
    Title unnamed = test::exampleTitle();
    unnamed.libelle.clear();
    EXPECT_EQ(checkTitleIdentified(unnamed).violations.at(0).rule, "R-DOC-1");
}

// seed 003:46-52 a unique identification number top right of every parchemin
TEST(R_DOC_2_ParcheminNumber, FormatAndRoundTrip) {
    const auto number = formatParcheminNumber(42);
    ASSERT_TRUE(number);
    EXPECT_EQ(number->substr(0, 16), "CERES-000000042-");
    EXPECT_EQ(number->size(), 17u);
    EXPECT_TRUE(isValidParcheminNumber(*number));
    for (std::int64_t sequence : {1LL, 42LL, 123456LL, 999999999LL}) {
        EXPECT_EQ(parcheminSequence(*formatParcheminNumber(sequence)), sequence);
    }
    EXPECT_FALSE(formatParcheminNumber(0));
    EXPECT_FALSE(formatParcheminNumber(1'000'000'000));
    EXPECT_FALSE(isValidParcheminNumber("CERES-000000000-" + std::string(1, *mod37_36CheckCharacter("CERES-000000000"))));
    EXPECT_FALSE(isValidParcheminNumber("CERES-00000042-K"));
    EXPECT_FALSE(isValidParcheminNumber("ceres-000000042-" + number->substr(16)));
    EXPECT_FALSE(isValidParcheminNumber(""));
}

TEST(R_DOC_2_ParcheminNumber, KnownCheckCharacters) {
    // the worked example of python-stdnum's iso7064.mod_37_36, an independent implementation
    EXPECT_EQ(mod37_36CheckCharacter("A12425GABC1234002"), 'M');
    EXPECT_EQ(formatParcheminNumber(42), "CERES-000000042-I");
    EXPECT_EQ(formatParcheminNumber(1), "CERES-000000001-0");
    EXPECT_EQ(formatParcheminNumber(999999999), "CERES-999999999-Q");
    EXPECT_FALSE(mod37_36CheckCharacter("CERES_1"));
    EXPECT_EQ(mod37_36CheckCharacter("CERES-000000042"), mod37_36CheckCharacter("CERES000000042"));
}

// The check character catches every single wrong character and every adjacent swap.
TEST(R_DOC_2_ParcheminNumber, DetectsSubstitutionsAndAdjacentSwaps) {
    constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (std::int64_t sequence : {7LL, 42LL, 31415926LL, 900000001LL}) {
        const std::string good = *formatParcheminNumber(sequence);
        for (std::size_t i = 0; i < good.size(); ++i) {
            if (good[i] == '-') continue;
            for (char c : kAlphabet) {
                if (c == good[i]) continue;
                std::string bad = good;
                bad[i] = c;
                EXPECT_FALSE(isValidParcheminNumber(bad)) << bad;
            }
            std::size_t j = i + 1;
            if (j < good.size() && good[j] == '-') ++j;  // hyphens are layout: swap across them
            if (j >= good.size() || good[i] == good[j]) continue;
            std::string swapped = good;
            std::swap(swapped[i], swapped[j]);
            EXPECT_FALSE(isValidParcheminNumber(swapped)) << swapped;
        }
    }
}

// seed 003:62-64 the commune of the UD is filled automatically
TEST(R_DOC_3_PlaceOfIssue, CommuneOfTheUd) {
    EXPECT_EQ(placeOfIssue(test::exampleUd()), "Bordeaux");
    Ud ud = test::exampleUd();
    ud.commune.clear();
    const Outcome missing = checkPlaceOfIssue(ud);
    ASSERT_TRUE(missing.isRefused());
    EXPECT_EQ(missing.violations[0].rule, "R-DOC-3");
}

// seed 001:67-71 phones, address and email; seed 003:77-85 aligned jurors listed as convocable
TEST(R_DOC_4_JurorExport, RowsWithEligibility) {
    const JurorExportPayload p = test::jurorExportExample();
    const auto rows = jurorExportRows(p);
    ASSERT_EQ(rows.size(), 4u);
    for (const auto& row : rows) {
        EXPECT_TRUE(row.has_contact);
        ASSERT_EQ(row.habilitations.size(), 1u);
        ASSERT_TRUE(row.habilitations[0].title_index);
    }
    EXPECT_EQ(rows[0].habilitations[0].eligibility.eligibility, Eligibility::Running);
    EXPECT_EQ(rows[1].habilitations[0].eligibility.eligibility, Eligibility::Running);
    EXPECT_EQ(rows[2].habilitations[0].eligibility.eligibility, Eligibility::ExtendedAligned);
    EXPECT_TRUE(rows[2].habilitations[0].eligibility.convocable);
    EXPECT_EQ(rows[3].habilitations[0].eligibility.eligibility, Eligibility::ExpiredRecently);
    EXPECT_FALSE(rows[3].habilitations[0].eligibility.convocable);
    EXPECT_EQ(titleValidityText(p, 1), "en prolongation jusqu'au 30/06/2026");
}

TEST(R_DOC_5_Dashboard, WindowIsTwelveWholeMonthsBeforeAsOf) {
    const DashboardCounts counts = countDashboard(test::dashboardExample());
    EXPECT_EQ(counts.window.from, day("2025-11-01"));
    EXPECT_EQ(counts.window.to, day("2026-10-31"));
    ASSERT_EQ(counts.months.size(), 12u);
    EXPECT_EQ(counts.months.front(), "2025-11");
    EXPECT_EQ(counts.months.back(), "2026-10");
}

// seed 000:76-81 UD: agréments instruits, contrôles, rapports publiés
TEST(R_DOC_5_Dashboard, UdCountsItsThreeIndicators) {
    const DashboardCounts counts = countDashboard(test::dashboardExample());
    ASSERT_EQ(counts.indicators.size(), 3u);
    EXPECT_EQ(counts.indicators[0].type, EventType::AgrementInstruit);
    EXPECT_EQ(counts.indicators[0].total, 2);
    EXPECT_EQ(counts.indicators[0].per_month[2], 1);  // 2026-01
    EXPECT_EQ(counts.indicators[0].per_month[4], 1);  // 2026-03
    EXPECT_EQ(counts.indicators[1].type, EventType::Controle);
    EXPECT_EQ(counts.indicators[1].total, 1);  // 2025-09-01 is outside the window
    EXPECT_EQ(counts.indicators[2].total, 1);
}

struct ProfileCase {
    const char* name;
    const char* seed;
    Profile profile;
    std::vector<EventType> indicators;
};

class R_DOC_5_Indicators : public ::testing::TestWithParam<ProfileCase> {};

TEST_P(R_DOC_5_Indicators, PerProfile) { EXPECT_EQ(indicatorsFor(GetParam().profile), GetParam().indicators) << GetParam().seed; }

INSTANTIATE_TEST_SUITE_P(
    Table, R_DOC_5_Indicators,
    ::testing::Values(
        ProfileCase{"direccte", "000:66-73", Profile::Direccte,
                    {EventType::AgrementInstruit, EventType::Controle, EventType::RapportPublie,
                     EventType::SessionProgrammee, EventType::DteDemandee}},
        ProfileCase{"ud", "000:76-81", Profile::Ud,
                    {EventType::AgrementInstruit, EventType::Controle, EventType::RapportPublie}},
        ProfileCase{"acc", "000:88-91", Profile::Acc, {EventType::Controle}},
        ProfileCase{"centre", "000:94-97", Profile::Centre, {EventType::SessionProgrammee}},
        ProfileCase{"service_has_none", "000:63", Profile::Service, {}}),
    [](const auto& info) { return std::string(info.param.name); });

// seed 000:47-50 ACC: its perimeter or all of France
TEST(R_DOC_5_Dashboard, PerimeterAndWindowBoundaries) {
    DashboardPayload p{Profile::Acc, "33", day("2026-11-15"), {}};
    p.events = {
        {EventType::Controle, day("2025-11-01"), std::string("33"), {}, {}},  // first day: in
        {EventType::Controle, day("2025-10-31"), std::string("33"), {}, {}},  // day before: out
        {EventType::Controle, day("2026-10-31"), std::string("33"), {}, {}},  // last day: in
        {EventType::Controle, day("2026-11-01"), std::string("33"), {}, {}},  // as_of's month: out
        {EventType::Controle, day("2026-05-01"), std::string("47"), {}, {}},  // other department
        {EventType::Controle, day("2026-05-02"), {}, {}, {}},                 // no key: in
    };
    EXPECT_EQ(countDashboard(p).indicators.at(0).total, 3);
    EXPECT_EQ(countDashboard(p).indicators.at(0).per_month.at(0), 1);
    EXPECT_EQ(countDashboard(p).indicators.at(0).per_month.at(11), 1);
    p.perimeter = "FR";
    EXPECT_EQ(countDashboard(p).indicators.at(0).total, 4);
    EXPECT_TRUE(perimeterFitsProfile(Profile::Acc, "FR"));
    EXPECT_FALSE(perimeterFitsProfile(Profile::Ud, "FR"));
    EXPECT_TRUE(perimeterFitsProfile(Profile::Ud, "2A"));
    EXPECT_TRUE(perimeterFitsProfile(Profile::Ud, "974"));
    EXPECT_TRUE(perimeterFitsProfile(Profile::Centre, "78184280200048"));
    EXPECT_FALSE(perimeterFitsProfile(Profile::Centre, "33"));
    EXPECT_TRUE(perimeterFitsProfile(Profile::Direccte, "75"));
}

TEST(R_DOC_5_Dashboard, DireccteByRegionCentreBySiret) {
    DashboardPayload direccte{Profile::Direccte, "75", day("2026-11-01"), {}};
    direccte.events = {{EventType::DteDemandee, day("2026-04-03"), {}, std::string("75"), {}},
                       {EventType::DteDemandee, day("2026-04-04"), {}, std::string("11"), {}}};
    EXPECT_EQ(countDashboard(direccte).indicators.at(4).total, 1);
    DashboardPayload centre{Profile::Centre, "78184280200048", day("2026-11-01"), {}};
    centre.events = {{EventType::SessionProgrammee, day("2026-04-01"), {}, {}, std::string("78184280200048")},
                     {EventType::SessionProgrammee, day("2026-04-01"), {}, {}, std::string("53060076600022")},
                     {EventType::Controle, day("2026-04-01"), {}, {}, std::string("78184280200048")}};
    EXPECT_EQ(countDashboard(centre).indicators.at(0).total, 1);
}

// RULES.md R-DOC-6 (exam regulations): absences, fraud reports, signatures, numéro d'ordre
TEST(R_DOC_6_Pv, RecordsAbsencesFraudAndSignatures) {
    std::vector<Candidate> candidates = test::gradedCandidates();
    candidates[1].results["CP-01318-2"] = UnitResult::Absent;
    candidates[4].fraud_report = "Téléphone utilisé pendant l'épreuve";
    Session session = test::exampleSession(SessionStatus::Validee);
    session.registration_number = "2026-33-0042";
    const PvRecord pv = pvRecord(session, {test::durand(), test::nguyen()}, candidates);
    ASSERT_EQ(pv.absences.size(), 2u);
    EXPECT_EQ(pv.absences[0].candidate_index, 1u);
    EXPECT_FALSE(pv.absences[0].whole_session);
    EXPECT_EQ(pv.absences[0].absent_units, std::vector<std::string>{"CP-01318-2"});
    EXPECT_EQ(pv.absences[1].candidate_index, 3u);
    EXPECT_TRUE(pv.absences[1].whole_session);
    ASSERT_EQ(pv.fraud_reports.size(), 1u);
    EXPECT_EQ(pv.fraud_reports[0].candidate_index, 4u);
    EXPECT_EQ(pv.signatory_juror_ids, (std::vector<std::string>{"J-1042", "J-2210"}));
    EXPECT_EQ(pv.registration_number, "2026-33-0042");
}

TEST(R_DOC_6_Pv, AbsentDecisionMatchesResults) {
    std::vector<Candidate> candidates = test::gradedCandidates();
    EXPECT_TRUE(checkAbsenceRecorded(candidates[3]).isAllowed());
    candidates[3].results["CP-01318-1"] = UnitResult::Acquis;
    EXPECT_EQ(checkAbsenceRecorded(candidates[3]).violations.at(0).rule, "R-DOC-6");
}

}  // namespace
}  // namespace ceres::domain
