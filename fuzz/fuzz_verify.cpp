// Barcode content -> Verifier::verify. Contract: a status, never an exception or a crash; a
// valid verdict carries the signed fields, any other a reason and no field.
#include <cstddef>
#include <cstdint>

#include "seal/verifier.h"
#include "support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ceres::seal::Verifier verifier = [] {
        ceres::seal::Verifier v;
        v.addKeyFile("DEV1", ceres::fuzz::resources() + "/samples/keys/dev-seal-public.pem");
        return v;
    }();
    const auto v = verifier.verify(std::string_view(reinterpret_cast<const char*>(data), size));
    if (v.valid()) {
        if (v.fields.unique_number.empty() || v.fields.last_name.empty()) ceres::fuzz::broken("valid without fields");
    } else {
        if (v.reason.empty()) ceres::fuzz::broken("refused without a reason");
        if (!v.fields.unique_number.empty()) ceres::fuzz::broken("refused with fields");
    }
    return 0;
}
