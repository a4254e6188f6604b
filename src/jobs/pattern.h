#pragma once
// The schemas' `pattern`s, matched without std::regex: a small backtracking matcher for the
// ECMAScript subset they use (anchors, literals, escapes, classes with ranges and \s \d \w,
// groups with alternatives, the quantifiers ? * + {n} {n,} {n,m}), on bytes as std::regex
// matches them. A pattern outside that subset is refused when the schema loads.
#include <memory>
#include <string>
#include <string_view>

namespace ceres::jobs {

class Pattern {
public:
    // Throws std::invalid_argument for syntax outside the subset.
    explicit Pattern(const std::string& source);
    ~Pattern();
    Pattern(const Pattern&) = delete;
    Pattern& operator=(const Pattern&) = delete;

    // Whether the pattern matches somewhere in `text` (std::regex_search).
    bool search(std::string_view text) const;
    const std::string& source() const { return source_; }

    struct Node;

private:
    std::string source_;
    std::unique_ptr<Node> root_;
};

}  // namespace ceres::jobs
