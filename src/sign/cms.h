#pragma once
// CAdES detached signatures (the CMS of PAdES B-B) over a SHA-256 digest.
#include <openssl/types.h>

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "files/sha256.h"

namespace ceres::sign {

using Sha256 = files::Sha256Digest;

struct X509Free { void operator()(X509* x) const; };
struct PkeyFree { void operator()(EVP_PKEY* k) const; };
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

struct Credentials {
    std::vector<X509Ptr> certificates;  // the signer's first, then its CA certificates
    PkeyPtr key;
    // An upper bound of the DER size of a signature: what /Contents reserves.
    std::size_t signatureBound() const;
};

// SignedData with the content-type, message-digest and signing-certificate-v2 (RFC 5035)
// signed attributes, no signing time (PAdES dates the signature with /M), no content.
std::string cadesDetached(const Credentials& credentials, const Sha256& digest);

}  // namespace ceres::sign
