#include "jobs/problem.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <sstream>

namespace ceres::jobs {

std::string problemsToJson(const std::vector<Problem>& problems) {
    Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
    for (const auto& p : problems) {
        Poco::JSON::Object::Ptr e = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        e->set("pointer", p.pointer);
        e->set("rule", p.rule.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(p.rule));
        e->set("message", p.message);
        errors->add(e);
    }
    Poco::JSON::Object root;
    root.set("errors", errors);
    std::ostringstream out;
    root.stringify(out);
    return out.str();
}

}  // namespace ceres::jobs
