#include "dse/PointRecord.h"

#include <sstream>

namespace kh {

nlohmann::json::json_pointer dottedKey(const std::string& dotted)
{
    std::string p;
    std::stringstream in(dotted);
    for (std::string part; std::getline(in, part, '.');) {
        // RFC 6901 escapes, so any text makes a valid pointer (a key with '~' or '/' then simply
        // names nothing).
        std::string escaped;
        for (char c : part)
            escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        p.append("/").append(escaped);
    }
    return nlohmann::json::json_pointer(p);
}

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
