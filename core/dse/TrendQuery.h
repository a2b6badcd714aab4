#pragma once
// A metric against a swept parameter from stored results (docs/sweeps.md, "trend"): the feasible,
// successful points with both values, grouped (by the values of a second swept key, say), each
// group's points averaged at every distinct x — accuracy against the time since programming, with
// and without drift compensation, other swept keys such as seeds averaged out.
#include "dse/PointRecord.h"

#include <functional>
#include <string>
#include <vector>

namespace kh {

struct TrendPoint {
    double x = 0;
    double mean = 0, min = 0, max = 0;   // of the metric over the points at this x
    int count = 0;
};

// groups: how many; groupOf: a record's group in [0, groups), or −1 to leave it out. One line per
// group (possibly empty), its points in increasing x.
std::vector<std::vector<TrendPoint>> trendLines(const std::vector<PointRecord>& records, const std::string& xKey, const std::string& metric,
                                                int groups, const std::function<int(const PointRecord&)>& groupOf);

// The distinct values of swept key 'key' among the records as text ("—" for a record without it),
// numbers in numeric order, others in text order; and a record's value as that text.
std::string sweptValueText(const PointRecord& record, const std::string& key);
std::vector<std::string> distinctSweptValues(const std::vector<PointRecord>& records, const std::string& key);

} // namespace kh
