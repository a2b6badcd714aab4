#include "dse/PointRecord.h"

#include "spec/DesignFields.h"

namespace kh {

nlohmann::json::json_pointer dottedKey(const std::string& dotted) { return designKeyPointer(dotted); }

std::optional<double> PointRecord::value(const std::string& name) const
{
    if (auto it = metrics.find(name); it != metrics.end())
        return it->second;
    if (name.find('.') == std::string::npos)
        return std::nullopt;
    const nlohmann::json::json_pointer key = dottedKey(name);
    if (!config.contains(key))
        return std::nullopt;
    const nlohmann::json& node = config.at(key);
    if (node.is_number())
        return node.get<double>();
    if (node.is_boolean())
        return node.get<bool>() ? 1.0 : 0.0;
    return std::nullopt;
}

std::string PointRecord::paramsText() const
{
    std::string out;
    for (const auto& [key, v] : params.items())
        out.append(out.empty() ? "" : ", ").append(key).append("=").append(v.is_string() ? v.get<std::string>() : v.dump());
    return out;
}

} // namespace kh
