#include "store/ids.h"

#include <array>
#include <stdexcept>

#include <openssl/rand.h>

namespace ceres::store {

std::string randomId(std::string_view prefix) {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        throw std::runtime_error("store: the system random generator failed");
    }
    return std::string(prefix) + files::hexLower(bytes.data(), bytes.size());
}

}  // namespace ceres::store
