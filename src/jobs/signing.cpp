#include "jobs/signing.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>
#include <thread>

#include "sign/pdf_signer.h"

namespace ceres::jobs {
namespace {

bool isSignedKind(const Context& context, const Document& d) {
    return std::find(context.signed_kinds.begin(), context.signed_kinds.end(), d.kind) != context.signed_kinds.end();
}

// An RSA signature is most of the cost of a small PDF's signing: the processor's cores share the
// documents (each one's bytes depend on it alone, so the order does not matter).
void signAll(const std::vector<Document*>& targets, const sign::PdfSigner& signer) {
    std::atomic<std::size_t> next{0};
    std::exception_ptr failure;
    std::atomic<bool> failed{false};
    const auto work = [&] {
        for (std::size_t i; !failed && (i = next++) < targets.size();) {
            try {
                targets[i]->bytes = signer.sign(targets[i]->bytes);
            } catch (...) {
                if (!failed.exchange(true)) failure = std::current_exception();
            }
        }
    };
    const std::size_t helpers = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), targets.size()) - 1;
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < helpers; ++t) threads.emplace_back(work);
    work();
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace

void signDocuments(std::vector<Document>& documents, const Context& context, std::vector<std::string>& warnings) {
    std::vector<Document*> targets;
    std::vector<std::string> unsigned_kinds;
    for (auto& d : documents) {
        if (!isSignedKind(context, d)) continue;
        if (d.mime != kPdfMime || d.spool) throw std::logic_error("only PDFs held in memory are signed, not " + d.kind);
        targets.push_back(&d);
        if (std::find(unsigned_kinds.begin(), unsigned_kinds.end(), d.kind) == unsigned_kinds.end())
            unsigned_kinds.push_back(d.kind);
    }
    if (targets.empty()) return;
    if (context.pdf_signer) return signAll(targets, *context.pdf_signer);
    std::string kinds;
    for (const auto& k : unsigned_kinds) kinds += (kinds.empty() ? "" : ", ") + k;
    warnings.push_back(kinds + " not signed: no PDF signing certificate configured (pdf_signing_cert, pdf_signing_key)");
}

}  // namespace ceres::jobs
