// Writes the seeds that need a key: a signed parchemin code (fuzz_verify) and development tokens
// (fuzz_auth). The committed seeds in fuzz/corpus/ come from it: make_seeds fuzz/corpus
#include <filesystem>
#include <fstream>
#include <iostream>

#include "http/auth.h"
#include "seal/sealer.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_seeds CORPUS_DIR\n";
        return 1;
    }
    const std::filesystem::path dir = argv[1];
    const auto write = [&](const std::string& target, const std::string& name, const std::string& bytes) {
        std::filesystem::create_directories(dir / target);
        std::ofstream(dir / target / name, std::ios::binary) << bytes;
    };
    const auto sealer =
        ceres::seal::Sealer::fromFile(std::string(CERES_SOURCE_DIR) + "/samples/keys/dev-seal-private.pem", "DEV1");
    ceres::seal::ParcheminFields f{"CERES-000000042-7", "LEFÈVRE", "Hélène", "1991-04-12", "TP-01318", "3",
                                   "2026-05-29",        "33",      "2026-05-29"};
    write("fuzz_verify", "seed-valid", sealer.seal(f));
    f.last_name = "N'DIAYE-محمد";
    f.first_names = "Jean-Christophe, Marie";
    f.ud_code = "2A";
    write("fuzz_verify", "seed-valid-arabic", sealer.seal(f));
    const auto now = std::chrono::system_clock::from_time_t(1'780'000'000);
    write("fuzz_auth", "seed-service",
          ceres::http::issueDevelopmentToken("fuzz-development-key", "svc", "SERVICE", "FR", 86400, now));
    write("fuzz_auth", "seed-centre",
          ceres::http::issueDevelopmentToken("fuzz-development-key", "centre", "CENTRE", "78184280200048", 86400, now));
    write("fuzz_auth", "seed-ud", ceres::http::issueDevelopmentToken("fuzz-development-key", "ud", "UD", "33", 86400, now));
    return 0;
}
