#include "cim/OutputNoiseConfusion.h"

#include <algorithm>
#include <cmath>

namespace kh {

namespace {
double phi(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }
} // namespace

double OutputNoiseConfusion::correctFraction() const
{
    if (ideal.empty())
        return 0;
    double sum = 0;
    for (size_t r = 0; r < ideal.size(); ++r)
        sum += ideal[r] <= max_output ? p[r][size_t(ideal[r])] : 0.0;
    return sum / double(ideal.size());
}

OutputNoiseConfusion outputNoiseConfusion(const std::vector<OutputNoiseLevel>& rows)
{
    OutputNoiseConfusion c;
    for (const OutputNoiseLevel& r : rows)
        c.max_output = std::max(c.max_output, r.output);
    for (const OutputNoiseLevel& r : rows) {
        c.ideal.push_back(r.output);
        std::vector<double> row(size_t(c.max_output) + 1, 0.0);
        for (long long k = 0; k <= c.max_output; ++k) {
            // Clipped ends collect everything below 0 and above the top level.
            const double lo = k == 0 ? -INFINITY : double(k) - 0.5;
            const double hi = k == c.max_output ? INFINITY : double(k) + 0.5;
            if (r.std > 0) {
                row[size_t(k)] = phi((hi - r.mean) / r.std) - phi((lo - r.mean) / r.std);
            } else {
                const double v = std::round(r.mean);
                row[size_t(k)] = (v >= lo && v < hi) ? 1.0 : 0.0;
            }
        }
        c.p.push_back(std::move(row));
    }
    return c;
}

} // namespace kh
