#include "dse/Pareto.h"

#include <stdexcept>

namespace kh {

bool dominates(const std::vector<double>& a, const std::vector<double>& b, const std::vector<Direction>& directions)
{
    bool better = false;
    for (size_t k = 0; k < directions.size(); ++k) {
        const double da = directions[k] == Direction::Maximize ? a[k] : -a[k];
        const double db = directions[k] == Direction::Maximize ? b[k] : -b[k];
        if (da < db)
            return false;
        if (da > db)
            better = true;
    }
    return better;
}

std::vector<int> paretoRanks(const std::vector<std::vector<double>>& points, const std::vector<Direction>& directions)
{
    for (const auto& p : points)
        if (p.size() != directions.size())
            throw std::invalid_argument("paretoRanks: point with the wrong number of objectives");
    // Deb et al.'s fast non-dominated sort (NSGA-II, IEEE TEC 2002): O(M·N²).
    const size_t n = points.size();
    std::vector<int> rank(n, -1), dominatedCount(n, 0);
    std::vector<std::vector<size_t>> dominatesList(n);
    std::vector<size_t> front;
    for (size_t i = 0; i < n; ++i) {
        for (size_t j = 0; j < n; ++j) {
            if (i == j)
                continue;
            if (dominates(points[i], points[j], directions))
                dominatesList[i].push_back(j);
            else if (dominates(points[j], points[i], directions))
                ++dominatedCount[i];
        }
        if (dominatedCount[i] == 0) {
            rank[i] = 0;
            front.push_back(i);
        }
    }
    for (int r = 0; !front.empty(); ++r) {
        std::vector<size_t> next;
        for (size_t i : front)
            for (size_t j : dominatesList[i])
                if (--dominatedCount[j] == 0) {
                    rank[j] = r + 1;
                    next.push_back(j);
                }
        front.swap(next);
    }
    return rank;
}

} // namespace kh
