#pragma once
// Method + path pattern ("/v1/jobs/{id}") to handler. A placeholder matches one non-empty
// path segment. A GET route also answers HEAD; the response then carries the headers only.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/exchange.h"

namespace ceres::http {

using Handler = std::function<void(Exchange&)>;

enum class Access { Public, Authenticated };

struct Route {
    std::string method;
    std::string pattern;
    Access access = Access::Authenticated;
    Handler handler;
};

struct RouteMatch {
    const Route* route = nullptr;                // null: no route for this method and path
    std::map<std::string, std::string> params;   // percent-decoded
    std::vector<std::string> allowed_methods;    // when the path exists under other methods
};

class Router {
public:
    void add(Route route);
    // Throws ClientError (400, rule "path") for a placeholder segment with a bad %XX escape or
    // one that decodes to a control character.
    RouteMatch match(const std::string& method, const std::string& path) const;
    // Every route, in the order added (for the API description's completeness test).
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
};

}  // namespace ceres::http
