#pragma once
// Shared by the libFuzzer targets: what a target may report, and a crash for anything else.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <Poco/JSON/Parser.h>

#include "jobs/pipeline.h"
#include "jobs/problem.h"

namespace ceres::fuzz {

[[noreturn]] inline void broken(const std::string& what) {
    std::fprintf(stderr, "contract broken: %s\n", what.c_str());
    std::abort();
}

// An outcome of validate/render: a declared verdict, problems that say something, and an error
// document that is itself valid JSON (hence UTF-8).
inline void checkOutcome(const jobs::Outcome& o, bool rendering) {
    if (o.verdict == jobs::Verdict::Failed) broken("verdict Failed: " + jobs::problemsToJson(o.problems));
    if (o.verdict == jobs::Verdict::Done) {
        if (!o.problems.empty()) broken("Done with problems");
        if (rendering && o.documents.empty()) broken("Done without documents");
        return;
    }
    if (o.problems.empty()) broken("refused without a problem");
    if (!o.documents.empty()) broken("refused with documents");
    for (const auto& p : o.problems)
        if (p.message.empty()) broken("a problem without a message");
    try {
        Poco::JSON::Parser().parse(jobs::problemsToJson(o.problems));
    } catch (const std::exception& e) {
        broken(std::string("the error document is not JSON: ") + e.what());
    }
}

inline std::string resources() { return CERES_SOURCE_DIR; }

}  // namespace ceres::fuzz
