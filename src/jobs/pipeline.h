#pragma once
// The one way through: job JSON -> schema check -> rule check -> documents.
// The CLI, the queue worker and the HTTP API all call this.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobs/document.h"
#include "jobs/job.h"
#include "jobs/parchemin_registry.h"
#include "jobs/problem.h"

namespace ceres::seal { class Sealer; }
namespace ceres::sign { class PdfSigner; }

namespace ceres::jobs {

struct Outcome {
    Verdict verdict = Verdict::Done;
    // With Verdict::Failed: the failure was the machine's (database, I/O, disk full), so the same
    // job may succeed later; false: a deterministic internal error that would happen again.
    bool transient = false;
    std::vector<Problem> problems;      // schema errors (Invalid), rule refusals (Refused), or the failure
    std::vector<std::string> warnings;  // e.g. lifted lead-time checks (R-SES-2 trace)
    std::vector<Document> documents;
    // The parchemins whose numbers were reserved for the documents: issued (ParcheminRegistry::
    // recordIssued) by whoever stores the documents, together with them.
    std::vector<ParcheminRecord> parchemins;
    // A session's PV version: its candidates' results, stored with the documents (in the same
    // transaction) so that the next version can say whose results changed.
    std::optional<PvResults> pv_results;
    Perimeter perimeter;                // filled once the job is schema-valid
};

// Called as pages are produced: (done, total).
using ProgressFn = std::function<void(int, int)>;

struct Context {
    std::filesystem::path resources;           // holds schemas/, templates/, fonts/
    ParcheminRegistry* registry = nullptr;     // needed by session_results, parchemins_reprint, print_batch
    const seal::Sealer* sealer = nullptr;      // signs parchemin codes
    // Where documents too big for memory (print batches) are written as they are rendered; the
    // system's temporary directory when empty. On the file system of the document store, the
    // store takes the file over with a hard link instead of a copy.
    std::filesystem::path spool_dir;
    // Where the public reaches the service (e.g. https://verif.example.fr, no trailing slash
    // needed): parchemins print <public_url>/v1/verify/<number>. Empty: no address is printed.
    std::string public_url;
    // Signs (PAdES) the PDFs of `signed_kinds` once rendered. Null: they stay unsigned and the
    // job's warnings say so.
    const sign::PdfSigner* pdf_signer = nullptr;
    std::vector<std::string> signed_kinds;
    // The seal key is the built-in development key: every parchemin says "SPÉCIMEN — sans valeur".
    bool specimen = false;
    // The largest job text taken (the max_job_bytes setting); a larger one is invalid input.
    std::size_t max_job_bytes = 16u * 1024u * 1024u;
    // Threads the documents of one job are rendered on (the render_threads setting; 0: the
    // machine's cores). The bytes and their order do not depend on it.
    unsigned render_threads = 1;
};


class Pipeline {
public:
    explicit Pipeline(Context context);
    ~Pipeline();
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Parse once, schema check, rule check. `admit`, when given, sees what the envelope claims
    // as soon as the text is parsed, before any check, and may throw to turn the job away
    // (access control). With a Done outcome, `job` is the checked, typed job.
    struct Checked {
        Outcome outcome;
        std::optional<Job> job;
    };
    using Admission = std::function<void(const Claims&)>;
    Checked check(std::string_view job_text, const Admission& admit = {}) const;

    // Schema and rule checks only.
    Outcome validate(std::string_view job_text) const;
    // Checks, then renders every document of the job, reporting pages as they are produced.
    Outcome render(std::string_view job_text, const ProgressFn& progress = {}) const;

    const Context& context() const;

    // Loads the fonts and templates now rather than at the first render, so that a long-running
    // process refuses to start on a template error (it names the file and the JSON Pointer).
    void loadTemplates() const;

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace ceres::jobs
