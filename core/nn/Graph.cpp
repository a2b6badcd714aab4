#include "nn/Graph.h"

namespace kh::nn {

std::string shapeText(const std::vector<std::int64_t>& shape)
{
    std::string s = "[";
    for (size_t k = 0; k < shape.size(); ++k) {
        if (k)
            s.push_back(',');
        s.append(std::to_string(shape[k]));
    }
    s.push_back(']');
    return s;
}

std::int64_t Node::intAttr(const std::string& a, std::int64_t fallback) const
{
    auto it = attrs.find(a);
    return it == attrs.end() ? fallback : it->second.i;
}

float Node::floatAttr(const std::string& a, float fallback) const
{
    auto it = attrs.find(a);
    return it == attrs.end() ? fallback : it->second.f;
}

std::vector<std::int64_t> Node::intsAttr(const std::string& a, std::vector<std::int64_t> fallback) const
{
    auto it = attrs.find(a);
    return it == attrs.end() ? fallback : it->second.ints;
}

std::string Node::label() const { return op + " node '" + (name.empty() ? (outputs.empty() ? "?" : outputs[0]) : name) + "'"; }

} // namespace kh::nn
