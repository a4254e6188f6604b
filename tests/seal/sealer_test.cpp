#include "seal/sealer.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "seal/ecdsa_p256.h"
#include "seal/verifier.h"
#include "seal_test_support.h"

namespace ceres::seal {
namespace {

using test::dataFile;
using test::parchemin;

Sealer testSealer() { return Sealer::fromFile(dataFile("test-seal-a-private.pem"), "TA01"); }

Verifier testVerifier() {
    Verifier verifier;
    verifier.addKeyFile("TA01", dataFile("test-seal-a-public.pem"));
    return verifier;
}

std::string hexToBytes(std::string_view hex) {
    std::string bytes;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    }
    return bytes;
}

TEST(Sealer, LaysOutHeaderFieldsSeparatorsAndSignature) {
    const std::string code = testSealer().seal(parchemin("Lefèvre", "Hélène"));
    const std::string number = test::exampleNumber();
    const std::string signed_part = "DC04CE00TA0125AD25ADTP01FR"
                                    "10" + number + "\x1d"
                                    "11Lefèvre\x1d"
                                    "12Hélène\x1d"
                                    "1312041991"
                                    "14TP-01318\x1d"
                                    "153\x1d"
                                    "1629052026"
                                    "1733";
    ASSERT_EQ(code.size(), signed_part.size() + 1 + 103);
    EXPECT_EQ(code.substr(0, signed_part.size()), signed_part);
    EXPECT_EQ(code[signed_part.size()], '\x1f');
    EXPECT_EQ(code.substr(signed_part.size() + 1).find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
              std::string::npos);
}

TEST(Sealer, SealsWhatTheVerifierAccepts) {
    const Sealer sealer = testSealer();
    const Verifier verifier = testVerifier();
    for (const ParcheminFields& fields : test::parcheminsInManyScripts()) {
        const Verification result = verifier.verify(sealer.seal(fields));
        ASSERT_TRUE(result.valid()) << result.reason;
        EXPECT_EQ(result.fields, fields);
        EXPECT_EQ(result.key_id, "TA01");
    }
}

TEST(Sealer, GivesTheSameBytesEveryTime) {
    const ParcheminFields fields = parchemin("Смирнов", "Дмитрий");
    const std::string first = testSealer().seal(fields);
    EXPECT_EQ(testSealer().seal(fields), first) << "a new sealer with the same key";
    const Sealer sealer = testSealer();
    EXPECT_EQ(sealer.seal(fields), sealer.seal(fields));
}

TEST(Sealer, GivesTheSameBytesFromConcurrentWorkers) {
    const Sealer sealer = testSealer();
    const ParcheminFields fields = parchemin("Παπαδόπουλος", "Αθηνά");
    const std::string expected = sealer.seal(fields);
    std::vector<std::string> codes(4);
    std::vector<std::thread> workers;
    for (std::string& code : codes) {
        workers.emplace_back([&] {
            for (int i = 0; i < 50; ++i) code = sealer.seal(fields);
        });
    }
    for (std::thread& worker : workers) worker.join();
    for (const std::string& code : codes) EXPECT_EQ(code, expected);
}

TEST(Sealer, SignsThroughRfc6979DeterministicNonces) {
    // RFC 6979 appendix A.2.5, P-256 with SHA-256.
    const P256Signer signer(readPemFile(dataFile("rfc6979-p256-private.pem")));
    EXPECT_EQ(signer.sign("sample"),
              hexToBytes("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                         "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"));
    EXPECT_EQ(signer.sign("test"),
              hexToBytes("F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                         "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"));
}

TEST(Sealer, DifferentHoldersGetDifferentSignatures) {
    const Sealer sealer = testSealer();
    const std::string a = sealer.seal(parchemin("Lefèvre", "Hélène"));
    const std::string b = sealer.seal(parchemin("Lefèvre", "Helene"));
    EXPECT_NE(a.substr(a.find('\x1f')), b.substr(b.find('\x1f')));
}

TEST(Sealer, MarksDatesBefore2000AsAbsentInTheHeaderButKeepsTheField) {
    ParcheminFields fields = parchemin("Durand", "Paul");
    fields.issued_on = "1998-06-30";
    const std::string code = testSealer().seal(fields);
    EXPECT_EQ(code.substr(12, 8), "FFFF25AD");
    const Verification result = testVerifier().verify(code);
    ASSERT_TRUE(result.valid()) << result.reason;
    EXPECT_EQ(result.fields.issued_on, "1998-06-30");
}

TEST(Sealer, RefusesFieldsThatCannotBeSealed) {
    const Sealer sealer = testSealer();
    const auto refuses = [&](auto change) {
        ParcheminFields fields = parchemin("Lefèvre", "Hélène");
        change(fields);
        EXPECT_THROW(sealer.seal(fields), std::invalid_argument);
    };
    refuses([](ParcheminFields& f) { f.unique_number.back() = f.unique_number.back() == '0' ? '1' : '0'; });
    refuses([](ParcheminFields& f) { f.unique_number = "CERES-000000123"; });
    refuses([](ParcheminFields& f) { f.unique_number = "33-2026-000123-b"; });
    refuses([](ParcheminFields& f) { f.last_name = ""; });
    refuses([](ParcheminFields& f) { f.last_name = "Lef\x1d" "evre"; });
    refuses([](ParcheminFields& f) { f.last_name = "Lef<GS>evre"; });
    refuses([](ParcheminFields& f) { f.first_names = "H\xC3"; });
    refuses([](ParcheminFields& f) { f.first_names = std::string(401, 'A'); });
    refuses([](ParcheminFields& f) { f.birth_date = "1991-02-30"; });
    refuses([](ParcheminFields& f) { f.birth_date = "12/04/1991"; });
    refuses([](ParcheminFields& f) { f.title_code = "tp-01318"; });
    refuses([](ParcheminFields& f) { f.level = ""; });
    refuses([](ParcheminFields& f) { f.ud_code = "3"; });
    refuses([](ParcheminFields& f) { f.signed_on = "1999-12-31"; });
    refuses([](ParcheminFields& f) { f.issued_on = ""; });
}

// Diplomas issued before CERES keep their number on a reprint; the signature guards it.
TEST(Sealer, SealsNumbersIssuedBeforeCeresAsTheyAre) {
    const Sealer sealer = testSealer();
    const Verifier verifier = testVerifier();
    for (const char* legacy : {"33-2026-000123-B", "TP2019-33-000123", "TP-33-1999-0042"}) {
        ParcheminFields fields = parchemin("Durand", "Paul");
        fields.unique_number = legacy;
        const Verification result = verifier.verify(sealer.seal(fields));
        ASSERT_TRUE(result.valid()) << legacy << ": " << result.reason;
        EXPECT_EQ(result.fields.unique_number, legacy);
    }
}

TEST(Sealer, RefusesACeresNumberWithAWrongCheckDigit) {
    const Sealer sealer = testSealer();
    const std::string number = test::exampleNumber();
    for (char digit = '0'; digit <= '9'; ++digit) {
        ParcheminFields fields = parchemin("Durand", "Paul");
        fields.unique_number = number.substr(0, number.size() - 1) + digit;
        if (digit == number.back()) {
            EXPECT_NO_THROW(sealer.seal(fields));
        } else {
            EXPECT_THROW(sealer.seal(fields), std::invalid_argument) << fields.unique_number;
        }
    }
}

TEST(Sealer, PublishesTheMatchingPublicKey) {
    const std::string committed = readPemFile(dataFile("test-seal-a-public.pem"));
    EXPECT_NE(committed.find(testSealer().publicKeyPem()), std::string::npos);
}

TEST(Sealer, ReadsTheDevelopmentKeyPair) {
    const Sealer sealer =
        Sealer::fromFile(std::filesystem::path(CERES_SOURCE_DIR) / "samples/keys/dev-seal-private.pem", "DEV1");
    Verifier verifier;
    verifier.addKeyFile("DEV1", std::filesystem::path(CERES_SOURCE_DIR) / "samples/keys/dev-seal-public.pem");
    EXPECT_TRUE(verifier.verify(sealer.seal(parchemin("Lefèvre", "Hélène"))).valid());
}

TEST(Sealer, RefusesUnusableKeys) {
    const std::string pem = readPemFile(dataFile("test-seal-a-private.pem"));
    EXPECT_THROW(Sealer::fromPem(pem, "ta01"), KeyError);
    EXPECT_THROW(Sealer::fromPem(pem, "TA1"), KeyError);
    EXPECT_THROW(Sealer::fromPem("not a key", "TA01"), KeyError);
    EXPECT_THROW(Sealer::fromPem(readPemFile(dataFile("test-seal-a-public.pem")), "TA01"), KeyError);
    EXPECT_THROW(Sealer::fromFile(dataFile("p384-private.pem"), "TA01"), KeyError);
    EXPECT_THROW(Sealer::fromFile(dataFile("encrypted-private.pem"), "TA01"), KeyError);
    EXPECT_THROW(Sealer::fromFile(dataFile("missing.pem"), "TA01"), KeyError);
}

}  // namespace
}  // namespace ceres::seal
