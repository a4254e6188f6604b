#include "store/parchemin_store.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/test_database.h"

namespace ceres::store {
namespace {

using testing::BackendTest;

std::string formatForTest(std::uint64_t value) {
    auto digits = std::to_string(value);
    return "P" + std::string(digits.size() < 6 ? 6 - digits.size() : 0, '0') + digits;
}

jobs::ParcheminKey keyOf(const std::string& candidate) { return {candidate, "TP-01281", "S-2026-0042"}; }

class ParcheminStoreTest : public BackendTest {
protected:
    void SetUp() override {
        BackendTest::SetUp();
        if (IsSkipped()) return;
        database = Database::open(config());
        parchemins = std::make_unique<ParcheminStore>(*database, formatForTest);
    }

    jobs::ParcheminRecord issue(const std::string& candidate, const std::string& ud = "75",
                                const std::string& on = "2026-03-12", const std::string& postal_code = "75011") {
        return parchemins->issue(keyOf(candidate), ud, on, postal_code, R"({"candidate":")" + candidate + "\"}");
    }

    std::vector<std::string> candidatesOf(const jobs::PrintBatch& batch, ParcheminStore* store = nullptr) {
        std::vector<std::string> candidates;
        (store ? store : parchemins.get())->forEachInBatch(batch.id, [&](const jobs::ParcheminRecord& item) {
            candidates.push_back(item.key.candidate_id);
        });
        EXPECT_EQ(candidates.size(), batch.size);
        return candidates;
    }

    std::unique_ptr<Database> database;
    std::unique_ptr<ParcheminStore> parchemins;
};

TEST_P(ParcheminStoreTest, NumbersAreFormattedFromTheSequence) {
    EXPECT_EQ(issue("C1").unique_number, "P000001");
    EXPECT_EQ(issue("C2").unique_number, "P000002");
}

TEST_P(ParcheminStoreTest, TheSameKeyKeepsItsNumberAndFirstRecord) {
    const auto first = issue("C1", "75", "2026-03-12", "75011");
    const auto again = issue("C1", "13", "2026-04-01", "13001");
    EXPECT_EQ(again.unique_number, first.unique_number);
    EXPECT_EQ(again.ud_code, "75");
    EXPECT_EQ(again.postal_code, "75011");
    EXPECT_EQ(again.data_json, R"({"candidate":"C1"})");
}

TEST_P(ParcheminStoreTest, FindsByKeyAndByNumber) {
    const auto issued = issue("C1");
    EXPECT_EQ(parchemins->find(keyOf("C1"))->unique_number, issued.unique_number);
    EXPECT_EQ(parchemins->findByNumber(issued.unique_number)->key.candidate_id, "C1");
    EXPECT_FALSE(parchemins->find(keyOf("C2")));
    EXPECT_FALSE(parchemins->findByNumber("P999999"));
}

TEST_P(ParcheminStoreTest, TenThousandNumbersFromFourThreadsAreDistinct) {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 2'500;
    std::mutex mutex;
    std::set<std::string> numbers;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            std::vector<std::string> mine;
            for (int i = 0; i < kPerThread; ++i) mine.push_back(issue("T" + std::to_string(t) + "-" + std::to_string(i)).unique_number);
            std::lock_guard lock(mutex);
            numbers.insert(mine.begin(), mine.end());
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_P(ParcheminStoreTest, ConcurrentIssuesOfOneKeyAgreeOnItsNumber) {
    constexpr int kKeys = 200;
    std::vector<std::vector<std::string>> seen(4);
    std::vector<std::thread> threads;
    for (auto& numbers : seen) {
        threads.emplace_back([&] {
            for (int i = 0; i < kKeys; ++i) numbers.push_back(issue("K" + std::to_string(i)).unique_number);
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& numbers : seen) EXPECT_EQ(numbers, seen.front());
    std::set<std::string> expected;
    for (int i = 1; i <= kKeys; ++i) expected.insert(formatForTest(static_cast<std::uint64_t>(i)));
    EXPECT_EQ(std::set<std::string>(seen.front().begin(), seen.front().end()), expected)
        << "the calls that lost a key to another leave no number unused";
}

// kill -9 of a process in the middle of its reservations (as of a worker mid-job): whatever
// it had not committed is taken back, so the numbers reserved after it follow without a gap.
TEST_P(ParcheminStoreTest, AProcessKilledWhileReservingLeavesNoGap) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        try {
            auto own_database = Database::open(config());
            ParcheminStore own(*own_database, formatForTest);
            for (int i = 0;; ++i) own.reserve(keyOf("killed-" + std::to_string(i)), "75", "2026-03-12", "75011", "{}");
        } catch (...) {
        }
        _exit(1);
    }
    auto connection = database->connect();
    std::int64_t reserved = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (reserved < 300 && std::chrono::steady_clock::now() < deadline) {
        connection.session() << "SELECT COUNT(*) FROM parchemin_reservations", Poco::Data::Keywords::into(reserved),
            Poco::Data::Keywords::now;
    }
    kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child stopped reserving by itself";
    ASSERT_GE(reserved, 300) << "the child reserved too slowly";
    for (int i = 0; i < 50; ++i) parchemins->reserve(keyOf("after-" + std::to_string(i)), "75", "2026-03-12", "75011", "{}");
    std::int64_t count = 0, span = 0;
    connection.session() << "SELECT COUNT(*), MAX(seq) - MIN(seq) + 1 FROM parchemin_reservations",
        Poco::Data::Keywords::into(count), Poco::Data::Keywords::into(span), Poco::Data::Keywords::now;
    EXPECT_EQ(span, count) << "numbers without a gap";
}

// Each child process opens its own connections, issues numbers for keys shared with the
// others and keys of its own, and writes "candidate number" lines for the parent to check.
TEST_P(ParcheminStoreTest, FourProcessesNeverShareANumber) {
    constexpr int kProcesses = 4;
    constexpr int kKeys = 250;
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            int status = 0;
            try {
                auto own_database = Database::open(config());
                ParcheminStore own(*own_database, formatForTest);
                std::ofstream out(varDir() / ("child-" + std::to_string(p)));
                for (int i = 0; i < kKeys; ++i) {
                    for (const auto& candidate : {"shared-" + std::to_string(i), "own-" + std::to_string(p) + "-" + std::to_string(i)}) {
                        out << candidate << ' ' << own.issue(keyOf(candidate), "75", "2026-03-12", "75011", "{}").unique_number << '\n';
                    }
                }
            } catch (...) {
                status = 1;
            }
            _exit(status);
        }
        children.push_back(pid);
    }
    for (pid_t child : children) {
        int status = 0;
        ASSERT_EQ(waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    std::map<std::string, std::string> number_of;
    std::set<std::string> numbers;
    for (int p = 0; p < kProcesses; ++p) {
        std::ifstream in(varDir() / ("child-" + std::to_string(p)));
        std::string candidate, number;
        while (in >> candidate >> number) {
            const auto [known, inserted] = number_of.emplace(candidate, number);
            EXPECT_EQ(known->second, number) << candidate;
            if (inserted) {
                EXPECT_TRUE(numbers.insert(number).second) << number << " given twice";
            }
        }
    }
    EXPECT_EQ(number_of.size(), static_cast<std::size_t>(kKeys + kProcesses * kKeys));
}

TEST_P(ParcheminStoreTest, PrintBatchHoldsTheRangeInPostalCodeThenNumberOrder) {
    issue("A", "75", "2026-03-12", "75020");
    issue("B", "75", "2026-03-12", "75001");
    issue("C", "75", "2026-04-02", "75020");
    issue("D", "13", "2026-03-12", "13001");  // another UD
    issue("E", "75", "2026-07-01", "75001");  // after the range
    const auto batch = parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    EXPECT_FALSE(batch.acknowledged);
    EXPECT_EQ(batch.ud_code, "75");
    EXPECT_EQ(batch.issued_from, "2026-01-01");
    EXPECT_EQ(batch.issued_to, "2026-06-30");
    EXPECT_EQ(candidatesOf(batch), (std::vector<std::string>{"B", "A", "C"}));
}

TEST_P(ParcheminStoreTest, ABatchReadAFewAtATimeGivesEveryParcheminOnceInOrder) {
    const std::vector<std::pair<std::string, std::string>> issued = {
        {"A", "75020"}, {"B", "75001"}, {"C", "75020"}, {"D", "75003"}, {"E", "75001"},
        {"F", "75020"}, {"G", ""},      {"H", "75003"}, {"I", "75020"}};
    for (const auto& [candidate, postal_code] : issued) issue(candidate, "75", "2026-03-12", postal_code);
    ParcheminStore two_at_a_time(*database, formatForTest, 2);
    const auto batch = two_at_a_time.openBatch("75", "2026-01-01", "2026-06-30");
    EXPECT_EQ(batch.size, issued.size());
    EXPECT_EQ(candidatesOf(batch, &two_at_a_time),
              (std::vector<std::string>{"G", "B", "E", "D", "H", "A", "C", "F", "I"}));
    ParcheminStore three_at_a_time(*database, formatForTest, 3);  // the last page is full
    EXPECT_EQ(candidatesOf(batch, &three_at_a_time), candidatesOf(batch));
}

TEST_P(ParcheminStoreTest, OpeningTheSameRangeAgainReturnsTheOpenBatch) {
    issue("A");
    const auto first = parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    issue("B");
    const auto again = parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    EXPECT_EQ(again.id, first.id);
    EXPECT_EQ(candidatesOf(again), (std::vector<std::string>{"A"}));
    EXPECT_FALSE(first.reopened);
    EXPECT_TRUE(again.reopened);
}

// The open batch answered again counts what its UD and range hold outside it for the next batch:
// neither another UD, nor another range, nor the open batch of another range.
TEST_P(ParcheminStoreTest, TheOpenBatchAnsweredAgainCountsTheParcheminsWaitingForTheNextOne) {
    issue("A", "75", "2026-03-12");
    const auto first = parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    EXPECT_EQ(first.waiting, 0u);
    issue("B", "75", "2026-03-20");
    issue("C", "75", "2026-05-02");
    issue("D", "13", "2026-03-20");  // another UD
    issue("E", "75", "2026-07-01");  // after the range
    EXPECT_EQ(parchemins->openBatch("75", "2026-01-01", "2026-06-30").waiting, 2u);
    parchemins->openBatch("75", "2026-05-01", "2026-05-31");  // takes C
    const auto again = parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    EXPECT_TRUE(again.reopened);
    EXPECT_EQ(again.size, 1u);
    EXPECT_EQ(again.waiting, 1u);
}

TEST_P(ParcheminStoreTest, AParcheminIsInOneOpenBatchOnly) {
    issue("A", "75", "2026-03-12");
    parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    issue("B", "75", "2026-03-20");
    const auto overlapping = parchemins->openBatch("75", "2026-03-01", "2026-03-31");
    EXPECT_EQ(candidatesOf(overlapping), (std::vector<std::string>{"B"}));
}

TEST_P(ParcheminStoreTest, AcknowledgedParcheminsAreNotBatchedAgain) {
    issue("A");
    const auto batch = parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    EXPECT_TRUE(parchemins->acknowledgeBatch(batch.id));
    EXPECT_FALSE(parchemins->acknowledgeBatch(batch.id));
    EXPECT_FALSE(parchemins->acknowledgeBatch("batch_unknown"));
    const auto next = parchemins->openBatch("75", "2026-01-01", "2026-06-30");
    EXPECT_NE(next.id, batch.id);
    EXPECT_EQ(next.size, 0u);
    EXPECT_TRUE(candidatesOf(next).empty());
}

// Each PV version's results are kept in the candidates' order; a version rendered again replaces
// its own, never another version's or session's.
TEST_P(ParcheminStoreTest, PvResultsAreKeptPerSessionAndVersionAndReplacedWhenRecordedAgain) {
    EXPECT_FALSE(parchemins->pvResults("S-2026-0042", 1));
    jobs::PvResults v1{"S-2026-0042", 1,
                       {{"C2", "Lefèvre", "Hélène", "ADMIS", "CCP1=ACQUIS;CCP2=ACQUIS"},
                        {"C1", "N'Diaye", "Aminata", "AJOURNE", "CCP1=ACQUIS;CCP2=NON_ACQUIS"}}};
    parchemins->recordPvResults(v1);
    jobs::PvResults other{"S-2026-0043", 1, {{"C9", "Durand", "Paul", "ABSENT", "CCP1=ABSENT"}}};
    parchemins->recordPvResults(other);
    const auto read = parchemins->pvResults("S-2026-0042", 1);
    ASSERT_TRUE(read);
    ASSERT_EQ(read->size(), 2u);
    EXPECT_EQ((*read)[0].candidate_id, "C2");
    EXPECT_EQ((*read)[0].last_name, "Lefèvre");
    EXPECT_EQ((*read)[1].candidate_id, "C1");
    EXPECT_EQ((*read)[1].first_name, "Aminata");
    EXPECT_EQ((*read)[1].decision, "AJOURNE");
    EXPECT_EQ((*read)[1].units, "CCP1=ACQUIS;CCP2=NON_ACQUIS");
    EXPECT_FALSE(parchemins->pvResults("S-2026-0042", 2));

    jobs::PvResults again{"S-2026-0042", 1, {{"C1", "N'Diaye", "Aminata", "ADMIS", "CCP1=ACQUIS;CCP2=ACQUIS"}}};
    parchemins->recordPvResults(again);
    const auto replaced = parchemins->pvResults("S-2026-0042", 1);
    ASSERT_TRUE(replaced);
    ASSERT_EQ(replaced->size(), 1u);
    EXPECT_EQ((*replaced)[0].decision, "ADMIS");
    ASSERT_TRUE(parchemins->pvResults("S-2026-0043", 1));
    EXPECT_EQ(parchemins->pvResults("S-2026-0043", 1)->front().candidate_id, "C9");
}

CERES_ON_BOTH_BACKENDS(ParcheminStoreTest);

}  // namespace
}  // namespace ceres::store
