#pragma once
// PAdES B-B signatures (ETSI EN 319 142-1) of finished PDFs, made with OpenSSL.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ceres::sign {

class PdfSigner {
public:
    // `certificate`: PEM, the signer's certificate first, then any intermediate CA certificates
    // to carry in the signature. `private_key`: PEM, unencrypted, matching the certificate.
    // Throws std::runtime_error naming the file (and the setting) at fault.
    static PdfSigner fromFiles(const std::filesystem::path& certificate, const std::filesystem::path& private_key);
    ~PdfSigner();
    PdfSigner(PdfSigner&&) noexcept;
    PdfSigner& operator=(PdfSigner&&) noexcept;

    // `pdf` with an incremental update appended: an invisible signature field on the first page
    // and its /ETSI.CAdES.detached signature over the whole file but the signature itself. The
    // signing time /M is the document's own /CreationDate (the job's date), never the clock, so
    // with an RSA key the same PDF gives the same bytes. Throws std::runtime_error for a PDF
    // this signer cannot update (no classic cross-reference table, no /CreationDate, a form).
    std::string sign(std::string_view pdf) const;

private:
    struct Impl;
    explicit PdfSigner(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace ceres::sign
