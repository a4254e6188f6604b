// A job rendered on several threads gives what it gives on one: the same documents in the same
// order, byte for byte, parchemin numbers reserved in the candidates' order, progress counted
// one by one, and the error of the first failing document.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

#include "domain/parchemin_number.h"
#include "files.h"
#include "jobs/parallel.h"
#include "jobs/pipeline.h"
#include "local_store.h"

namespace fs = std::filesystem;
using namespace ceres;

namespace {

// The sample session with `count` candidates: the sample's five (ADMIS, AJOURNE, ADMIS, ABSENT,
// ADMIS) over and over, each with an id and a birth day of its own.
std::string sessionOf(int count) {
    Poco::JSON::Parser parser;
    auto job = parser.parse(jobs::test::sample("session-results.json")).extract<Poco::JSON::Object::Ptr>();
    auto payload = job->getObject("payload");
    const auto sample = payload->getArray("candidates");
    Poco::JSON::Array::Ptr candidates = new Poco::JSON::Array;
    for (int i = 0; i < count; ++i) {
        std::ostringstream copy;
        sample->getObject(static_cast<unsigned>(i) % sample->size())->stringify(copy);
        auto candidate = parser.parse(copy.str()).extract<Poco::JSON::Object::Ptr>();
        candidate->set("id", "C-" + std::to_string(800000 + i));
        candidate->set("birth_date", std::to_string(1930 + i) + "-03-1" + std::to_string(i % 10));
        candidates->add(candidate);
    }
    payload->set("candidates", candidates);
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(job, out);
    return out.str();
}

struct Rendered {
    jobs::Outcome outcome;
    std::vector<std::pair<int, int>> progress;
};

// In a store of its own, so that both renders number their parchemins from 1.
Rendered renderOn(unsigned threads, const std::string& job, const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("ceres-parallel-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    Rendered rendered;
    {
        auto store = jobs::test::localStore(dir);
        auto sealer = jobs::test::developmentSealer();
        jobs::Context context;
        context.resources = CERES_SOURCE_DIR;
        context.registry = &store->parchemins();
        context.sealer = sealer.get();
        context.render_threads = threads;
        jobs::Pipeline pipeline(context);
        rendered.outcome = pipeline.render(job, [&](int done, int total) { rendered.progress.emplace_back(done, total); });
    }
    fs::remove_all(dir);
    return rendered;
}

TEST(ParallelRender, SessionOnFourThreadsGivesTheBytesOfOneThread) {
    const std::string job = sessionOf(23);  // 14 ADMIS: 1 PV général, 23 PV individuels, 14 parchemins
    const Rendered one = renderOn(1, job, "one");
    const Rendered four = renderOn(4, job, "four");
    ASSERT_EQ(one.outcome.verdict, jobs::Verdict::Done) << jobs::problemsToJson(one.outcome.problems);
    ASSERT_EQ(four.outcome.verdict, jobs::Verdict::Done) << jobs::problemsToJson(four.outcome.problems);
    ASSERT_EQ(one.outcome.documents.size(), 38u);
    ASSERT_EQ(four.outcome.documents.size(), one.outcome.documents.size());
    for (std::size_t i = 0; i < one.outcome.documents.size(); ++i) {
        const jobs::Document& a = one.outcome.documents[i];
        const jobs::Document& b = four.outcome.documents[i];
        EXPECT_EQ(b.file_name, a.file_name) << "document " << i;
        EXPECT_EQ(b.sha256, a.sha256) << a.file_name;
        EXPECT_TRUE(b.bytes == a.bytes) << a.file_name << " differs";
        EXPECT_EQ(b.unique_number, a.unique_number) << a.file_name;
    }
    EXPECT_EQ(one.outcome.documents.front().kind, "pv_general");
    EXPECT_EQ(one.outcome.documents[1].kind, "pv_individuel");
    EXPECT_EQ(one.outcome.documents.back().kind, "parchemin");
    // Numbers in the candidates' order, from the store's first.
    ASSERT_EQ(four.outcome.parchemins.size(), 14u);
    for (std::size_t k = 0; k < four.outcome.parchemins.size(); ++k) {
        EXPECT_EQ(four.outcome.parchemins[k].unique_number,
                  domain::formatParcheminNumber(static_cast<std::int64_t>(k + 1)).value_or("?"));
        EXPECT_EQ(*four.outcome.documents[24 + k].unique_number, four.outcome.parchemins[k].unique_number);
    }
    // Progress went up one document at a time to the total, on four threads as on one.
    ASSERT_EQ(four.progress.size(), 38u);
    for (std::size_t k = 0; k < four.progress.size(); ++k)
        EXPECT_EQ(four.progress[k], std::make_pair(static_cast<int>(k + 1), 38));
    EXPECT_EQ(one.progress, four.progress);
}

// A print batch's records are read back, sealed and laid out a chunk at a time on the threads
// while the previous chunk is written: the one PDF and its manifests are those of one thread.
TEST(ParallelRender, PrintBatchOnFourThreadsGivesTheBytesOfOneThread) {
    const fs::path dir = fs::temp_directory_path() / ("ceres-parallel-" + std::to_string(::getpid()) + "-batch");
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        auto store = jobs::test::localStore(dir);
        auto sealer = jobs::test::developmentSealer();
        auto pipelineOn = [&](unsigned threads) {
            jobs::Context context;
            context.resources = CERES_SOURCE_DIR;
            context.registry = &store->parchemins();
            context.sealer = sealer.get();
            context.spool_dir = dir / "spool";
            context.render_threads = threads;
            return std::make_unique<jobs::Pipeline>(context);
        };
        // 80 candidates, 48 ADMIS: more parchemins than one chunk holds.
        const jobs::Outcome session = pipelineOn(4)->render(sessionOf(80));
        ASSERT_EQ(session.verdict, jobs::Verdict::Done) << jobs::problemsToJson(session.problems);
        ASSERT_EQ(session.parchemins.size(), 48u);
        store->parchemins().recordIssued(session.parchemins);
        const std::string batch = jobs::test::sample("print-batch.json");
        std::vector<std::pair<int, int>> progress;
        const jobs::Outcome one = pipelineOn(1)->render(batch);
        const jobs::Outcome four =
            pipelineOn(4)->render(batch, [&](int done, int total) { progress.emplace_back(done, total); });
        ASSERT_EQ(one.verdict, jobs::Verdict::Done) << jobs::problemsToJson(one.problems);
        ASSERT_EQ(four.verdict, jobs::Verdict::Done) << jobs::problemsToJson(four.problems);
        ASSERT_EQ(one.documents.size(), 3u);
        ASSERT_EQ(four.documents.size(), 3u);
        EXPECT_EQ(one.documents[0].pages, 96);
        for (std::size_t i = 0; i < one.documents.size(); ++i) {
            EXPECT_EQ(four.documents[i].file_name, one.documents[i].file_name);
            EXPECT_EQ(four.documents[i].sha256, one.documents[i].sha256) << one.documents[i].file_name;
            EXPECT_TRUE(jobs::test::content(four.documents[i]) == jobs::test::content(one.documents[i]))
                << one.documents[i].file_name << " differs";
        }
        ASSERT_EQ(progress.size(), 48u);
        EXPECT_EQ(progress.back(), std::make_pair(48, 48));
    }
    fs::remove_all(dir);
}

TEST(ParallelRender, TheFirstFailingDocumentNamesTheError) {
    for (unsigned threads : {1u, 2u, 8u}) {
        try {
            jobs::inOrder<int>(50, threads, [](std::size_t i) -> int {
                if (i == 17 || i == 31 || i == 44) throw std::runtime_error("document " + std::to_string(i));
                return static_cast<int>(i);
            });
            ADD_FAILURE() << "no error on " << threads << " threads";
        } catch (const std::runtime_error& e) {
            EXPECT_STREQ(e.what(), "document 17") << threads << " threads";
        }
    }
    const std::vector<int> made = jobs::inOrder<int>(100, 3, [](std::size_t i) { return static_cast<int>(i * i); });
    ASSERT_EQ(made.size(), 100u);
    for (std::size_t i = 0; i < made.size(); ++i) EXPECT_EQ(made[i], static_cast<int>(i * i));
}

}  // namespace
