#include "app/runtime.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "domain/parchemin_number.h"
#include "files/held_files.h"
#include "jobs/parallel.h"
#include "jobs/pdf_document.h"
#include "queue/job_queue.h"
#include "seal/sealer.h"
#include "seal/verifier.h"
#include "sign/pdf_signer.h"
#include "store/store.h"

namespace ceres::app {
namespace fs = std::filesystem;

std::unique_ptr<seal::Verifier> loadVerifier(const Config& config) {
    auto verifier = std::make_unique<seal::Verifier>();
    std::stringstream list(config.seal_public_keys);
    std::string entry;
    while (std::getline(list, entry, ',')) {
        const auto eq = entry.find('=');
        if (eq == std::string::npos)
            throw std::runtime_error("seal_public_keys: expected ID=file.pem, got '" + entry + "'");
        verifier->addKeyFile(entry.substr(0, eq), entry.substr(eq + 1));
    }
    return verifier;
}

Runtime::Runtime(const Config& config, Scope scope) : config_(config) {
    jobs::Context context;
    context.resources = config.resources;
    // Next to the document files, so that storing a spooled print batch is a hard link.
    context.spool_dir = fs::path(config.var_dir) / "spool";
    context.public_url = config.public_url;
    context.max_job_bytes = static_cast<std::size_t>(config.max_job_bytes);
    context.render_threads = jobs::renderThreads(static_cast<unsigned>(config.render_threads));
    if (scope == Scope::Rendering) {
        store::StoreConfig store_config;
        store_config.database_url = config.database_url;
        store_config.var_dir = config.var_dir;
        store_config.max_attempts = config.max_attempts;
        store_config.max_lease_losses = config.max_lease_losses;
        store_ = std::make_unique<store::Store>(store_config, [](std::uint64_t sequence) {
            const auto number = domain::formatParcheminNumber(static_cast<std::int64_t>(sequence));
            if (!number) throw std::runtime_error("parchemin number sequence exhausted (R-DOC-2)");
            return *number;
        });
        queue_ = std::make_unique<queue::JobQueue>(store_->database());
        if (config.seal_private_key.empty() || config.seal_key_id.empty())
            throw std::runtime_error(
                "settings seal_private_key and seal_key_id: needed to seal parchemins (CERES_SEAL_PRIVATE_KEY, "
                "CERES_SEAL_KEY_ID); a development run (CERES_DEV_MODE=1) uses the built-in development key");
        sealer_ = std::make_unique<seal::Sealer>(seal::Sealer::fromFile(config.seal_private_key, config.seal_key_id));
        context.specimen = config.development_seal;
        context.registry = &store_->parchemins();
        context.sealer = sealer_.get();
        if (!config.pdf_signing_cert.empty())
            pdf_signer_ = std::make_unique<sign::PdfSigner>(
                sign::PdfSigner::fromFiles(config.pdf_signing_cert, config.pdf_signing_key));
        context.pdf_signer = pdf_signer_.get();
        context.signed_kinds = config.pdf_signed_kinds;
        // What a killed worker was spooling is of no use to anyone: its job runs again from the start.
        const files::Swept swept = files::sweepLeftovers(context.spool_dir, std::string(jobs::kSpoolPrefix));
        if (swept.files > 0)
            std::cerr << "ceres-docs: removed " << swept.files << " spool file(s) left by interrupted jobs ("
                      << swept.bytes << " bytes)\n";
    }
    verifier_ = loadVerifier(config);
    // What this service seals, it verifies, without the public key repeated in seal_public_keys.
    if (sealer_ && !verifier_->hasKey(sealer_->keyId())) verifier_->addKey(sealer_->keyId(), sealer_->publicKeyPem());
    pipeline_ = std::make_unique<jobs::Pipeline>(std::move(context));
}

Runtime::~Runtime() = default;

namespace {

void writeAtomically(const fs::path& target, const std::string& bytes) {
    const fs::path temp = target.string() + ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temp.string());
    }
    fs::rename(temp, target);
}

// A spooled document gets a second name (a copy across file systems), then takes the target's.
void placeAtomically(const fs::path& target, const jobs::SpoolFile& spool) {
    const fs::path temp = target.string() + ".part";
    fs::remove(temp);
    std::error_code not_linked;
    fs::create_hard_link(spool.path(), temp, not_linked);
    if (not_linked) fs::copy_file(spool.path(), temp);
    fs::rename(temp, target);
}

}  // namespace

// The files are written on the configured threads (creating thousands of files is most of what
// a session's write costs); the manifest lists them in the job's order.
std::string writeDocuments(const std::vector<jobs::Document>& documents, const std::string& dir, unsigned threads) {
    fs::create_directories(dir);
    const std::vector<fs::path> paths = jobs::inOrder<fs::path>(documents.size(), threads, [&](std::size_t i) {
        const jobs::Document& d = documents[i];
        const fs::path path = fs::path(dir) / d.file_name;
        if (d.spool)
            placeAtomically(path, *d.spool);
        else
            writeAtomically(path, d.bytes);
        return path;
    });
    Poco::JSON::Array manifest;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        const jobs::Document& d = documents[i];
        Poco::JSON::Object::Ptr entry = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        entry->set("kind", d.kind);
        entry->set("path", paths[i].string());
        entry->set("mime", d.mime);
        if (d.mime == jobs::kPdfMime) entry->set("pages", d.pages);
        entry->set("sha256", d.sha256);
        if (d.unique_number) entry->set("unique_number", *d.unique_number);
        manifest.add(entry);
    }
    std::ostringstream out;
    manifest.stringify(out);
    return out.str();
}

}  // namespace ceres::app
