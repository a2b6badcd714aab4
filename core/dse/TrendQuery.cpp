#include "dse/TrendQuery.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace kh {

std::vector<std::vector<TrendPoint>> trendLines(const std::vector<PointRecord>& records, const std::string& xKey, const std::string& metric,
                                                int groups, const std::function<int(const PointRecord&)>& groupOf)
{
    std::vector<std::map<double, TrendPoint>> byX(std::size_t(std::max(groups, 0)));
    for (const PointRecord& r : records) {
        if (!r.ok() || !r.feasible)
            continue;
        const std::optional<double> x = r.value(xKey), y = r.value(metric);
        if (!x || !y || !std::isfinite(*x) || !std::isfinite(*y))
            continue;
        const int g = groupOf(r);
        if (g < 0 || g >= groups)
            continue;
        TrendPoint& p = byX[std::size_t(g)][*x];
        if (p.count == 0) {
            p.x = *x;
            p.min = p.max = *y;
        }
        p.mean += *y;   // a sum until the end
        p.min = std::min(p.min, *y);
        p.max = std::max(p.max, *y);
        ++p.count;
    }
    std::vector<std::vector<TrendPoint>> lines(byX.size());
    for (std::size_t g = 0; g < byX.size(); ++g)
        for (auto& [x, p] : byX[g]) {
            p.mean /= p.count;
            lines[g].push_back(p);
        }
    return lines;
}

std::string sweptValueText(const PointRecord& record, const std::string& key)
{
    const auto it = record.params.find(key);
    if (it == record.params.end())
        return "—";
    return it->is_string() ? it->get<std::string>() : it->dump();
}

std::vector<std::string> distinctSweptValues(const std::vector<PointRecord>& records, const std::string& key)
{
    std::set<std::string> distinct;
    bool numeric = true;
    for (const PointRecord& r : records) {
        distinct.insert(sweptValueText(r, key));
        const auto it = r.params.find(key);
        numeric = numeric && it != r.params.end() && it->is_number();
    }
    std::vector<std::string> values(distinct.begin(), distinct.end());
    if (numeric)
        std::sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) { return std::stod(a) < std::stod(b); });
    return values;
}

} // namespace kh
