#include "sign/pdf_signer.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <stdexcept>

#include "files/sha256.h"
#include "sign/cms.h"
#include "sign/increment.h"

namespace ceres::sign {
namespace {

struct BioFree { void operator()(BIO* b) const { BIO_free(b); } };
using BioPtr = std::unique_ptr<BIO, BioFree>;

BioPtr openPem(const std::filesystem::path& path, const char* setting) {
    BioPtr bio(BIO_new_file(path.c_str(), "r"));
    if (!bio) {
        ERR_clear_error();
        throw std::runtime_error(std::string("setting ") + setting + ": cannot read " + path.string());
    }
    return bio;
}

// An encrypted key would make OpenSSL ask for a passphrase on the terminal: refuse it instead.
int noPassphrase(char*, int, int, void*) { return -1; }

std::vector<X509Ptr> readCertificates(const std::filesystem::path& path) {
    const BioPtr bio = openPem(path, "pdf_signing_cert");
    std::vector<X509Ptr> certificates;
    while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr)) certificates.emplace_back(c);
    ERR_clear_error();  // the end of the file reads as an error
    if (certificates.empty())
        throw std::runtime_error("setting pdf_signing_cert: no PEM certificate in " + path.string());
    return certificates;
}

PkeyPtr readKey(const std::filesystem::path& path) {
    const BioPtr bio = openPem(path, "pdf_signing_key");
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    ERR_clear_error();
    if (!key)
        throw std::runtime_error("setting pdf_signing_key: no unencrypted PEM private key in " + path.string());
    return key;
}

Sha256 digestOutside(const PreparedUpdate& update) {
    const std::string_view bytes = update.bytes;
    const std::size_t gap_begin = update.contents_begin - 1, gap_end = update.contents_begin + update.contents_digits + 1;
    files::Sha256 digest;
    digest.update(bytes.substr(0, gap_begin));
    digest.update(bytes.substr(gap_end));
    return digest.finish();
}

}  // namespace

struct PdfSigner::Impl {
    Credentials credentials;
};

PdfSigner::PdfSigner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PdfSigner::~PdfSigner() = default;
PdfSigner::PdfSigner(PdfSigner&&) noexcept = default;
PdfSigner& PdfSigner::operator=(PdfSigner&&) noexcept = default;

PdfSigner PdfSigner::fromFiles(const std::filesystem::path& certificate, const std::filesystem::path& private_key) {
    auto impl = std::make_unique<Impl>();
    impl->credentials.certificates = readCertificates(certificate);
    impl->credentials.key = readKey(private_key);
    if (X509_check_private_key(impl->credentials.certificates.front().get(), impl->credentials.key.get()) != 1) {
        ERR_clear_error();
        throw std::runtime_error("setting pdf_signing_key: " + private_key.string() +
                                 " is not the key of the certificate in " + certificate.string());
    }
    return PdfSigner(std::move(impl));
}

std::string PdfSigner::sign(std::string_view pdf) const {
    PreparedUpdate update = prepareSignatureUpdate(pdf, impl_->credentials.signatureBound());
    const std::string cms = cadesDetached(impl_->credentials, digestOutside(update));
    const std::string hex = files::hexLower(reinterpret_cast<const unsigned char*>(cms.data()), cms.size());
    if (hex.size() > update.contents_digits) throw std::runtime_error("PDF signature: larger than the room kept for it");
    update.bytes.replace(update.contents_begin, hex.size(), hex);
    return std::move(update.bytes);
}

}  // namespace ceres::sign
