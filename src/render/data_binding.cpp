#include "render/data_binding.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <cctype>

namespace ceres::render {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Var child(const Var& value, std::string_view key) {
    if (value.type() == typeid(Object::Ptr)) {
        auto object = value.extract<Object::Ptr>();
        std::string name(key);
        return object && object->has(name) ? object->get(name) : Var();
    }
    if (value.type() == typeid(Array::Ptr)) {
        auto array = value.extract<Array::Ptr>();
        if (!array || key.empty() || !std::all_of(key.begin(), key.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c)) != 0;
            }))
            return Var();
        size_t index = std::stoul(std::string(key));
        return index < array->size() ? array->get(static_cast<unsigned>(index)) : Var();
    }
    return Var();
}

Var follow(Var value, std::string_view path) {
    while (!path.empty() && !value.isEmpty()) {
        size_t dot = path.find('.');
        value = child(value, path.substr(0, dot));
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

Var Scope::lookup(std::string_view path) const {
    path = trim(path);
    if (path == ".") return item_;
    for (const Scope* scope = this; scope; scope = scope->parent_) {
        auto variable = scope->variables_.find(std::string(path));
        if (variable != scope->variables_.end()) return Var(variable->second);
        Var found = follow(scope->item_, path);
        if (!found.isEmpty()) return found;
    }
    return Var();
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
        result.append(text.substr(position, open - position));
        std::string_view path = text.substr(open + 2, close - open - 2);
        Var value = lookup(path);
        if (value.isEmpty()) missing_->emplace_back(trim(path));
        result += toText(value);
        position = close + 2;
    }
    result.append(text.substr(position));
    return result;
}

}  // namespace ceres::render
