#pragma once
// Test signing material made by scripts/make-test-signing-pair.sh, an NSS database that trusts
// its CA, and what poppler's pdfsig says of a PDF.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "../render/pdf_probe.h"

namespace ceres::sign::test {

class TestPki {
public:
    // `key`: "rsa" or "ec".
    explicit TestPki(const std::string& key) {
        dir_ = std::filesystem::path(testing::TempDir()) /
               ("ceres_pki_" + key + "_" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        run("bash '" CERES_SOURCE_DIR "/scripts/make-test-signing-pair.sh' '" + dir_.string() + "' " + key);
        std::filesystem::create_directories(dir_ / "nss");
        std::filesystem::create_directories(dir_ / "empty-nss");
        for (const char* db : {"nss", "empty-nss"})
            run("certutil -N -d 'sql:" + (dir_ / db).string() + "' --empty-password");
        run("certutil -A -d 'sql:" + nss().string() + "' -n 'CERES test CA' -t CT,C,C -i '" +
            (dir_ / "ca.pem").string() + "'");
    }
    ~TestPki() { std::filesystem::remove_all(dir_); }
    TestPki(const TestPki&) = delete;
    TestPki& operator=(const TestPki&) = delete;

    std::filesystem::path certificate() const { return dir_ / "signer.pem"; }
    std::filesystem::path key() const { return dir_ / "signer-key.pem"; }
    std::filesystem::path nss() const { return dir_ / "nss"; }              // trusts the test CA
    std::filesystem::path emptyNss() const { return dir_ / "empty-nss"; }   // trusts nothing

private:
    static void run(const std::string& command) {
        const auto result = render::test::runCommand(command);
        if (result.status != 0) throw std::runtime_error(command + " failed: " + result.output);
    }
    std::filesystem::path dir_;
};

// pdfsig's report on `pdf`, certificates checked against the NSS database `nss`.
inline std::string pdfsig(const std::string& pdf, const std::filesystem::path& nss) {
    render::test::TempFile file(pdf, "signed.pdf");
    return render::test::runCommand("pdfsig -nssdir 'sql:" + nss.string() + "' " + file.path()).output;
}

}  // namespace ceres::sign::test
