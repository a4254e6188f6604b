// The signed withdrawal list: what the service signs, an offline verifier accepts, and any change
// to a number, a date, the issue time or the key is refused.
#include <gtest/gtest.h>

#include "seal/withdrawal_list.h"
#include "seal_test_support.h"

namespace ceres::seal {
namespace {

using test::dataFile;

Sealer sealer() { return Sealer::fromFile(dataFile("test-seal-a-private.pem"), "TA01"); }

Verifier verifier() {
    Verifier v;
    v.addKeyFile("TA01", dataFile("test-seal-a-public.pem"));
    return v;
}

const std::vector<WithdrawnNumber> kWithdrawn = {{"CERES-000000123-4", "2026-07-03", ""}, {"33-2026-000123-B", "2026-08-01", ""}};

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
}

TEST(WithdrawalList, ASignedListVerifiesAndNamesEveryNumber) {
    const std::string text = signWithdrawalList(sealer(), "2026-12-02T07:30:00Z", kWithdrawn);
    const auto checked = verifyWithdrawalList(verifier(), text);
    ASSERT_TRUE(checked.valid) << checked.reason;
    EXPECT_EQ(checked.list.key_id, "TA01");
    EXPECT_EQ(checked.list.issued_at, "2026-12-02T07:30:00Z");
    ASSERT_TRUE(checked.list.find("CERES-000000123-4"));
    EXPECT_EQ(checked.list.find("CERES-000000123-4")->withdrawn_on, "2026-07-03");
    EXPECT_FALSE(checked.list.find("CERES-000000124-2"));
    EXPECT_EQ(signWithdrawalList(sealer(), "2026-12-02T07:30:00Z", kWithdrawn), text) << "deterministic";
}

TEST(WithdrawalList, AnEmptyListIsSignedToo) {
    const auto checked = verifyWithdrawalList(verifier(), signWithdrawalList(sealer(), "2026-12-02T07:30:00Z", {}));
    ASSERT_TRUE(checked.valid) << checked.reason;
    EXPECT_TRUE(checked.list.withdrawn.empty());
}

TEST(WithdrawalList, AnyChangeBreaksTheSignature) {
    const std::string text = signWithdrawalList(sealer(), "2026-12-02T07:30:00Z", kWithdrawn);
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"2026-07-03", "2026-07-04"}, {"2026-12-02T07:30", "2027-12-02T07:30"}, {"000000123-4", "000000124-2"}}) {
        const auto checked = verifyWithdrawalList(verifier(), replaced(text, from, to));
        EXPECT_FALSE(checked.valid) << from;
        EXPECT_NE(checked.reason.find("does not hold"), std::string::npos) << checked.reason;
    }
    const auto dropped = verifyWithdrawalList(
        verifier(), replaced(text, R"({"unique_number":"33-2026-000123-B","withdrawn_on":"2026-08-01"})", ""));
    EXPECT_FALSE(dropped.valid) << "an entry removed";
}

TEST(WithdrawalList, AnUnknownKeyOrNotAListIsSaidSo) {
    const std::string other = signWithdrawalList(Sealer::fromFile(dataFile("test-seal-b-private.pem"), "TB02"),
                                                 "2026-12-02T07:30:00Z", kWithdrawn);
    EXPECT_NE(verifyWithdrawalList(verifier(), other).reason.find("not a known key"), std::string::npos);
    EXPECT_NE(verifyWithdrawalList(verifier(), "[1,2]").reason.find("not a withdrawal list"), std::string::npos);
    EXPECT_NE(verifyWithdrawalList(verifier(), R"({"format":"other"})").reason.find("not a withdrawal list"),
              std::string::npos);
}

TEST(WithdrawalList, APublicReasonIsSignedWithItsEntry) {
    const std::string text =
        signWithdrawalList(sealer(), "2026-12-02T07:30:00Z", {{"CERES-000000123-4", "2026-07-03", "Fraude à l’examen"}});
    const auto checked = verifyWithdrawalList(verifier(), text);
    ASSERT_TRUE(checked.valid) << checked.reason;
    EXPECT_EQ(checked.list.find("CERES-000000123-4")->reason, "Fraude à l’examen");
    EXPECT_FALSE(verifyWithdrawalList(verifier(), replaced(text, "Fraude", "Erreur")).valid);
    EXPECT_FALSE(verifyWithdrawalList(verifier(), replaced(text, R"(,"reason":"Fraude à l’examen")", "")).valid)
        << "a reason taken out";
}

TEST(WithdrawalList, DatesMustBeWrittenAsTheServiceWritesThem) {
    const std::string text = signWithdrawalList(sealer(), "2026-12-02T07:30:00Z", kWithdrawn);
    EXPECT_NE(verifyWithdrawalList(verifier(), replaced(text, "2026-12-02T07:30:00Z", "2026-12-02T25:30:00Z"))
                  .reason.find("\"issued_at\" is not a UTC time"),
              std::string::npos);
    EXPECT_NE(verifyWithdrawalList(verifier(), replaced(text, "2026-07-03", "2026-02-30"))
                  .reason.find("\"withdrawn/0/withdrawn_on\" is not a day"),
              std::string::npos);
}

TEST(WithdrawalList, AListIsFreshUntilItsMaximumAgeAndNeverFromTheFuture) {
    const auto issued = *issueTimeOf("2026-12-02T07:30:00Z");
    const WithdrawalList list{"TA01", "2026-12-02T07:30:00Z", {}};
    const auto day = std::chrono::hours(24);
    EXPECT_EQ(freshnessProblem(list, issued + 30 * day, 30 * day), "");
    EXPECT_NE(freshnessProblem(list, issued + 31 * day, 30 * day).find("31 days ago, more than the 30 days accepted"),
              std::string::npos);
    EXPECT_EQ(freshnessProblem(list, issued - std::chrono::minutes(4), 30 * day), "") << "clocks a little apart";
    EXPECT_NE(freshnessProblem(list, issued - std::chrono::hours(1), 30 * day).find("in the future"), std::string::npos);
    EXPECT_FALSE(issueTimeOf("2026-12-02T07:30:00+01:00"));
    EXPECT_FALSE(issueTimeOf("2026-02-30T07:30:00Z"));
}

}  // namespace
}  // namespace ceres::seal
