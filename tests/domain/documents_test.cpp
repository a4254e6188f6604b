// Documents: R-DOC-1 to R-DOC-6 (parchemin numbers, place of issue, juror export, dashboards, PVs).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/dashboard.h"
#include "domain/documents.h"
#include "domain/juror_export.h"
#include "domain/parchemin_number.h"
#include "domain/readings.h"
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
    EXPECT_FALSE(isValidParcheminNumber("CERES-000000000-" + std::string(1, *dammCheckDigit("000000000"))));
    EXPECT_FALSE(isValidParcheminNumber("CERES-00000042-" + std::string(1, *dammCheckDigit("00000042"))));
    EXPECT_FALSE(isValidParcheminNumber("ceres-000000042-7"));
    EXPECT_FALSE(isValidParcheminNumber("CERES-000000042-7-"));
    EXPECT_FALSE(isValidParcheminNumber(""));
}

TEST(R_DOC_2_ParcheminNumber, KnownCheckDigits) {
    // Damm's worked example: interim 0 -> table[0][5] = 9 -> table[9][7] = 7 -> table[7][2] = 4
    EXPECT_EQ(dammCheckDigit("572"), '4');
    EXPECT_EQ(dammCheckDigit("5724"), '0') << "a number followed by its check digit comes back to 0";
    // 000000042: seven zeros keep the interim at 0 -> table[0][4] = 5 -> table[5][2] = 7
    EXPECT_EQ(formatParcheminNumber(42), "CERES-000000042-7");
    // 000000001: table[0][1] = 3
    EXPECT_EQ(formatParcheminNumber(1), "CERES-000000001-3");
    // nines cycle the interim 0 -> 2 -> 9 -> 0, nine of them end on 0
    EXPECT_EQ(formatParcheminNumber(999999999), "CERES-999999999-0");
    EXPECT_EQ(dammCheckDigit(""), '0');
    EXPECT_FALSE(dammCheckDigit("57A"));
    EXPECT_FALSE(dammCheckDigit("000-042"));
}

// The pair of bodies MOD 37-36 could not tell apart: their Damm digits differ.
TEST(R_DOC_2_ParcheminNumber, TellsApartTheSwapTheHybridSystemMissed) {
    EXPECT_NE(dammCheckDigit("2026123456"), dammCheckDigit("2026132456"));
    EXPECT_NE(formatParcheminNumber(123456)->back(), formatParcheminNumber(132456)->back());
}

// 200 sequences spread over the whole range (Knuth's multiplicative hash), and the last one.
std::vector<std::string> sampleNumbers() {
    std::vector<std::string> numbers;
    for (std::int64_t k = 0; k < 200; ++k) {
        numbers.push_back(*formatParcheminNumber(1 + (k * 2'654'435'761LL) % kMaxParcheminSequence));
    }
    numbers.push_back(*formatParcheminNumber(kMaxParcheminSequence));
    return numbers;
}

// Every character of the printed number is guarded: the digits by the check digit, the rest by the
// format.
TEST(R_DOC_2_ParcheminNumber, RefusesEverySingleWrongCharacter) {
    constexpr std::string_view kCharacters = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
    for (const std::string& good : sampleNumbers()) {
        ASSERT_TRUE(isValidParcheminNumber(good)) << good;
        for (std::size_t i = 0; i < good.size(); ++i) {
            for (char c : kCharacters) {
                if (c == good[i]) continue;
                std::string bad = good;
                bad[i] = c;
                EXPECT_FALSE(isValidParcheminNumber(bad)) << good << " -> " << bad;
            }
        }
    }
}

TEST(R_DOC_2_ParcheminNumber, RefusesEverySwapOfAdjacentCharacters) {
    int swaps = 0;
    for (const std::string& good : sampleNumbers()) {
        for (std::size_t i = 0; i + 1 < good.size(); ++i) {
            if (good[i] == good[i + 1]) continue;
            std::string swapped = good;
            std::swap(swapped[i], swapped[i + 1]);
            EXPECT_FALSE(isValidParcheminNumber(swapped)) << good << " -> " << swapped;
            ++swaps;
        }
    }
    EXPECT_GT(swaps, 2000);
}

// Numbers issued before this service are reprinted as they are; ours must be valid.
TEST(R_DOC_2_ParcheminNumber, LegacyNumbersPassOursAreChecked) {
    for (const char* legacy : {"TP2019-33-000123", "33-2026-000123-B", "ceres-000000042-7"}) {
        EXPECT_TRUE(isLegacyParcheminNumber(legacy)) << legacy;
        EXPECT_TRUE(hasValidCheckCharacter(legacy)) << legacy;
    }
    EXPECT_FALSE(isLegacyParcheminNumber("CERES-000000042-7"));
    EXPECT_TRUE(hasValidCheckCharacter("CERES-000000042-7"));
    // A typo beside the prefix does not turn one of our numbers into an older one.
    for (const char* wrong : {"CERES-000000042-8", "CERES-000000024-7", "CERES-", "CERES-42", "CERES000000042-7",
                              "CERES0-00000042-7"}) {
        EXPECT_FALSE(isLegacyParcheminNumber(wrong)) << wrong;
        EXPECT_FALSE(hasValidCheckCharacter(wrong)) << wrong;
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

// RULES.md R-HAB-8 Reading: the export says, in plain words, whether the juror appears in the
// search and whether the juror may sit on as_of; recently expired is listed, not convocable.
struct ExportFactCase {
    const char* name;
    std::size_t juror;
    const char* habilitation_end;  // nullptr: as in the example
    const char* search_fact;
    const char* sitting_fact;
};

class R_HAB_8_JurorExportFacts : public ::testing::TestWithParam<ExportFactCase> {};

TEST_P(R_HAB_8_JurorExportFacts, PlainWords) {
    const ExportFactCase& c = GetParam();
    JurorExportPayload p = test::jurorExportExample();  // as of 2026-04-02
    if (c.habilitation_end) p.jurors[c.juror].habilitations[0].end = day(c.habilitation_end);
    const JurorExportRow row = jurorExportRow(p, c.juror);
    ASSERT_EQ(row.habilitations.size(), 1u);
    EXPECT_EQ(searchFact(row.habilitations[0]), c.search_fact);
    EXPECT_EQ(sittingFact(row.habilitations[0], p.as_of), c.sitting_fact);
}

constexpr const char* kListed = "Apparaît dans la recherche des jurés habilités";
constexpr const char* kNotListed = "N'apparaît pas dans la recherche des jurés habilités";
constexpr const char* kSits = "Peut siéger le 02/04/2026";
constexpr const char* kDoesNotSit = "Ne peut pas siéger le 02/04/2026";

INSTANTIATE_TEST_SUITE_P(
    Table, R_HAB_8_JurorExportFacts,
    ::testing::Values(ExportFactCase{"running", 0, nullptr, kListed, kSits},
                      ExportFactCase{"aligned_and_extended", 2, nullptr, kListed, kSits},
                      ExportFactCase{"expired_four_months_ago", 3, nullptr, kListed, kDoesNotSit},
                      ExportFactCase{"expired_seven_months_ago", 3, "2025-09-01", kNotListed, kDoesNotSit},
                      ExportFactCase{"ended_yesterday_on_a_valid_title", 1, "2026-04-01", kNotListed, kDoesNotSit}),
    [](const auto& info) { return std::string(info.param.name); });

// RULES.md R-DOC-5 Reading: the 12 calendar months ending with as_of's month, up to as_of
TEST(R_DOC_5_Dashboard, WindowIsTwelveMonthsEndingWithAsOf) {
    const DashboardCounts counts = countDashboard(test::dashboardExample());
    EXPECT_EQ(counts.window.from, day("2025-12-01"));
    EXPECT_EQ(counts.window.to, day("2026-11-01"));
    ASSERT_EQ(counts.months.size(), 12u);
    EXPECT_EQ(counts.months.front(), "2025-12");
    EXPECT_EQ(counts.months.back(), "2026-11");
}

struct WindowCase {
    const char* name;
    const char* as_of;
    const char* from;
    const char* first_month;
};

class R_DOC_5_Window : public ::testing::TestWithParam<WindowCase> {};

TEST_P(R_DOC_5_Window, EndsOnAsOf) {
    const Period window = reading::dashboardWindow(day(GetParam().as_of));
    EXPECT_EQ(window.from, day(GetParam().from));
    EXPECT_EQ(window.to, day(GetParam().as_of));
    DashboardPayload p{Profile::Ud, "33", day(GetParam().as_of), {}};
    EXPECT_EQ(countDashboard(p).months.front(), GetParam().first_month);
}

INSTANTIATE_TEST_SUITE_P(Table, R_DOC_5_Window,
                         ::testing::Values(WindowCase{"first_of_month", "2026-11-01", "2025-12-01", "2025-12"},
                                           WindowCase{"mid_month", "2026-11-15", "2025-12-01", "2025-12"},
                                           WindowCase{"january", "2026-01-31", "2025-02-01", "2025-02"},
                                           WindowCase{"december", "2026-12-31", "2026-01-01", "2026-01"},
                                           WindowCase{"leap_day", "2028-02-29", "2027-03-01", "2027-03"}),
                         [](const auto& info) { return std::string(info.param.name); });

// seed 000:76-81 UD: agréments instruits, contrôles, rapports publiés
TEST(R_DOC_5_Dashboard, UdCountsItsThreeIndicators) {
    const DashboardCounts counts = countDashboard(test::dashboardExample());
    ASSERT_EQ(counts.indicators.size(), 3u);
    EXPECT_EQ(counts.indicators[0].type, EventType::AgrementInstruit);
    EXPECT_EQ(counts.indicators[0].total, 2);
    EXPECT_EQ(counts.indicators[0].per_month[1], 1);  // 2026-01
    EXPECT_EQ(counts.indicators[0].per_month[3], 1);  // 2026-03
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
        {EventType::Controle, day("2025-12-01"), std::string("33"), {}, {}},  // first day: in
        {EventType::Controle, day("2025-11-30"), std::string("33"), {}, {}},  // day before: out
        {EventType::Controle, day("2026-11-15"), std::string("33"), {}, {}},  // as_of: in
        {EventType::Controle, day("2026-11-16"), std::string("33"), {}, {}},  // after as_of: out
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

// RULES.md R-DOC-7: a withdrawn parchemin is never reprinted nor batched
TEST(R_DOC_7_Withdrawal, NotWithdrawnMayBeReissued) {
    EXPECT_TRUE(checkMayReissue(std::nullopt).isAllowed());
}

TEST(R_DOC_7_Withdrawal, WithdrawnIsRefusedWithDateAndReason) {
    const Outcome refused = checkMayReissue(Withdrawal{day("2026-07-03"), "Fraude constatée"});
    ASSERT_EQ(refused.violations.size(), 1u);
    EXPECT_EQ(refused.violations[0].rule, "R-DOC-7");
    EXPECT_NE(refused.violations[0].message.find("03/07/2026"), std::string::npos) << refused.violations[0].message;
    EXPECT_NE(refused.violations[0].message.find("Fraude constatée"), std::string::npos);
}

}  // namespace
}  // namespace ceres::domain
