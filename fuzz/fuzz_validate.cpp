// Job text -> Pipeline::validate. Only Done, Invalid or Refused come out, each refusal with a
// problem and a JSON error document; no exception, crash, leak or hang.
#include <cstddef>
#include <cstdint>

#include "support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ceres::jobs::Pipeline pipeline([] {
        ceres::jobs::Context c;
        c.resources = ceres::fuzz::resources();
        return c;
    }());
    const auto outcome = pipeline.validate(std::string_view(reinterpret_cast<const char*>(data), size));
    ceres::fuzz::checkOutcome(outcome, false);
    return 0;
}
