#pragma once
// Test support: a store of its own under a test's directory, numbering parchemins from its
// sequence, and the development seal key of samples/keys.
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "domain/parchemin_number.h"
#include "seal/sealer.h"
#include "store/store.h"

namespace ceres::jobs::test {

inline std::unique_ptr<store::Store> localStore(const std::filesystem::path& var_dir) {
    store::StoreConfig config;
    config.var_dir = var_dir;
    return std::make_unique<store::Store>(config, [](std::uint64_t sequence) {
        auto n = domain::formatParcheminNumber(static_cast<std::int64_t>(sequence));
        if (!n) throw std::runtime_error("sequence exhausted");
        return *n;
    });
}

inline std::filesystem::path sampleKeys() { return std::filesystem::path(CERES_SOURCE_DIR) / "samples" / "keys"; }

inline std::unique_ptr<seal::Sealer> developmentSealer() {
    return std::make_unique<seal::Sealer>(seal::Sealer::fromFile(sampleKeys() / "dev-seal-private.pem", "DEV1"));
}

}  // namespace ceres::jobs::test
