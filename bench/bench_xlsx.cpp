// XLSX writers at scale. The target: 100,000 juror rows in at most one second and less than
// 64 MiB of peak memory (constant-memory mode). bench/run_xlsx_bench.sh runs this next to the
// Python writers of bench/xlsx_peers.py on the same rows.
#include <fstream>
#include <string>

#include <benchmark/benchmark.h>

#include "xlsx/dashboard.h"
#include "xlsx/juror_export.h"
#include "xlsx/print_manifest.h"

namespace {

using namespace ceres::xlsx;
using ceres::domain::Date;

Date day(int year, int month, int day_of_month) {
    return *Date::fromYmd(year, month, day_of_month);  // the days below exist
}

// The rows of synthetic_rows() in bench/xlsx_peers.py, made one at a time while the writer
// asks for them, as the jobs layer makes them from a payload: one habilitation per juror.
class SyntheticRows {
public:
    explicit SyntheticRows(int count) : count_(count) {}

    bool next(JurorRow& row) {
        if (i_ == count_)
            return false;
        const std::string n = std::to_string(i_);
        const std::string two_digits = std::to_string(10 + i_ % 90);
        const bool convocable = i_ % 5 != 0;
        row.last_name.append("Nom").append(n);
        row.first_names.append("Prénom ").append(n);
        row.email.append("jure").append(n).append("@example.fr");
        row.phone_pro.append("+33 5 56 00 ").append(two_digits).append(" 22");
        if (i_ % 3 != 0)
            row.phone_personal.append("06 12 34 56 ").append(two_digits);
        row.address_line.append(n).append(" rue Sainte-Catherine");
        row.postal_code = "33000";
        row.commune = "Bordeaux";
        row.title_code = "TP-01318";
        row.title_libelle = "Employé administratif et d'accueil";
        row.state = "ACTIVE";
        row.start = day(2024, 1, 1 + i_ % 28);
        row.end = day(2028, 10, 31);
        row.convocable = convocable;
        row.reason = convocable ? "en cours" : "non convocable : expirée";
        ++i_;
        return true;
    }

private:
    int count_;
    int i_ = 0;
};

JurorExport syntheticExport() {
    JurorExport input;
    input.centre_siret = "78184280200048";
    input.centre_name = "Fédération compagnonnique du bâtiment";
    input.as_of = day(2026, 4, 2);
    input.titles = {{"TP-01318", "Employé administratif et d'accueil", day(2028, 10, 31), ""}};
    return input;
}

// Peak resident memory of the process so far, in KiB ("VmHWM:" of /proc/self/status).
long peakResidentKib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

// Rows are made while the workbook is written, so the time includes making them (as it does
// for the Python peers). peak_rss_MiB is the whole process's, returned file bytes included.
void BM_JurorExport(benchmark::State& state) {
    const JurorExport input = syntheticExport();
    std::size_t bytes = 0;
    for (auto _ : state) {
        SyntheticRows rows(static_cast<int>(state.range(0)));
        bytes = writeJurorExport(input, [&rows](JurorRow& row) { return rows.next(row); }).size();
    }
    state.counters["rows"] = static_cast<double>(state.range(0));
    state.counters["file_MiB"] = static_cast<double>(bytes) / (1 << 20);
    state.counters["peak_rss_MiB"] = static_cast<double>(peakResidentKib()) / 1024;
}
BENCHMARK(BM_JurorExport)->Arg(1000)->Unit(benchmark::kMillisecond);
// One write per run, so that a run of the process measures exactly one 100,000-row export.
BENCHMARK(BM_JurorExport)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_Dashboard(benchmark::State& state) {
    Dashboard input{"DIRECCTE", "75", day(2026, 11, 1), {}, {}};
    for (int m = 0; m < 12; ++m) input.months.push_back(day(m == 0 ? 2025 : 2026, m == 0 ? 12 : m, 1));
    for (const char* name : {"Agréments instruits", "Contrôles", "Rapports publiés",
                             "Sessions programmées", "Demandes de DTE"})
        input.indicators.push_back({name, std::vector<long>(12, 7)});
    for (auto _ : state)
        benchmark::DoNotOptimize(writeDashboard(input));
}
BENCHMARK(BM_Dashboard)->Unit(benchmark::kMillisecond);

void BM_PrintManifest(benchmark::State& state) {
    PrintManifest input{"33", day(2026, 5, 1), day(2026, 5, 31), {}};
    for (int i = 0; i < state.range(0); ++i)
        input.entries.push_back({i + 1, "TP33-2026-" + std::to_string(100000 + i), "Nom",
                                 "Prénom", "8 rue Sainte-Catherine", "33000", "Bordeaux",
                                 2 * i + 1, 2 * i + 2});
    // Both manifests in one pass, holder by holder, as a print batch writes them.
    for (auto _ : state) {
        std::size_t csv_bytes = 0;
        PrintManifestWriter writer(input.ud_code, input.issued_from, input.issued_to,
                                   [&csv_bytes](std::string_view bytes) { csv_bytes += bytes.size(); });
        for (const ManifestEntry& entry : input.entries)
            writer.add(entry);
        benchmark::DoNotOptimize(writer.finish());
        benchmark::DoNotOptimize(csv_bytes);
    }
}
BENCHMARK(BM_PrintManifest)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
