#include "render/data_binding.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "render/typography.h"

namespace ceres::render {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Poco hands values out by copy; names are looked up on every page of a batch, so the tree is
// walked by pointer instead. Array elements, which only come as copies, are kept in `held`
// (alternately in its two places, the one being read never being overwritten).
using Held = std::array<Var, 2>;

const Var* child(const Var& value, std::string_view key, Var& element) {
    if (value.type() == typeid(Object::Ptr)) {
        const Object::Ptr& object = value.extract<Object::Ptr>();
        if (!object) return nullptr;
        for (auto member = object->begin(); member != object->end(); ++member)
            if (member->first == key) return &member->second;
        return nullptr;
    }
    if (value.type() == typeid(Array::Ptr)) {
        const Array::Ptr& array = value.extract<Array::Ptr>();
        if (!array || key.empty() || !std::all_of(key.begin(), key.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c)) != 0;
            }))
            return nullptr;
        size_t index = std::stoul(std::string(key));
        if (index >= array->size()) return nullptr;
        element = array->get(static_cast<unsigned>(index));
        return &element;
    }
    return nullptr;
}

const Var* follow(const Var& root, std::string_view path, Held& held) {
    const Var* value = &root;
    for (size_t step = 0; !path.empty() && value && !value->isEmpty(); ++step) {
        size_t dot = path.find('.');
        value = child(*value, path.substr(0, dot), held[step % 2]);
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    }
    return value;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

}  // namespace

std::string toText(const Var& value) {
    if (value.isEmpty()) return {};
    if (value.type() == typeid(Object::Ptr) || value.type() == typeid(Array::Ptr)) return {};
    if (value.isBoolean()) return value.extract<bool>() ? "oui" : "non";
    return value.convert<std::string>();
}

Scope::Scope(Object::Ptr root) : item_(root), missing_(std::make_shared<std::vector<std::string>>()) {}

Scope::Scope(const Scope& parent, Var item)
    : item_(std::move(item)), parent_(&parent), missing_(parent.missing_) {}

// Where the value is in the data (or in `held`), nullptr when nowhere.
const Var* Scope::find(std::string_view path, Held& held) const {
    path = trim(path);
    if (path == ".") return &item_;
    for (const Scope* scope = this; scope; scope = scope->parent_) {
        if (!scope->variables_.empty()) {
            auto variable = scope->variables_.find(std::string(path));
            if (variable != scope->variables_.end()) {
                held[0] = variable->second;
                return &held[0];
            }
        }
        const Var* found = follow(scope->item_, path, held);
        if (found && !found->isEmpty()) return found;
    }
    return nullptr;
}

Var Scope::lookup(std::string_view path) const {
    Held held;
    const Var* found = find(path, held);
    return found ? *found : Var();
}

std::vector<Var> Scope::array(std::string_view path) const {
    std::vector<Var> items;
    Var value = lookup(path);
    if (value.type() != typeid(Array::Ptr)) return items;
    auto array = value.extract<Array::Ptr>();
    for (unsigned i = 0; array && i < array->size(); ++i) items.push_back(array->get(i));
    return items;
}

bool Scope::truthy(std::string_view path) const {
    Var value = lookup(path);
    if (value.isEmpty()) return false;
    if (value.isBoolean()) return value.extract<bool>();
    if (value.type() == typeid(Array::Ptr)) return value.extract<Array::Ptr>()->size() > 0;
    if (value.type() == typeid(Object::Ptr)) return true;
    std::string text = value.convert<std::string>();
    return !text.empty() && text != "0";
}

std::string Scope::substitute(std::string_view text) const {
    std::string result;
    result.reserve(text.size());
    size_t position = 0;
    while (position < text.size()) {
        size_t open = text.find("{{", position);
        if (open == std::string_view::npos) break;
        size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        result += typographicApostrophes(text.substr(position, open - position));
        std::string_view path = text.substr(open + 2, close - open - 2);
        Held held;
        const Var* value = find(path, held);
        if (!value)
            missing_->emplace_back(trim(path));
        else if (value->type() == typeid(std::string))
            result += value->extract<std::string>();
        else
            result += toText(*value);
        position = close + 2;
    }
    result += typographicApostrophes(text.substr(position));
    return frenchSpacing(result);
}

}  // namespace ceres::render
