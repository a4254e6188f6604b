#include "jobs/pipeline.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <exception>
#include <variant>

#include "jobs/job.h"
#include "jobs/kinds.h"
#include "jobs/schema_validator.h"

namespace ceres::jobs {
namespace {

std::string sha256Hex(const std::string& bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), bytes.size());
    return Poco::DigestEngine::digestToHex(engine.digest());
}

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

    // Parse, schema check, rule check. On success `job` is filled and the outcome is Done.
    Outcome check(std::string_view text, Job& job, std::vector<std::string>& warnings) const {
        auto parsed = parseJsonObject(text);
        if (auto* problem = std::get_if<Problem>(&parsed)) return failed(Verdict::Invalid, {*problem});
        const auto envelope = std::get<Poco::JSON::Object::Ptr>(parsed);
        if (auto problems = schemas.validate(envelope); !problems.empty())
            return failed(Verdict::Invalid, std::move(problems));
        job = jobFromEnvelope(envelope);
        RuleReport report = checkRules(job);
        warnings = std::move(report.warnings);
        if (!report.refusals.empty()) return failed(Verdict::Refused, std::move(report.refusals));
        return {};
    }
};

Pipeline::Pipeline(Context context) : impl_(new Impl(std::move(context))) {}
Pipeline::~Pipeline() { delete impl_; }

const Context& Pipeline::context() const { return impl_->context; }

Outcome Pipeline::validate(std::string_view job_text) const {
    Job job;
    std::vector<std::string> warnings;
    Outcome outcome = impl_->check(job_text, job, warnings);
    outcome.warnings = std::move(warnings);
    return outcome;
}

Outcome Pipeline::render(std::string_view job_text) const {
    Job job;
    std::vector<std::string> warnings;
    Outcome outcome = impl_->check(job_text, job, warnings);
    outcome.warnings = std::move(warnings);
    if (outcome.verdict != Verdict::Done) return outcome;
    try {
        KindResult produced = renderKind(job, impl_->context);
        if (!produced.refusals.empty()) return failed(Verdict::Refused, std::move(produced.refusals));
        outcome.documents = std::move(produced.documents);
        for (auto& d : outcome.documents) d.sha256 = sha256Hex(d.bytes);
    } catch (const std::exception& e) {
        return failed(Verdict::Failed, {Problem{"", "", std::string("rendering failed: ") + e.what()}});
    }
    return outcome;
}

}  // namespace ceres::jobs
