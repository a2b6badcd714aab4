#include "dse/ParetoQuery.h"

#include <algorithm>
#include <cmath>

namespace kh {

std::vector<RankedPoint> rankRecords(const std::vector<PointRecord>& records, const std::vector<std::string>& metrics,
                                     const std::vector<Direction>& directions)
{
    std::vector<RankedPoint> out;
    for (const PointRecord& r : records) {
        if (!r.ok() || !r.feasible)
            continue;
        RankedPoint p;
        p.record = &r;
        for (const std::string& m : metrics) {
            const auto v = r.value(m);
            if (!v || !std::isfinite(*v))
                break;
            p.values.push_back(*v);
        }
        if (p.values.size() == metrics.size())
            out.push_back(std::move(p));
    }
    std::vector<std::vector<double>> values;
    for (const RankedPoint& p : out)
        values.push_back(p.values);
    const std::vector<int> rank = paretoRanks(values, directions);
    for (size_t i = 0; i < out.size(); ++i)
        out[i].rank = rank[i];
    std::stable_sort(out.begin(), out.end(), [](const RankedPoint& a, const RankedPoint& b) {
        if (a.rank != b.rank)
            return a.rank < b.rank;
        return a.values[0] < b.values[0];
    });
    return out;
}

} // namespace kh
