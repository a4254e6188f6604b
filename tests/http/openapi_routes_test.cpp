// schemas/openapi.yaml describes every route the server serves: each method and path pattern
// the router holds is an operation of the description, and the description holds no path the
// router does not serve. (Its validity is checked by tests/openapi with a standard validator.)
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "fake_backend.h"
#include "http/endpoints.h"
#include "http/metrics.h"
#include "http/router.h"

namespace ceres::http::testing {
namespace {

using Operations = std::map<std::string, std::set<std::string>>;  // path -> methods, upper case

// The paths and operations of the description's `paths:` block, which is written in block style:
// a path at two spaces of indent, its operations at four.
Operations describedOperations() {
    std::ifstream in(std::string(CERES_SOURCE_DIR) + "/schemas/openapi.yaml");
    EXPECT_TRUE(in) << "schemas/openapi.yaml";
    const std::regex path_line(R"(^  (/[^:\s]*):\s*$)");
    const std::regex method_line(R"(^    (get|put|post|delete|patch|head|options|trace):\s*$)");
    Operations operations;
    std::string line, path;
    bool in_paths = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line[0] != ' ' && line[0] != '#') in_paths = line.rfind("paths:", 0) == 0;
        if (!in_paths) continue;
        std::smatch m;
        if (std::regex_match(line, m, path_line)) {
            path = m[1];
            operations[path];
        } else if (!path.empty() && std::regex_match(line, m, method_line)) {
            std::string method = m[1];
            for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            operations[path].insert(method);
        }
    }
    return operations;
}

Operations servedOperations() {
    FakeBackend backend;
    RequestMetrics metrics;
    Endpoints endpoints(backend, metrics, 16u << 20, 5);
    Router router;
    endpoints.install(router);
    Operations operations;
    for (const Route& route : router.routes()) operations[route.pattern].insert(route.method);
    return operations;
}

TEST(OpenApiRoutes, EveryServedRouteIsDescribedAndNothingElse) {
    const Operations described = describedOperations();
    const Operations served = servedOperations();
    ASSERT_GE(served.size(), 14u) << "the router lists its routes";
    for (const auto& [path, methods] : served) {
        const auto found = described.find(path);
        ASSERT_NE(found, described.end()) << path << " is served but not in schemas/openapi.yaml";
        for (const auto& method : methods) {
            EXPECT_TRUE(found->second.count(method)) << method << " " << path << " is served but not described";
        }
    }
    for (const auto& [path, methods] : described) {
        const auto found = served.find(path);
        ASSERT_NE(found, served.end()) << path << " is described but not served";
        for (const auto& method : methods) {
            EXPECT_TRUE(found->second.count(method)) << method << " " << path << " is described but not served";
        }
    }
}

}  // namespace
}  // namespace ceres::http::testing
