#pragma once
// What a parchemin's code certifies: the fields printed on the diploma, exactly as printed.
#include <string>
#include <string_view>

namespace ceres::seal {

struct ParcheminFields {
    std::string unique_number;  // e.g. CERES-000000123-4, or a number issued before CERES
    std::string last_name;      // UTF-8, as printed
    std::string first_names;    // UTF-8, as printed
    std::string birth_date;     // YYYY-MM-DD
    std::string title_code;     // e.g. TP-01318
    std::string level;          // e.g. 3
    std::string issued_on;      // YYYY-MM-DD, the diploma's date of issue
    std::string ud_code;        // e.g. 33, 2A, 971
    std::string signed_on;      // YYYY-MM-DD, taken from the job so that re-rendering is byte-stable
};

bool operator==(const ParcheminFields& a, const ParcheminFields& b);
bool operator!=(const ParcheminFields& a, const ParcheminFields& b);

// A code holds two control characters, GS (0x1D) after variable-length fields and US (0x1F)
// before the signature. Their printable stand-ins `<GS>` and `<US>` let a code travel through
// command lines, JSON and logs; no field may contain '<', so the two forms never clash.
std::string escapeSeparators(std::string_view code);
std::string unescapeSeparators(std::string_view text);

}  // namespace ceres::seal
