#include "vmm/NelderMead.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace kh::vmm {

Minimum nelderMead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> start, double step,
                   int maxIterations, double tolerance)
{
    const size_t d = start.size();
    std::vector<std::vector<double>> p(d + 1, start);
    for (size_t i = 0; i < d; ++i)
        p[i + 1][i] += step;
    std::vector<double> fv(d + 1);
    auto eval = [&](const std::vector<double>& x) {
        const double v = f(x);
        return std::isfinite(v) ? v : 1e300;   // outside the parameter domain: reject the step
    };
    for (size_t i = 0; i <= d; ++i)
        fv[i] = eval(p[i]);
    Minimum m;
    std::vector<size_t> order(d + 1);
    for (m.iterations = 0; m.iterations < maxIterations; ++m.iterations) {
        std::iota(order.begin(), order.end(), size_t(0));
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return fv[a] < fv[b]; });
        const size_t best = order.front(), worst = order.back(), second = order[d - 1];
        if (std::abs(fv[worst] - fv[best]) <= tolerance * (std::abs(fv[best]) + 1e-12)) {
            m.converged = true;
            break;
        }
        std::vector<double> centroid(d, 0.0);
        for (size_t i = 0; i <= d; ++i)
            if (i != worst)
                for (size_t k = 0; k < d; ++k)
                    centroid[k] += p[i][k] / double(d);
        auto along = [&](double t) {
            std::vector<double> x(d);
            for (size_t k = 0; k < d; ++k)
                x[k] = centroid[k] + t * (p[worst][k] - centroid[k]);
            return x;
        };
        const std::vector<double> reflected = along(-1.0);
        const double fr = eval(reflected);
        if (fr < fv[best]) {
            const std::vector<double> expanded = along(-2.0);
            const double fe = eval(expanded);
            if (fe < fr) {
                p[worst] = expanded;
                fv[worst] = fe;
            } else {
                p[worst] = reflected;
                fv[worst] = fr;
            }
        } else if (fr < fv[second]) {
            p[worst] = reflected;
            fv[worst] = fr;
        } else {
            const bool outside = fr < fv[worst];
            const std::vector<double> contracted = along(outside ? -0.5 : 0.5);
            const double fc = eval(contracted);
            if (fc < std::min(fr, fv[worst])) {
                p[worst] = contracted;
                fv[worst] = fc;
            } else {
                for (size_t i = 0; i <= d; ++i) {
                    if (i == best)
                        continue;
                    for (size_t k = 0; k < d; ++k)
                        p[i][k] = p[best][k] + 0.5 * (p[i][k] - p[best][k]);
                    fv[i] = eval(p[i]);
                }
            }
        }
    }
    const size_t best = size_t(std::min_element(fv.begin(), fv.end()) - fv.begin());
    m.x = p[best];
    m.value = fv[best];
    return m;
}

} // namespace kh::vmm
