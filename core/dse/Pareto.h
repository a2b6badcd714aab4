#pragma once
// Non-dominated sorting for 2–3 objectives (docs/sweeps.md). Objectives are given with a direction;
// a point dominates another when it is no worse in every objective and better in at least one.
#include <vector>

namespace kh {

enum class Direction { Maximize, Minimize };

// rank[i] = 0 for the Pareto front, 1 for the front after removing it, ...
// points[i][k] is objective k of point i; every point must have directions.size() values.
std::vector<int> paretoRanks(const std::vector<std::vector<double>>& points, const std::vector<Direction>& directions);

// True when a dominates b.
bool dominates(const std::vector<double>& a, const std::vector<double>& b, const std::vector<Direction>& directions);

} // namespace kh
