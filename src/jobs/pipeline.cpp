#include "jobs/pipeline.h"


#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <variant>

#include "files/sha256.h"
#include "files/transient.h"
#include "jobs/job.h"
#include "jobs/kinds.h"
#include "jobs/parchemins.h"
#include "jobs/schema_validator.h"
#include "jobs/signing.h"
#include "render/engine.h"

namespace ceres::jobs {
namespace {

Outcome failed(Verdict verdict, std::vector<Problem> problems) {
    Outcome o;
    o.verdict = verdict;
    o.problems = std::move(problems);
    return o;
}

}  // namespace

struct Pipeline::Impl {
    Context context;
    SchemaValidator schemas;

    explicit Impl(Context c) : context(std::move(c)), schemas(context.resources / "schemas") {}

    // Fonts and templates are loaded on the first render only: validating needs neither.
    const render::Engine& engine() const {
        std::call_once(engine_loaded, [this] { engine_ = std::make_unique<render::Engine>(context.resources); });
        return *engine_;
    }

private:
    mutable std::once_flag engine_loaded;
    mutable std::unique_ptr<render::Engine> engine_;

public:
    // Parse, schema check, rule check. On success `job` is filled and the outcome is Done.
    Outcome check(std::string_view text, Job& job, std::vector<std::string>& warnings, Perimeter& perimeter) const {
        auto parsed = parseJsonObject(text, context.max_job_bytes);
        if (auto* problem = std::get_if<Problem>(&parsed)) return failed(Verdict::Invalid, {*problem});
        auto envelope = std::get<std::shared_ptr<const rapidjson::Document>>(std::move(parsed));
        if (auto problems = schemas.validate(*envelope); !problems.empty())
            return failed(Verdict::Invalid, std::move(problems));
        job = jobFromEnvelope(std::move(envelope));
        perimeter = perimeterOf(job);
        RuleReport report = checkRules(job);
        warnings = std::move(report.warnings);
        if (!report.refusals.empty()) {
            // A refusal without a rule id is a plain input error (e.g. a reversed date range).
            const bool all_cite_rules = std::all_of(report.refusals.begin(), report.refusals.end(),
                                                    [](const Problem& p) { return !p.rule.empty(); });
            return failed(all_cite_rules ? Verdict::Refused : Verdict::Invalid, std::move(report.refusals));
        }
        // What sealing would refuse later is refused now: a job that passes never fails there.
        if (auto problems = sealingProblems(job); !problems.empty()) return failed(Verdict::Invalid, std::move(problems));
        return {};
    }
};

Pipeline::Pipeline(Context context) : impl_(new Impl(std::move(context))) {}
Pipeline::~Pipeline() { delete impl_; }

const Context& Pipeline::context() const { return impl_->context; }

Outcome Pipeline::validate(std::string_view job_text) const {
    Job job;
    std::vector<std::string> warnings;
    Perimeter perimeter;
    Outcome outcome = impl_->check(job_text, job, warnings, perimeter);
    outcome.warnings = std::move(warnings);
    outcome.perimeter = perimeter;
    return outcome;
}

Outcome Pipeline::render(std::string_view job_text, const ProgressFn& progress) const {
    Job job;
    std::vector<std::string> warnings;
    Perimeter perimeter;
    Outcome outcome = impl_->check(job_text, job, warnings, perimeter);
    outcome.warnings = std::move(warnings);
    outcome.perimeter = perimeter;
    if (outcome.verdict != Verdict::Done) return outcome;
    try {
        KindResult produced = renderKind(job, Toolkit{impl_->engine(), impl_->context, progress});
        if (!produced.refusals.empty()) {
            outcome.verdict = Verdict::Refused;
            outcome.problems = std::move(produced.refusals);
            return outcome;
        }
        outcome.documents = std::move(produced.documents);
        outcome.parchemins = std::move(produced.parchemins);
        for (auto& warning : produced.warnings) outcome.warnings.push_back(std::move(warning));
        signDocuments(outcome.documents, impl_->context, outcome.warnings);
        for (auto& d : outcome.documents) d.sha256 = d.spool ? d.spool->sha256() : files::sha256Hex(d.bytes);
    } catch (const std::exception& e) {
        outcome.verdict = Verdict::Failed;
        outcome.transient = files::isTransient(e);
        outcome.problems = {Problem{"", "", std::string("rendering failed: ") + e.what()}};
    }
    return outcome;
}

}  // namespace ceres::jobs
