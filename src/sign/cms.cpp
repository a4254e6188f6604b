#include "sign/cms.h"

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include <algorithm>
#include <stdexcept>

namespace ceres::sign {

void X509Free::operator()(X509* x) const { X509_free(x); }
void PkeyFree::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }

namespace {

struct CmsFree { void operator()(CMS_ContentInfo* c) const { CMS_ContentInfo_free(c); } };
struct MdCtxFree { void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); } };

[[noreturn]] void fail(const char* what) {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    char detail[256] = "no detail";
    if (code != 0) ERR_error_string_n(code, detail, sizeof detail);
    throw std::runtime_error(std::string("PDF signature: ") + what + ": " + detail);
}

void check(bool ok, const char* what) {
    if (!ok) fail(what);
}

std::string derLength(std::size_t length) {
    if (length < 0x80) return std::string(1, static_cast<char>(length));
    std::string digits;
    for (; length > 0; length >>= 8) digits.insert(digits.begin(), static_cast<char>(length & 0xff));
    return static_cast<char>(0x80 | digits.size()) + digits;
}

// What the signature covers: the signed attributes as a DER SET OF (RFC 5652, 5.4), sorted as
// DER asks and as OpenSSL writes them in the SignerInfo.
std::string signedAttributesDer(CMS_SignerInfo* signer) {
    std::vector<std::string> attributes;
    for (int i = 0; i < CMS_signed_get_attr_count(signer); ++i) {
        unsigned char* der = nullptr;
        const int length = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(signer, i), &der);
        check(length > 0, "cannot encode a signed attribute");
        attributes.emplace_back(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
        OPENSSL_free(der);
    }
    std::sort(attributes.begin(), attributes.end());
    std::string content;
    for (const auto& a : attributes) content += a;
    return '\x31' + derLength(content.size()) + content;
}

std::string signBytes(EVP_PKEY* key, const std::string& message) {
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> context(EVP_MD_CTX_new());
    check(context && EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key) == 1,
          "cannot start signing");
    std::size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(message.data());
    check(EVP_DigestSign(context.get(), nullptr, &length, data, message.size()) == 1, "cannot size the signature");
    std::string signature(length, '\0');
    check(EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                         message.size()) == 1,
          "cannot sign");
    signature.resize(length);
    return signature;
}

}  // namespace

std::size_t Credentials::signatureBound() const {
    std::size_t certificates_size = 0;
    for (const auto& c : certificates) certificates_size += static_cast<std::size_t>(i2d_X509(c.get(), nullptr));
    // Room for the SignedData structure, the algorithm identifiers and the signed attributes.
    constexpr std::size_t kStructure = 2048;
    return certificates_size + static_cast<std::size_t>(EVP_PKEY_get_size(key.get())) + kStructure;
}

std::string cadesDetached(const Credentials& credentials, const Sha256& digest) {
    // CMS_SignerInfo_sign would add a signing time: the signature is made here instead.
    constexpr unsigned kFlags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_PARTIAL;
    std::unique_ptr<CMS_ContentInfo, CmsFree> cms(CMS_sign(nullptr, nullptr, nullptr, nullptr, kFlags));
    check(cms != nullptr, "cannot start the CMS structure");
    X509* signer_certificate = credentials.certificates.front().get();
    CMS_SignerInfo* signer =
        CMS_add1_signer(cms.get(), signer_certificate, credentials.key.get(), EVP_sha256(), kFlags | CMS_CADES);
    check(signer != nullptr, "cannot add the signer");
    for (std::size_t i = 1; i < credentials.certificates.size(); ++i)
        check(CMS_add1_cert(cms.get(), credentials.certificates[i].get()) == 1, "cannot add a CA certificate");
    check(CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_contentType, V_ASN1_OBJECT, OBJ_nid2obj(NID_pkcs7_data),
                                      -1) == 1,
          "cannot add the content type");
    check(CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest.data(),
                                      static_cast<int>(digest.size())) == 1,
          "cannot add the message digest");
    const std::string signature = signBytes(credentials.key.get(), signedAttributesDer(signer));
    check(ASN1_STRING_set(CMS_SignerInfo_get0_signature(signer), signature.data(),
                          static_cast<int>(signature.size())) == 1,
          "cannot store the signature");
    unsigned char* der = nullptr;
    const int length = i2d_CMS_ContentInfo(cms.get(), &der);
    check(length > 0, "cannot encode the CMS structure");
    std::string encoded(reinterpret_cast<const char*>(der), static_cast<std::size_t>(length));
    OPENSSL_free(der);
    return encoded;
}

}  // namespace ceres::sign
