#pragma once
// Everything a command needs, built once from the configuration: the pipeline and what it uses.
#include <memory>
#include <string>
#include <vector>

#include "app/config.h"
#include "jobs/document.h"
#include "jobs/pipeline.h"

namespace ceres::seal { class Sealer; class Verifier; }
namespace ceres::sign { class PdfSigner; }
namespace ceres::store { class Store; }
namespace ceres::queue { class JobQueue; }

namespace ceres::app {

class Runtime {
public:
    enum class Scope {
        ChecksOnly,  // validate: nothing is opened or written
        Rendering,   // render, worker, serve: the store (numbers, documents) and the signing key
    };
    Runtime(const Config& config, Scope scope);
    ~Runtime();

    const jobs::Pipeline& pipeline() const { return *pipeline_; }
    const Config& config() const { return config_; }
    store::Store& store() { return *store_; }
    queue::JobQueue& queue() { return *queue_; }
    const seal::Verifier& verifier() const { return *verifier_; }
    const seal::Sealer& sealer() const { return *sealer_; }  // Scope::Rendering only

private:
    Config config_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<queue::JobQueue> queue_;
    std::unique_ptr<seal::Sealer> sealer_;
    std::unique_ptr<seal::Verifier> verifier_;
    std::unique_ptr<sign::PdfSigner> pdf_signer_;
    std::unique_ptr<jobs::Pipeline> pipeline_;
};

// The keys of `config.seal_public_keys` ("ID=file.pem,ID=file.pem").
std::unique_ptr<seal::Verifier> loadVerifier(const Config& config);

// Writes each document into `dir` (temp name, then rename: never a half file; a spooled one is
// linked or copied from its file) and returns the manifest of CONTRACT.md as JSON text.
std::string writeDocuments(const std::vector<jobs::Document>& documents, const std::string& dir, unsigned threads = 1);

}  // namespace ceres::app
