#include "vmm/ErrorStatistics.h"

#include "common/InputError.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kh::vmm {

double quantileSorted(const std::vector<double>& sorted, double q)
{
    if (sorted.empty())
        return 0;
    const double h = q * double(sorted.size() - 1);
    const size_t lo = size_t(std::floor(h));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - double(lo)) * (sorted[hi] - sorted[lo]);
}

ErrorStatistics describeErrors(const std::vector<double>& e, const std::vector<double>& l2, const std::vector<double>& linf)
{
    if (e.size() < 2)
        throw InputError("statistics need at least two errors");
    ErrorStatistics s;
    s.count = (long long)e.size();
    const double n = double(e.size());
    // Two passes (mean first) keep the moments accurate when errors are far from zero.
    s.mean = std::accumulate(e.begin(), e.end(), 0.0) / n;
    double m2 = 0, m3 = 0, m4 = 0;
    for (double v : e) {
        const double d = v - s.mean, d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    m2 /= n;
    m3 /= n;
    m4 /= n;
    s.variance = m2 * n / (n - 1);
    s.std = std::sqrt(s.variance);
    s.skewness = m2 > 0 ? m3 / std::pow(m2, 1.5) : 0.0;
    s.excess_kurtosis = m2 > 0 ? m4 / (m2 * m2) - 3 : 0.0;
    std::vector<double> sorted = e;
    std::sort(sorted.begin(), sorted.end());
    s.min = sorted.front();
    s.max = sorted.back();
    s.quantile_levels = {0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999};
    for (double q : s.quantile_levels)
        s.quantiles.push_back(quantileSorted(sorted, q));
    if (!l2.empty())
        s.relative_l2_mean = std::accumulate(l2.begin(), l2.end(), 0.0) / double(l2.size());
    if (!linf.empty())
        s.relative_linf_mean = std::accumulate(linf.begin(), linf.end(), 0.0) / double(linf.size());
    return s;
}

} // namespace kh::vmm
