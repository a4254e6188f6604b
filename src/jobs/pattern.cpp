#include "jobs/pattern.h"

#include <bitset>
#include <cctype>
#include <climits>
#include <stdexcept>
#include <vector>

namespace ceres::jobs {

// A sequence of items; an item is a byte class, a group of alternative sequences or an anchor,
// repeated from `min` to `max` times.
struct Pattern::Node {
    struct Item {
        enum Type { Class, Group, Begin, End } type = Class;
        std::bitset<256> bytes{};
        std::vector<Node> alternatives{};
        int min = 1;
        int max = 1;  // INT_MAX: unbounded
    };
    std::vector<Item> items;
};

namespace {

using Node = Pattern::Node;
using Item = Node::Item;

[[noreturn]] void unsupported(const std::string& source, std::size_t at) {
    throw std::invalid_argument("pattern '" + source + "' uses syntax not supported at offset " + std::to_string(at));
}

// std::regex's classes for char in the classic locale.
void addEscapeClass(char c, std::bitset<256>& set, bool& known) {
    known = true;
    switch (c) {
        case 's': for (unsigned char b : std::string(" \t\n\v\f\r")) set.set(b); return;
        case 'd': for (int b = '0'; b <= '9'; ++b) set.set(b); return;
        case 'w':
            for (int b = 0; b < 256; ++b)
                if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_') set.set(b);
            return;
        default: known = false;
    }
}

class Compiler {
public:
    explicit Compiler(const std::string& s) : s_(s) {}

    Node sequence(int depth) {
        Node node;
        while (at_ < s_.size() && s_[at_] != '|' && s_[at_] != ')') {
            Item item = atom(depth);
            quantifier(item);
            node.items.push_back(std::move(item));
        }
        return node;
    }

    std::vector<Node> alternatives(int depth) {
        if (depth > 16) unsupported(s_, at_);
        std::vector<Node> out{sequence(depth)};
        while (at_ < s_.size() && s_[at_] == '|') {
            ++at_;
            out.push_back(sequence(depth));
        }
        return out;
    }

    bool done() const { return at_ == s_.size(); }
    std::size_t at() const { return at_; }

private:
    Item atom(int depth) {
        Item item;
        const char c = s_[at_++];
        switch (c) {
            case '^': item.type = Item::Begin; return item;
            case '$': item.type = Item::End; return item;
            case '.':
                item.bytes.set();
                item.bytes.reset('\n');
                item.bytes.reset('\r');
                return item;
            case '(':
                if (at_ < s_.size() && s_[at_] == '?') unsupported(s_, at_);
                item.type = Item::Group;
                item.alternatives = alternatives(depth + 1);
                if (at_ >= s_.size() || s_[at_] != ')') unsupported(s_, at_);
                ++at_;
                return item;
            case '[': return cls();
            case '\\': {
                if (at_ >= s_.size()) unsupported(s_, at_);
                const char e = s_[at_++];
                bool known = false;
                addEscapeClass(e, item.bytes, known);
                if (!known) {
                    if (std::isalnum(static_cast<unsigned char>(e))) unsupported(s_, at_ - 1);
                    item.bytes.set(static_cast<unsigned char>(e));
                }
                return item;
            }
            case '*': case '+': case '?': case '{': case ')': case ']': case '}': unsupported(s_, at_ - 1);
            default: item.bytes.set(static_cast<unsigned char>(c)); return item;
        }
    }

    Item cls() {
        Item item;
        bool negate = false;
        if (at_ < s_.size() && s_[at_] == '^') {
            negate = true;
            ++at_;
        }
        bool first = true;
        while (true) {
            if (at_ >= s_.size()) unsupported(s_, at_);
            char c = s_[at_];
            if (c == ']' && !first) break;
            first = false;
            ++at_;
            if (c == '[') unsupported(s_, at_ - 1);
            if (c == '\\') {
                if (at_ >= s_.size()) unsupported(s_, at_);
                const char e = s_[at_++];
                bool known = false;
                addEscapeClass(e, item.bytes, known);
                if (known) continue;
                if (std::isalnum(static_cast<unsigned char>(e))) unsupported(s_, at_ - 1);
                c = e;
            }
            if (at_ + 1 < s_.size() && s_[at_] == '-' && s_[at_ + 1] != ']') {
                char hi = s_[at_ + 1];
                if (hi == '\\' || hi == '[') unsupported(s_, at_ + 1);
                at_ += 2;
                if (static_cast<unsigned char>(hi) < static_cast<unsigned char>(c)) unsupported(s_, at_);
                for (int b = static_cast<unsigned char>(c); b <= static_cast<unsigned char>(hi); ++b) item.bytes.set(b);
            } else {
                item.bytes.set(static_cast<unsigned char>(c));
            }
        }
        ++at_;  // ']'
        if (negate) item.bytes.flip();
        return item;
    }

    int number() {
        const std::size_t start = at_;
        long value = 0;
        while (at_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[at_]))) {
            value = value * 10 + (s_[at_++] - '0');
            if (value > 100000) unsupported(s_, start);
        }
        if (at_ == start) unsupported(s_, start);
        return static_cast<int>(value);
    }

    void quantifier(Item& item) {
        if (at_ >= s_.size()) return;
        const char c = s_[at_];
        if (c != '?' && c != '*' && c != '+' && c != '{') return;
        if (item.type == Item::Begin || item.type == Item::End) unsupported(s_, at_);
        ++at_;
        if (c == '?') item.min = 0, item.max = 1;
        if (c == '*') item.min = 0, item.max = INT_MAX;
        if (c == '+') item.min = 1, item.max = INT_MAX;
        if (c == '{') {
            item.min = number();
            item.max = item.min;
            if (at_ < s_.size() && s_[at_] == ',') {
                ++at_;
                item.max = at_ < s_.size() && s_[at_] == '}' ? INT_MAX : number();
            }
            if (at_ >= s_.size() || s_[at_] != '}' || item.max < item.min) unsupported(s_, at_);
            ++at_;
        }
        // Lazy or possessive forms are not used by the schemas.
        if (at_ < s_.size() && (s_[at_] == '?' || s_[at_] == '+')) unsupported(s_, at_);
        if (item.type == Item::Group && item.max == INT_MAX) unsupported(s_, at_);
    }

    const std::string& s_;
    std::size_t at_ = 0;
};

// What remains to match after a sequence ends: the rest of the enclosing sequences.
struct Continuation {
    const Node* node;
    std::size_t index;
    int repeats_left_min;  // for a group being repeated: how many more repetitions are required
    int repeats_left_max;  // and allowed
    const Continuation* next;
};

class Matcher {
public:
    explicit Matcher(std::string_view text) : t_(text) {}

    bool match(const Node& node, std::size_t index, std::size_t pos, const Continuation* cont) const {
        if (index == node.items.size()) {
            if (!cont) return true;
            if (cont->repeats_left_max > 0) {
                // One more repetition of the group that `cont` resumes after, if wanted.
                const Item& group = cont->node->items[cont->index];
                if (repeatGroup(group, *cont->node, cont->index, pos, cont->repeats_left_min, cont->repeats_left_max,
                                cont->next))
                    return true;
                if (cont->repeats_left_min > 0) return false;
                return match(*cont->node, cont->index + 1, pos, cont->next);
            }
            if (cont->repeats_left_min > 0) return false;
            return match(*cont->node, cont->index + 1, pos, cont->next);
        }
        const Item& item = node.items[index];
        switch (item.type) {
            case Item::Begin: return pos == 0 && match(node, index + 1, pos, cont);
            case Item::End: return pos == t_.size() && match(node, index + 1, pos, cont);
            case Item::Class: {
                std::size_t run = 0;
                const std::size_t limit = item.max == INT_MAX ? t_.size() - pos : static_cast<std::size_t>(item.max);
                while (run < limit && pos + run < t_.size() && item.bytes.test(static_cast<unsigned char>(t_[pos + run])))
                    ++run;
                if (run < static_cast<std::size_t>(item.min)) return false;
                for (std::size_t n = run + 1; n-- > static_cast<std::size_t>(item.min);)
                    if (match(node, index + 1, pos + n, cont)) return true;
                return false;
            }
            case Item::Group:
                if (repeatGroup(item, node, index, pos, item.min, item.max, cont)) return true;
                return item.min == 0 && match(node, index + 1, pos, cont);
        }
        return false;
    }

private:
    // One repetition of `group` (items[index] of `node`) at `pos`, then what follows.
    bool repeatGroup(const Item& group, const Node& node, std::size_t index, std::size_t pos, int min, int max,
                     const Continuation* cont) const {
        if (max <= 0) return false;
        const Continuation after{&node, index, min > 0 ? min - 1 : 0, max - 1, cont};
        for (const Node& alternative : group.alternatives)
            if (match(alternative, 0, pos, &after)) return true;
        return false;
    }

    std::string_view t_;
};

}  // namespace

Pattern::Pattern(const std::string& source) : source_(source), root_(std::make_unique<Node>()) {
    Compiler compiler(source_);
    Item top;
    top.type = Item::Group;
    top.alternatives = compiler.alternatives(0);
    if (!compiler.done()) unsupported(source_, compiler.at());
    root_->items.push_back(std::move(top));
}

Pattern::~Pattern() = default;

bool Pattern::search(std::string_view text) const {
    const Matcher matcher(text);
    for (std::size_t start = 0; start <= text.size(); ++start) {
        if (matcher.match(*root_, 0, start, nullptr)) return true;
        // Anchored at the start: no other start can match.
        const Item& top = root_->items.front();
        bool anchored = !top.alternatives.empty();
        for (const Node& a : top.alternatives)
            anchored = anchored && !a.items.empty() && a.items.front().type == Item::Begin;
        if (anchored) return false;
    }
    return false;
}

}  // namespace ceres::jobs
