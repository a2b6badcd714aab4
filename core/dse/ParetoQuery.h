#pragma once
// Pareto fronts computed from stored results (docs/sweeps.md): the feasible, successful points that
// have every requested metric, ranked by non-dominated sorting on 2–3 objectives.
#include "dse/Pareto.h"
#include "dse/PointRecord.h"

#include <string>
#include <vector>

namespace kh {

struct RankedPoint {
    const PointRecord* record = nullptr;
    std::vector<double> values;   // one per metric
    int rank = 0;                 // 0 = on the front
};

// Points sorted by rank, then by the first metric. Points lacking a metric are left out.
std::vector<RankedPoint> rankRecords(const std::vector<PointRecord>& records, const std::vector<std::string>& metrics,
                                     const std::vector<Direction>& directions);

} // namespace kh
