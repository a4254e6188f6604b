#pragma once
// Verification of parchemins for the public (GET /v1/verify, POST /v1/verify) and their
// withdrawal (R-DOC-7): one function per question, whatever form the answer takes (HTML, JSON).
#include <optional>
#include <string>

#include "http/backend.h"

namespace ceres::seal { class Sealer; class Verifier; }
namespace ceres::store { class Store; }

namespace ceres::app {

class Verification {
public:
    Verification(store::Store& store, const seal::Verifier& verifier, const seal::Sealer& sealer);

    // Unknown and issued numbers take the same reads and answer the same shape.
    http::VerifyResult byNumber(const std::string& unique_number, const std::optional<http::HolderClaim>& claim);
    http::VerifyResult byCode(const std::string& code);
    // The DataMatrix of a PNG or JPEG picture, then byCode.
    http::VerifyResult byPicture(const std::string& picture);
    std::optional<http::Perimeter> perimeterOf(const std::string& unique_number);
    http::WithdrawResult withdraw(const std::string& unique_number, const http::WithdrawalRequest& request,
                                  const http::Caller& caller);
    std::string signedWithdrawalList();

private:
    store::Store& store_;
    const seal::Verifier& verifier_;
    const seal::Sealer& sealer_;
};

}  // namespace ceres::app
