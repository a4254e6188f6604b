#include "jobs/pipeline.h"


#include <algorithm>
#include <exception>
#include <memory>
#include <mutex>
#include <type_traits>
#include <variant>

#include "domain/job_checks.h"
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

void normalizeNames(Job& job) {
    std::visit(
        [](auto& p) {
            if constexpr (std::is_base_of_v<domain::SessionPayload, std::decay_t<decltype(p)>>) domain::normalizeNames(p);
        },
        job.payload);
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
    Checked check(std::string_view text, const Admission& admit) const {
        auto parsed = parseJsonObject(text, context.max_job_bytes);
        if (auto* problem = std::get_if<Problem>(&parsed)) return {failed(Verdict::Invalid, {*problem}), {}};
        auto envelope = std::get<std::shared_ptr<const rapidjson::Document>>(std::move(parsed));
        if (admit) admit(claimsOf(*envelope));
        if (auto problems = schemas.validate(*envelope); !problems.empty())
            return {failed(Verdict::Invalid, std::move(problems)), {}};
        Job job = typedJob(std::move(envelope));
        Outcome outcome;
        outcome.perimeter = perimeterOf(job);
        RuleReport report = checkRules(job);
        outcome.warnings = std::move(report.warnings);
        if (!report.refusals.empty()) {
            // A refusal without a rule id is a plain input error (e.g. a reversed date range).
            const bool all_cite_rules = std::all_of(report.refusals.begin(), report.refusals.end(),
                                                    [](const Problem& p) { return !p.rule.empty(); });
            outcome.verdict = all_cite_rules ? Verdict::Refused : Verdict::Invalid;
            outcome.problems = std::move(report.refusals);
            return {std::move(outcome), {}};
        }
        // The documents print the names as R-CAN-1 writes them; the rules read them as sent.
        normalizeNames(job);
        // What sealing would refuse later is refused now: a job that passes never fails there.
        if (auto problems = sealingProblems(job); !problems.empty()) {
            outcome.verdict = Verdict::Invalid;
            outcome.problems = std::move(problems);
            return {std::move(outcome), {}};
        }
        return {std::move(outcome), std::move(job)};
    }
};

Pipeline::Pipeline(Context context) : impl_(new Impl(std::move(context))) {}
Pipeline::~Pipeline() { delete impl_; }

const Context& Pipeline::context() const { return impl_->context; }

void Pipeline::loadTemplates() const { impl_->engine(); }

Pipeline::Checked Pipeline::check(std::string_view job_text, const Admission& admit) const {
    return impl_->check(job_text, admit);
}

Outcome Pipeline::validate(std::string_view job_text) const { return impl_->check(job_text, {}).outcome; }

Outcome Pipeline::render(std::string_view job_text, const ProgressFn& progress) const {
    Checked checked = impl_->check(job_text, {});
    Outcome outcome = std::move(checked.outcome);
    if (outcome.verdict != Verdict::Done) return outcome;
    const Job& job = *checked.job;
    try {
        KindResult produced = renderKind(job, Toolkit{impl_->engine(), impl_->context, progress});
        if (!produced.refusals.empty()) {
            outcome.verdict = Verdict::Refused;
            outcome.problems = std::move(produced.refusals);
            return outcome;
        }
        outcome.documents = std::move(produced.documents);
        outcome.parchemins = std::move(produced.parchemins);
        outcome.pv_results = std::move(produced.pv_results);
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
