// Centres and responsables: R-ETB-1 and R-ETB-2.
#include <gtest/gtest.h>

#include "domain/responsable.h"
#include "domain/siret.h"
#include "support.h"

namespace ceres::domain {
namespace {

struct SiretCase {
    const char* name;
    const char* siret;
    bool valid;
};

class R_ETB_1_Siret : public ::testing::TestWithParam<SiretCase> {};

TEST_P(R_ETB_1_Siret, LuhnAndLaPoste) { EXPECT_EQ(isValidSiret(GetParam().siret), GetParam().valid); }

INSTANTIATE_TEST_SUITE_P(
    Table, R_ETB_1_Siret,
    ::testing::Values(SiretCase{"example_centre", "78184280200048", true},       // seed 004:64
                      SiretCase{"seed_centre_16_30", "53060076600022", true},      // seed 004:107
                      SiretCase{"seed_centre_elegia", "38939456000020", true},     // seed 004:179
                      SiretCase{"one_digit_changed", "78184280200049", false},
                      SiretCase{"adjacent_swap", "78184280200084", false},
                      SiretCase{"thirteen_digits", "7818428020004", false},
                      SiretCase{"letter", "7818428020004A", false},
                      SiretCase{"la_poste_head_office", "35600000000048", true},
                      SiretCase{"la_poste_sum_multiple_of_5", "35600000049837", true},
                      SiretCase{"la_poste_bad_sum", "35600000049838", false},
                      SiretCase{"recovery_centre", "00000000000000", true},
                      SiretCase{"recovery_centre_13_zeros", "0000000000000", true},
                      SiretCase{"twelve_zeros", "000000000000", false}),
    [](const auto& info) { return std::string(info.param.name); });

// seed 004:29 "centre de reprise (dont le n° SIRET est le 0000000000000)"
TEST(R_ETB_1_RecoveryCentre, AllZeros) {
    EXPECT_TRUE(isRecoveryCentreSiret("00000000000000"));
    EXPECT_TRUE(isRecoveryCentreSiret("0000000000000"));
    EXPECT_FALSE(isRecoveryCentreSiret("000000000000"));
    EXPECT_FALSE(isRecoveryCentreSiret("78184280200048"));
}

// RULES.md R-ETB-1 Reading: documents name it "Centre de reprise"
TEST(R_ETB_1_RecoveryCentre, NamedCentreDeReprise) {
    EXPECT_EQ(centreDisplayName({"0000000000000", "REPRISE", CentreType::Autre}), "Centre de reprise");
    EXPECT_EQ(centreDisplayName({"00000000000000", "", CentreType::Autre}), "Centre de reprise");
    EXPECT_EQ(centreDisplayName(test::exampleCentre()), "Fédération compagnonnique du bâtiment");
}

Agrement agrement() {
    return {"AG-1", "78184280200048", "TP-01318", test::day("2024-01-01"), test::day("2028-10-31"),
            Person{"Martin", "Sophie"}, Person{"Lefèvre", "Hélène"}};
}

// seed 000:222-227 titular, substitute, or a person not on the agrément
TEST(R_ETB_2_Responsable, ClassifiesTheThree) {
    EXPECT_EQ(classifyResponsable(agrement(), {"MARTIN", "sophie"}), ResponsableRole::Titulaire);
    EXPECT_EQ(classifyResponsable(agrement(), {"Lefevre", "Helene"}), ResponsableRole::Suppleant);
    EXPECT_EQ(classifyResponsable(agrement(), {"Durand", "Paul"}), ResponsableRole::HorsAgrement);
    EXPECT_EQ(responsableRoleLabel(ResponsableRole::HorsAgrement), "Personne ne figurant pas sur l'agrément");
}

TEST(R_ETB_2_Responsable, DeclaredRoleMustMatch) {
    EXPECT_TRUE(checkResponsableRole(agrement(), {"Martin", "Sophie", ResponsableRole::Titulaire}, "S-1").isAllowed());
    const Outcome wrong = checkResponsableRole(agrement(), {"Durand", "Paul", ResponsableRole::Suppleant}, "S-1");
    ASSERT_TRUE(wrong.isRefused());
    EXPECT_EQ(wrong.violations[0].rule, "R-ETB-2");
    EXPECT_EQ(wrong.violations[0].subject, "S-1");
}

}  // namespace
}  // namespace ceres::domain
