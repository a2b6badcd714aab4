#include "dse/PointRecord.h"

#include <sstream>

namespace kh {

std::optional<double> PointRecord::value(const std::string& name) const
{
    if (auto it = metrics.find(name); it != metrics.end())
        return it->second;
    if (name.find('.') == std::string::npos)
        return std::nullopt;
    const nlohmann::json* node = &config;
    std::stringstream in(name);
    for (std::string part; std::getline(in, part, '.');) {
        if (!node->is_object() || !node->contains(part))
            return std::nullopt;
        node = &(*node)[part];
    }
    if (node->is_number())
        return node->get<double>();
    if (node->is_boolean())
        return node->get<bool>() ? 1.0 : 0.0;
    return std::nullopt;
}

} // namespace kh
