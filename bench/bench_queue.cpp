// Queue throughput: one worker's submit + claim + complete round trip on SQLite, and 1, 2 and 4
// worker threads draining 2,000 jobs on SQLite and on PostgreSQL (CERES_TEST_PG_URL; start a
// throwaway cluster with scripts/pg-test-cluster.sh). The PostgreSQL runs work in a schema of
// their own, dropped at the end; the connection that creates it migrates the URL's default
// schema like any other start of the service would.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "queue/job_queue.h"
#include "store/database.h"
#include "store/ids.h"

namespace {

using namespace std::chrono_literals;
using namespace ceres;

constexpr int kDrainedJobs = 2'000;

queue::JobRequest benchRequest() {
    return {"convocations", R"({"kind":"convocations","payload":{}})", "", {"bench", ceres::domain::Profile::Service, "FR"}, ""};
}

class ScratchDatabase {
public:
    explicit ScratchDatabase(bool postgres) {
        config_.var_dir = std::filesystem::temp_directory_path() / store::randomId("ceres-bench-");
        if (!postgres) return;
        const std::string url = std::getenv("CERES_TEST_PG_URL");
        admin_ = store::Database::open({url, config_.var_dir});
        schema_ = store::randomId("bench_");
        admin_->connect().session() << "CREATE SCHEMA " + schema_, Poco::Data::Keywords::now;
        config_.database_url = store::postgresConnectionString(url) + " options='-csearch_path=" + schema_ + "'";
    }

    ~ScratchDatabase() {
        if (admin_) admin_->connect().session() << "DROP SCHEMA " + schema_ + " CASCADE", Poco::Data::Keywords::now;
        std::filesystem::remove_all(config_.var_dir);
    }

    const store::StoreConfig& config() const { return config_; }

private:
    store::StoreConfig config_;
    std::unique_ptr<store::Database> admin_;
    std::string schema_;
};

void drain(queue::JobQueue& jobs, int workers) {
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&jobs, w] {
            const auto worker = "worker-" + std::to_string(w);
            while (auto job = jobs.claim(worker, 60s)) jobs.complete(*job, {});
        });
    }
    for (auto& thread : threads) thread.join();
}

void workersDrainingJobs(benchmark::State& state, bool postgres) {
    if (postgres && std::getenv("CERES_TEST_PG_URL") == nullptr) {
        state.SkipWithError("CERES_TEST_PG_URL is not set");
        return;
    }
    ScratchDatabase scratch(postgres);
    auto database = store::Database::open(scratch.config());
    queue::JobQueue jobs(*database);
    for (auto _ : state) {
        state.PauseTiming();
        database->connect().session() << "DELETE FROM jobs", Poco::Data::Keywords::now;
        for (int i = 0; i < kDrainedJobs; ++i) jobs.submit(benchRequest());
        state.ResumeTiming();
        drain(jobs, static_cast<int>(state.range(0)));
    }
    state.SetItemsProcessed(state.iterations() * kDrainedJobs);
}

void BM_SQLite_SubmitClaimComplete(benchmark::State& state) {
    ScratchDatabase scratch(false);
    auto database = store::Database::open(scratch.config());
    queue::JobQueue jobs(*database);
    for (auto _ : state) {
        jobs.submit(benchRequest());
        auto job = jobs.claim("worker", 60s);
        jobs.complete(job.value(), {});
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_SQLite_WorkersDrain2000(benchmark::State& state) { workersDrainingJobs(state, false); }
void BM_PostgreSQL_WorkersDrain2000(benchmark::State& state) { workersDrainingJobs(state, true); }

}  // namespace

BENCHMARK(BM_SQLite_SubmitClaimComplete)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SQLite_WorkersDrain2000)->Arg(1)->Arg(2)->Arg(4)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PostgreSQL_WorkersDrain2000)->Arg(1)->Arg(2)->Arg(4)->Iterations(1)->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
