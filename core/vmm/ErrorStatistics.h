#pragma once
// Summary statistics of a pooled error sample (docs/validation.md §7): moments, quantiles and the relative
// L2 / L∞ errors of the trials.
#include <vector>

namespace kh::vmm {

struct ErrorStatistics {
    long long count = 0;
    double mean = 0;
    double variance = 0;          // unbiased (n − 1)
    double std = 0;
    double skewness = 0;          // g1 = m3 / m2^1.5 (population moments)
    double excess_kurtosis = 0;   // g2 = m4 / m2² − 3
    double min = 0, max = 0;
    // Quantiles at 0.1, 1, 5, 25, 50, 75, 95, 99, 99.9 % (linear interpolation, type 7).
    std::vector<double> quantile_levels;
    std::vector<double> quantiles;
    double relative_l2_mean = 0;
    double relative_linf_mean = 0;
};

ErrorStatistics describeErrors(const std::vector<double>& errors, const std::vector<double>& relativeL2 = {},
                               const std::vector<double>& relativeLinf = {});

// Quantile of sorted data at level q ∈ [0, 1] (type 7: linear between order statistics).
double quantileSorted(const std::vector<double>& sorted, double q);

} // namespace kh::vmm
