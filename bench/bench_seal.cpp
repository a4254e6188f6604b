// Per-parchemin cost of the seal: the print batch must render 5,000 parchemin pages a second on
// one core, so signing plus the DataMatrix has to stay well under 200 µs.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "seal/barcode.h"
#include "domain/parchemin_number.h"
#include "seal/sealer.h"
#include "seal/verifier.h"

namespace {

using ceres::seal::ParcheminFields;
using ceres::seal::Sealer;

const std::filesystem::path kKeys = std::filesystem::path(CERES_SOURCE_DIR) / "samples" / "keys";

const Sealer& devSealer() {
    static const Sealer sealer = Sealer::fromFile(kKeys / "dev-seal-private.pem", "DEV1");
    return sealer;
}

// A new holder and number each time, as in a print batch (no two parchemins alike).
ParcheminFields parchemin(std::int64_t sequence) {
    ParcheminFields fields;
    fields.unique_number = *ceres::domain::formatParcheminNumber(1 + sequence % ceres::domain::kMaxParcheminSequence);
    fields.last_name = "Смирнов";
    fields.first_names = "Дмитрий";
    fields.birth_date = "1979-02-28";
    fields.title_code = "TP-01318";
    fields.level = "3";
    fields.issued_on = "2026-05-29";
    fields.ud_code = "33";
    fields.signed_on = "2026-05-29";
    return fields;
}

void BM_Seal(benchmark::State& state) {
    std::int64_t sequence = 0;
    for (auto _ : state) benchmark::DoNotOptimize(devSealer().seal(parchemin(sequence++)));
}
BENCHMARK(BM_Seal);

void BM_EncodeDataMatrix(benchmark::State& state) {
    const std::string code = devSealer().seal(parchemin(0));
    for (auto _ : state) benchmark::DoNotOptimize(ceres::seal::encodeDataMatrix(code));
    state.SetLabel(std::to_string(code.size()) + " bytes");
}
BENCHMARK(BM_EncodeDataMatrix);

void BM_SealAndEncodeOneParchemin(benchmark::State& state) {
    std::int64_t sequence = 0;
    for (auto _ : state) {
        const std::string code = devSealer().seal(parchemin(sequence++));
        benchmark::DoNotOptimize(ceres::seal::encodeDataMatrix(code));
        benchmark::DoNotOptimize(ceres::seal::encodeCode128(parchemin(sequence).unique_number));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SealAndEncodeOneParchemin);

void BM_Verify(benchmark::State& state) {
    ceres::seal::Verifier verifier;
    verifier.addKeyFile("DEV1", kKeys / "dev-seal-public.pem");
    const std::string code = devSealer().seal(parchemin(0));
    for (auto _ : state) benchmark::DoNotOptimize(verifier.verify(code));
}
BENCHMARK(BM_Verify);

}  // namespace

BENCHMARK_MAIN();
