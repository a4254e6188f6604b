// Print batch speed and memory through the real pipeline (job JSON -> renderPrintBatch -> spooled
// PDF + manifests), one thread, with a registry standing for the store: distinct holders
// (accented names, addresses, birth dates), three titles, postal codes in order, issued with the
// jobs layer's own record format and read back one at a time.
//
//   bench_jobs --pages N [--keep FILE]   one batch of N pages (N/2 parchemins), one line of
//                                        figures and a JSON line; run each size in its own process
//                                        so that the peak RSS is that size's
//   bench_jobs [benchmark flags]          Google Benchmark: a 2,000-page batch, repeated
//
// Targets (issue #7): >= 5,000 pages/s on one core with signing and barcodes, peak memory under
// 64 MiB at 1,000 and at 100,000 pages, under 3 KB per page.
#include <Poco/JSON/Parser.h>
#include <benchmark/benchmark.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/parchemin_number.h"
#include "jobs/parchemin_registry.h"
#include "jobs/parchemins.h"
#include "jobs/job.h"
#include "jobs/payload.h"
#include "jobs/pipeline.h"
#include "seal/sealer.h"

namespace {

namespace fs = std::filesystem;
using namespace ceres;

const fs::path kSource = CERES_SOURCE_DIR;

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

double threadCpuSeconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double peakRssMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

const char* const kSyllables[] = {"Le", "Ma", "Dé", "Ro", "Bé", "Ga", "Fo", "Mé", "Pi", "Ché", "Lu", "Vi", "Ça", "No", "Ré", "Zo"};
const char* const kEndings[] = {"vre", "rtin", "rand", "ssier", "lanc", "rnier", "ntaine", "rcier",
                                "card", "valier", "brun", "dal", "nçon", "ël", "gnier", "zière"};
const char* const kFirstNames[] = {"Hélène", "Loïc",   "François", "Maëlle", "Jérôme", "Inès",  "Noël",  "Chloé",
                                   "Aminata", "Zoé",   "Dmitri",   "Éloïse", "Gaël",   "Anaïs", "Cécile", "Joël",
                                   "Mathéo", "Léa",    "Bérénice", "Côme",   "Aurélien", "Héloïse", "Nadège", "Raphaël",
                                   "Thérèse", "Yannick", "Solène", "Adèle",  "Benoît", "Sébastien", "Œdipe", "Ève"};
const char* const kStreets[] = {"rue de la Benauge", "cours de l'Yser", "place Stalingrad", "quai des Chartrons",
                                "avenue Thiers", "rue Sainte-Catherine", "allée de Tourny", "rue du Château-Trompette",
                                "boulevard Président-Wilson", "impasse des Lilas", "chemin de Pessac", "rue Émile-Zola"};
const char* const kCommunes[] = {"Bordeaux", "Bègles", "Mérignac", "Pessac", "Talence", "Gradignan", "Cenon",
                                 "Lormont", "Floirac", "Eysines", "Le Bouscat", "Bruges", "Saint-Médard-en-Jalles"};

// The sample session, as three titles: what one UD's month of diplomas looks like.
std::vector<domain::SessionResultsPayload> sessions() {
    const auto job = jobs::typedJob(std::get<std::shared_ptr<const rapidjson::Document>>(
        jobs::parseJsonObject(readFile(kSource / "samples" / "session-results.json"))));
    const auto base = jobs::payloadAs<domain::SessionResultsPayload>(job);
    std::vector<domain::SessionResultsPayload> all(3, base);
    all[1].title.code = "TP-00307";
    all[1].title.libelle = "Assistant(e) de vie aux familles";
    all[1].session.id = "TITRE_T_2026_299101";
    all[2].title.code = "TP-01281";
    all[2].title.libelle = "Conseiller(ère) en insertion professionnelle";
    all[2].title.level = "5";
    all[2].session.id = "TITRE_T_2026_299187";
    return all;
}

// Stands for the store: the batch's records are made before the clock starts, written one per
// line to a file, and read back a line at a time while the batch renders (as the store pages
// through its table), so that memory holds only the record being rendered.
class SyntheticRegistry final : public jobs::ParcheminRegistry {
public:
    explicit SyntheticRegistry(fs::path file) : file_(std::move(file)), sessions_(sessions()) {}
    ~SyntheticRegistry() override { fs::remove(file_); }

    // The next batch holds `count` parchemins: distinct holders, postal codes in order.
    void prepare(std::size_t count) {
        count_ = count;
        std::ofstream out(file_, std::ios::binary | std::ios::trunc);
        for (std::size_t i = 0; i < count; ++i) {
            const jobs::ParcheminRecord made = record(i, count);
            out << made.unique_number << '\t' << made.postal_code << '\t' << made.data_json << '\n';
        }
        if (!out) throw std::runtime_error("cannot write " + file_.string());
    }

    jobs::ParcheminRecord issue(const jobs::ParcheminKey&, const std::string&, const std::string&, const std::string&,
                                const std::string&) override {
        throw std::logic_error("the benchmark issues nothing");
    }
    std::optional<jobs::ParcheminRecord> find(const jobs::ParcheminKey&) override { return std::nullopt; }
    std::optional<jobs::ParcheminRecord> findByNumber(const std::string&) override { return std::nullopt; }
    std::optional<domain::Withdrawal> withdrawalOf(const std::string&) override { return std::nullopt; }
    jobs::PrintBatch openBatch(const std::string& ud, const std::string& from, const std::string& to) override {
        return {"batch_bench", ud, from, to, false, count_};
    }
    void forEachInBatch(const std::string&, const jobs::ParcheminVisitor& visit) override {
        if (count_ == 0) return;
        std::ifstream in(file_, std::ios::binary);
        jobs::ParcheminRecord record;
        std::string line;
        while (std::getline(in, line)) {
            const auto first_tab = line.find('\t'), second_tab = line.find('\t', first_tab + 1);
            record.unique_number.assign(line, 0, first_tab);
            record.postal_code.assign(line, first_tab + 1, second_tab - first_tab - 1);
            record.data_json.assign(line, second_tab + 1, std::string::npos);
            visit(record);
        }
    }
    std::optional<jobs::PrintBatch> findBatch(const std::string&) override { return std::nullopt; }
    bool acknowledgeBatch(const std::string&) override { return false; }

private:
    jobs::ParcheminRecord record(std::size_t i, std::size_t count) const {
        const auto& session = sessions_[(i * 7) % sessions_.size()];
        domain::Candidate c = session.candidates.front();
        c.id = "C-" + std::to_string(100000 + i);
        c.last_name = std::string(kSyllables[i % 16]) + kSyllables[(i / 16) % 16] + kEndings[(i / 256) % 16];
        c.first_name = kFirstNames[(i * 13) % 32];
        c.birth_date = *domain::Date::fromYmd(1960 + static_cast<int>(i % 45), 1 + static_cast<int>(i % 12),
                                             1 + static_cast<int>(i % 28));
        c.birth_commune = kCommunes[(i * 5) % 13];
        char postal_code[8];
        std::snprintf(postal_code, sizeof postal_code, "%05zu", 1000 + i * 94000 / std::max<std::size_t>(count, 1));
        c.address.line1 = std::to_string(1 + i % 180) + " " + kStreets[i % 12];
        c.address.postal_code = postal_code;
        c.address.commune = kCommunes[i % 13];
        jobs::ParcheminRecord record;
        record.unique_number = *domain::formatParcheminNumber(static_cast<std::int64_t>(1 + i));
        record.postal_code = postal_code;
        record.data_json = jobs::parcheminRecordData(session, c);
        return record;
    }

    fs::path file_;
    std::size_t count_ = 0;
    std::vector<domain::SessionResultsPayload> sessions_;
};

const seal::Sealer& devSealer() {
    static const seal::Sealer sealer =
        seal::Sealer::fromFile(kSource / "samples" / "keys" / "dev-seal-private.pem", "DEV1");
    return sealer;
}

struct Figures {
    int pages = 0;
    std::uint64_t bytes = 0;
    double wall = 0, cpu = 0;
};

jobs::Context contextWith(jobs::ParcheminRegistry& registry, const fs::path& spool) {
    jobs::Context context;
    context.resources = kSource;
    context.registry = &registry;
    context.sealer = &devSealer();
    context.spool_dir = spool;
    return context;
}

const std::string& printBatchJob() {
    static const std::string job = readFile(kSource / "samples" / "print-batch.json");
    return job;
}

// The pipeline with fonts and templates loaded (an empty batch renders first), as in the service.
class Bench {
public:
    Bench()
        : spool_(fs::temp_directory_path() / ("ceres-bench-spool-" + std::to_string(::getpid()))),
          registry_(fs::temp_directory_path() / ("ceres-bench-records-" + std::to_string(::getpid()))),
          pipeline_(contextWith(registry_, spool_)) {
        pipeline_.render(printBatchJob());
    }
    ~Bench() { fs::remove_all(spool_); }

    // The store's rows for a batch of `parchemins` holders (twice as many pages).
    void prepare(std::size_t parchemins) { registry_.prepare(parchemins); }

    // One print batch through Pipeline::render, timed.
    Figures run(const fs::path& keep = {}) {
        const auto wall_start = std::chrono::steady_clock::now();
        const double cpu_start = threadCpuSeconds();
        const jobs::Outcome outcome = pipeline_.render(printBatchJob());
        Figures f;
        f.cpu = threadCpuSeconds() - cpu_start;
        f.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
        if (outcome.verdict != jobs::Verdict::Done) throw std::runtime_error(jobs::problemsToJson(outcome.problems));
        for (const auto& d : outcome.documents) {
            if (d.kind != "print_batch") continue;
            f.pages = d.pages;
            f.bytes = d.size();
            if (!keep.empty()) fs::copy_file(d.spool->path(), keep, fs::copy_options::overwrite_existing);
        }
        return f;
    }

private:
    fs::path spool_;
    SyntheticRegistry registry_;
    jobs::Pipeline pipeline_;
};

int runOnce(int pages, const fs::path& keep) {
    Bench bench;
    bench.prepare(static_cast<std::size_t>(pages / 2));
    const Figures f = bench.run(keep);
    const double rss = peakRssMiB();
    std::printf("print batch: %d pages (%d parchemins), %.0f pages/s CPU, %.0f pages/s wall, %.0f bytes/page, "
                "peak RSS %.1f MiB\n",
                f.pages, f.pages / 2, f.pages / f.cpu, f.pages / f.wall, static_cast<double>(f.bytes) / f.pages, rss);
    std::printf("{\"pages\": %d, \"cpu_s\": %.4f, \"wall_s\": %.4f, \"pages_per_s_cpu\": %.1f, "
                "\"pages_per_s_wall\": %.1f, \"bytes\": %llu, \"bytes_per_page\": %.1f, \"peak_rss_mib\": %.1f}\n",
                f.pages, f.cpu, f.wall, f.pages / f.cpu, f.pages / f.wall, static_cast<unsigned long long>(f.bytes),
                static_cast<double>(f.bytes) / f.pages, rss);
    return 0;
}

void BM_PrintBatch2000Pages(benchmark::State& state) {
    static Bench bench;
    Figures f;
    for (auto _ : state) {
        state.PauseTiming();
        bench.prepare(1000);
        state.ResumeTiming();
        f = bench.run();
    }
    state.counters["pages_per_s"] =
        benchmark::Counter(f.pages * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
    state.counters["bytes_per_page"] = static_cast<double>(f.bytes) / f.pages;
    state.counters["peak_rss_MiB"] = peakRssMiB();
}
BENCHMARK(BM_PrintBatch2000Pages)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    int pages = 0;
    fs::path keep;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--pages") == 0) pages = std::atoi(argv[i + 1]);
        if (std::strcmp(argv[i], "--keep") == 0) keep = argv[i + 1];
    }
    if (pages > 0) return runOnce(pages, keep);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
