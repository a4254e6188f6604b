// XLSX writers at scale. The target: 100,000 juror rows in at most one second and less than
// 64 MiB of peak memory (constant-memory mode). bench/run_xlsx_bench.sh runs this next to the
// Python writers of bench/xlsx_peers.py on the same rows.
#include <malloc.h>

#include <fstream>
#include <string>

#include <benchmark/benchmark.h>

#include "xlsx/dashboard.h"
#include "xlsx/juror_export.h"
#include "xlsx/print_manifest.h"

namespace {

using namespace ceres::xlsx;

// The same synthetic rows as bench/xlsx_peers.py: one habilitation per juror, 15 columns.
JurorExport syntheticExport(int jurors) {
    JurorExport input;
    input.centre_siret = "78184280200048";
    input.centre_name = "Fédération compagnonnique du bâtiment";
    input.as_of = {2026, 4, 2};
    input.jurors.reserve(static_cast<std::size_t>(jurors));
    for (int i = 0; i < jurors; ++i) {
        const std::string n = std::to_string(i);
        Juror juror{"Nom" + n, "Prénom " + n, "jure" + n + "@example.fr",
                    "+33 5 56 00 " + std::to_string(10 + i % 90) + " 22", std::nullopt,
                    n + " rue Sainte-Catherine", "33000", "Bordeaux", {}};
        if (i % 3 != 0)
            juror.phone_personal = "06 12 34 56 " + std::to_string(10 + i % 90);
        juror.habilitations.push_back({"TP-01318", "Employé administratif et d'accueil",
                                       "ACTIVE", Date{2024, 1, 1 + i % 28},
                                       Date{2028, 10, 31}, i % 5 != 0,
                                       i % 5 != 0 ? "en cours" : "non convocable : expirée"});
        input.jurors.push_back(std::move(juror));
    }
    input.titles = {{"TP-01318", "Employé administratif et d'accueil", Date{2028, 10, 31}, ""}};
    return input;
}

// Resident memory in KiB from /proc/self/status: "VmRSS:" now, "VmHWM:" the peak.
long residentKib(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0)
            return std::stol(line.substr(std::string(field).size()));
    return 0;
}

// Lets the next VmHWM reading show the peak of what follows only (Linux 4.0 and later).
void resetPeakResident() { std::ofstream("/proc/self/clear_refs") << "5"; }

// The input structs are the caller's and are built before timing; writer_MiB is what writing
// adds on top of them (the returned file bytes included), peak_rss_MiB the whole process.
void BM_JurorExport(benchmark::State& state) {
    const JurorExport input = syntheticExport(static_cast<int>(state.range(0)));
    malloc_trim(0);  // so that memory freed by an earlier run is not counted as input
    const long input_kib = residentKib("VmRSS:");
    resetPeakResident();
    std::size_t bytes = 0;
    for (auto _ : state)
        bytes = writeJurorExport(input).size();
    const long peak_kib = residentKib("VmHWM:");
    state.counters["rows"] = static_cast<double>(state.range(0));
    state.counters["file_MiB"] = static_cast<double>(bytes) / (1 << 20);
    state.counters["peak_rss_MiB"] = static_cast<double>(peak_kib) / 1024;
    state.counters["writer_MiB"] = static_cast<double>(peak_kib - input_kib) / 1024;
}
BENCHMARK(BM_JurorExport)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

void BM_Dashboard(benchmark::State& state) {
    Dashboard input{"DIRECCTE", "75", {2026, 11, 1}, {}, {}};
    for (const char* month : {"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
                              "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"})
        input.months.push_back(month);
    for (const char* name : {"Agréments instruits", "Contrôles", "Rapports publiés",
                             "Sessions programmées", "Demandes de DTE"})
        input.indicators.push_back({name, std::vector<long>(12, 7)});
    for (auto _ : state)
        benchmark::DoNotOptimize(writeDashboard(input));
}
BENCHMARK(BM_Dashboard)->Unit(benchmark::kMillisecond);

void BM_PrintManifest(benchmark::State& state) {
    PrintManifest input{"33", {2026, 5, 1}, {2026, 5, 31}, {}};
    for (int i = 0; i < state.range(0); ++i)
        input.entries.push_back({i + 1, "TP33-2026-" + std::to_string(100000 + i), "Nom",
                                 "Prénom", "8 rue Sainte-Catherine", "33000", "Bordeaux",
                                 2 * i + 1, 2 * i + 2});
    for (auto _ : state) {
        benchmark::DoNotOptimize(writePrintManifestXlsx(input));
        benchmark::DoNotOptimize(writePrintManifestCsv(input));
    }
}
BENCHMARK(BM_PrintManifest)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
