#include "seal/verifier.h"

#include <gtest/gtest.h>

#include <map>

#include "seal/sealer.h"
#include "seal_test_support.h"

namespace ceres::seal {
namespace {

using test::dataFile;
using test::parchemin;

Sealer sealerA() { return Sealer::fromFile(dataFile("test-seal-a-private.pem"), "TA01"); }
Sealer sealerB() { return Sealer::fromFile(dataFile("test-seal-b-private.pem"), "TB02"); }

Verifier verifierWith(std::initializer_list<const char*> key_ids) {
    Verifier verifier;
    for (std::string key_id : key_ids) {
        verifier.addKeyFile(key_id, dataFile(key_id == "TA01" ? "test-seal-a-public.pem" : "test-seal-b-public.pem"));
    }
    return verifier;
}

// Every byte a mutation may put in: printable ASCII, the separators, NUL and UTF-8 lead/continuation
// and invalid bytes.
std::string replacementBytes() {
    std::string bytes = std::string("\x00\x1d\x1f\x80\xA9\xC3\xD0\xFF", 8);
    for (char c = ' '; c <= '~'; ++c) bytes.push_back(c);
    return bytes;
}

TEST(Verifier, RejectsEverySingleCharacterChange) {
    const std::string code = sealerA().seal(parchemin("Смирнов", "Дмитрий"));
    const Verifier verifier = verifierWith({"TA01", "TB02"});
    ASSERT_TRUE(verifier.verify(code).valid());
    const std::string replacements = replacementBytes();
    std::map<VerifyStatus, int> seen;
    for (std::size_t i = 0; i < code.size(); ++i) {
        for (char replacement : replacements) {
            if (replacement == code[i]) continue;
            std::string mutated = code;
            mutated[i] = replacement;
            const Verification result = verifier.verify(mutated);
            EXPECT_FALSE(result.valid()) << "position " << i << " byte " << int(static_cast<unsigned char>(replacement));
            EXPECT_FALSE(result.reason.empty());
            ++seen[result.status];
        }
    }
    EXPECT_GT(seen[VerifyStatus::BadSignature], 2000) << "changes the layout allows reach the signature";
    EXPECT_GT(seen[VerifyStatus::Malformed], 5000);
    EXPECT_GT(seen[VerifyStatus::BadCheckCharacter], 100);
}

TEST(Verifier, RejectsEveryDeletedOrDoubledCharacter) {
    const std::string code = sealerA().seal(parchemin("Παπαδόπουλος", "Αθηνά"));
    const Verifier verifier = verifierWith({"TA01"});
    for (std::size_t i = 0; i < code.size(); ++i) {
        EXPECT_FALSE(verifier.verify(std::string(code).erase(i, 1)).valid()) << "deleted " << i;
        EXPECT_FALSE(verifier.verify(std::string(code).insert(i, 1, code[i])).valid()) << "doubled " << i;
    }
}

TEST(Verifier, NamesAChangedSignatureOrField) {
    const std::string code = sealerA().seal(parchemin("Lefèvre", "Hélène"));
    std::string changed_name = code;
    changed_name.replace(changed_name.find("Lefèvre"), 7, "Lefevre");
    const Verification result = verifierWith({"TA01"}).verify(changed_name);
    EXPECT_EQ(result.status, VerifyStatus::BadSignature);
    EXPECT_TRUE(result.fields.last_name.empty()) << "no unbacked claim is returned";
}

TEST(Verifier, NamesAWrongCheckDigit) {
    const std::string code = sealerA().seal(parchemin("Lefèvre", "Hélène"));
    const std::size_t check = code.find('\x1d') - 1;
    const Verifier verifier = verifierWith({"TA01"});
    for (char digit = '0'; digit <= '9'; ++digit) {
        if (digit == code[check]) continue;
        std::string mistyped = code;
        mistyped[check] = digit;
        const Verification result = verifier.verify(mistyped);
        EXPECT_EQ(result.status, VerifyStatus::BadCheckCharacter) << result.reason;
        EXPECT_NE(result.reason.find(test::exampleNumber().substr(0, 16) + digit), std::string::npos) << result.reason;
    }
}

// A number issued before CERES has no check digit of ours: the signature catches a change to it.
TEST(Verifier, CatchesAChangedLegacyNumberByItsSignature) {
    ParcheminFields fields = parchemin("Durand", "Paul");
    fields.unique_number = "33-2026-000123-B";
    const Verifier verifier = verifierWith({"TA01"});
    const std::string code = sealerA().seal(fields);
    ASSERT_TRUE(verifier.verify(code).valid());
    std::string changed = code;
    changed.replace(changed.find("000123"), 6, "000132");
    EXPECT_EQ(verifier.verify(changed).status, VerifyStatus::BadSignature);
}

TEST(Verifier, RejectsAnUnknownKeyId) {
    const Verification result = verifierWith({"TA01"}).verify(sealerB().seal(parchemin("Durand", "Paul")));
    EXPECT_EQ(result.status, VerifyStatus::UnknownKey);
    EXPECT_EQ(result.key_id, "TB02");
}

TEST(Verifier, RejectsAnotherAuthority) {
    std::string code = sealerA().seal(parchemin("Durand", "Paul"));
    code.replace(4, 4, "FR00");
    EXPECT_EQ(verifierWith({"TA01"}).verify(code).status, VerifyStatus::UnknownKey);
}

TEST(Verifier, KeepsVerifyingOldCodesAfterAKeyRotation) {
    const Verifier verifier = verifierWith({"TA01", "TB02"});
    const ParcheminFields fields = parchemin("N'Diaye", "Aminata");
    EXPECT_TRUE(verifier.verify(sealerA().seal(fields)).valid()) << "issued before the rotation";
    EXPECT_TRUE(verifier.verify(sealerB().seal(fields)).valid()) << "issued after the rotation";
}

TEST(Verifier, RejectsACodeRelabelledWithAnotherKeyId) {
    std::string code = sealerA().seal(parchemin("Durand", "Paul"));
    code.replace(8, 4, "TB02");
    EXPECT_EQ(verifierWith({"TA01", "TB02"}).verify(code).status, VerifyStatus::BadSignature);
}

TEST(Verifier, AcceptsSeparatorsWrittenAsText) {
    const std::string code = sealerA().seal(parchemin("Jean-Baptiste", "Marie-Ève, Françoise"));
    const std::string text = escapeSeparators(code);
    EXPECT_EQ(text.find('\x1d'), std::string::npos);
    EXPECT_NE(text.find("<GS>"), std::string::npos);
    EXPECT_NE(text.find("<US>"), std::string::npos);
    EXPECT_EQ(unescapeSeparators(text), code);
    EXPECT_TRUE(verifierWith({"TA01"}).verify(text).valid());
}

TEST(Verifier, CallsGarbageMalformed) {
    const Verifier verifier = verifierWith({"TA01"});
    const std::string code = sealerA().seal(parchemin("Durand", "Paul"));
    for (const std::string& text : {std::string(), std::string("hello"), code.substr(0, code.find('\x1f')),
                                    code.substr(0, code.size() - 1), code + "A", code + "\x1f",
                                    "DC03" + code.substr(4)}) {
        EXPECT_EQ(verifier.verify(text).status, VerifyStatus::Malformed) << escapeSeparators(text);
    }
}

TEST(Verifier, RefusesBadKeySets) {
    Verifier verifier = verifierWith({"TA01"});
    EXPECT_THROW(verifier.addKeyFile("TA01", dataFile("test-seal-b-public.pem")), KeyError);
    EXPECT_THROW(verifier.addKeyFile("TB-2", dataFile("test-seal-b-public.pem")), KeyError);
    EXPECT_THROW(verifier.addKey("TB02", "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n"), KeyError);
    EXPECT_THROW(verifier.addKeyFile("TB02", dataFile("missing.pem")), KeyError);
}

TEST(Verifier, SpellsStatusesForClients) {
    EXPECT_STREQ(toString(VerifyStatus::Valid), "valid");
    EXPECT_STREQ(toString(VerifyStatus::Malformed), "malformed");
    EXPECT_STREQ(toString(VerifyStatus::BadCheckCharacter), "bad_check_character");
    EXPECT_STREQ(toString(VerifyStatus::UnknownKey), "unknown_key");
    EXPECT_STREQ(toString(VerifyStatus::BadSignature), "bad_signature");
}

}  // namespace
}  // namespace ceres::seal
