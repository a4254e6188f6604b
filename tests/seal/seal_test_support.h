#pragma once
// Shared fixtures of the seal tests: key files and parchemins like those of the contract example.
#include <filesystem>
#include <string>
#include <vector>

#include "domain/parchemin_number.h"
#include "seal/parchemin_fields.h"

namespace ceres::seal::test {

inline std::filesystem::path dataFile(const std::string& name) {
    return std::filesystem::path(CERES_SOURCE_DIR) / "tests" / "seal" / "data" / name;
}

// The number every test parchemin carries: CERES-000000123 and its check digit.
inline std::string exampleNumber() { return *domain::formatParcheminNumber(123); }

inline ParcheminFields parchemin(std::string last_name, std::string first_names) {
    ParcheminFields fields;
    fields.unique_number = exampleNumber();
    fields.last_name = std::move(last_name);
    fields.first_names = std::move(first_names);
    fields.birth_date = "1991-04-12";
    fields.title_code = "TP-01318";
    fields.level = "3";
    fields.issued_on = "2026-05-29";
    fields.ud_code = "33";
    fields.signed_on = "2026-05-29";
    return fields;
}

// One holder per script the parchemins must carry unchanged (R-CAN-1).
inline std::vector<ParcheminFields> parcheminsInManyScripts() {
    return {
        parchemin("Lefèvre", "Hélène"),
        parchemin("Jean-Baptiste", "Marie-Ève, Françoise"),
        parchemin("N'Diaye", "Aminata"),
        parchemin("Смирнов", "Дмитрий"),
        parchemin("Παπαδόπουλος", "Αθηνά"),
        parchemin("العلوي", "فاطمة الزهراء"),
        parchemin("山田", "太郎"),
    };
}

}  // namespace ceres::seal::test
