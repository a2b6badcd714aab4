#include "dse/Samplers.h"

#include "dse/SweepRandom.h"

#include <algorithm>
#include <set>

namespace kh {

double gridSize(const std::vector<SweepAxis>& axes)
{
    double size = 1;
    for (const SweepAxis& a : axes)
        size = std::min(size * double(a.values.size()), 1e18);
    return size;
}

double plannedPoints(const SweepSpec& spec)
{
    const double grid = gridSize(spec.axes);
    switch (spec.sampler.kind) {
    case SamplerKind::Grid: return grid;
    case SamplerKind::Random:
    case SamplerKind::LatinHypercube: return std::min(grid, double(spec.sampler.points));
    case SamplerKind::Nsga2: return std::min(grid, double(spec.sampler.population) * double(spec.sampler.generations + 1));
    }
    return grid;
}

std::vector<Genome> gridGenomes(const std::vector<SweepAxis>& axes)
{
    std::vector<Genome> out;
    Genome g(axes.size(), 0);
    while (true) {
        out.push_back(g);
        int k = int(axes.size()) - 1;
        for (; k >= 0; --k) {
            if (++g[size_t(k)] < int(axes[size_t(k)].values.size()))
                break;
            g[size_t(k)] = 0;
        }
        if (k < 0)
            break;
    }
    return out;
}

std::vector<Genome> randomGenomes(const std::vector<SweepAxis>& axes, int n, unsigned long long seed)
{
    SweepRandom rng(seed);
    if (double(n) >= gridSize(axes)) {
        std::vector<Genome> all = gridGenomes(axes);
        for (size_t i = all.size(); i > 1; --i)   // Fisher–Yates
            std::swap(all[i - 1], all[rng.below(i)]);
        return all;
    }
    std::set<Genome> seen;
    std::vector<Genome> out;
    // Rejection of repeats; the grid is larger than n, so this ends quickly in practice.
    for (long long attempts = 0; int(out.size()) < n && attempts < 100LL * n + 1000; ++attempts) {
        Genome g(axes.size());
        for (size_t k = 0; k < axes.size(); ++k)
            g[k] = int(rng.below(axes[k].values.size()));
        if (seen.insert(g).second)
            out.push_back(g);
    }
    return out;
}

std::vector<Genome> latinHypercubeGenomes(const std::vector<SweepAxis>& axes, int n, unsigned long long seed)
{
    SweepRandom rng(seed);
    std::vector<std::vector<int>> perAxis(axes.size());
    for (size_t k = 0; k < axes.size(); ++k) {
        std::vector<int> strata(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i)
            strata[size_t(i)] = i;
        for (size_t i = strata.size(); i > 1; --i)
            std::swap(strata[i - 1], strata[rng.below(i)]);
        const double values = double(axes[k].values.size());
        for (int i = 0; i < n; ++i) {
            const double u = (strata[size_t(i)] + rng.unit()) / n;   // a point inside its stratum
            perAxis[k].push_back(std::min(int(u * values), int(values) - 1));
        }
    }
    std::set<Genome> seen;
    std::vector<Genome> out;
    for (int i = 0; i < n; ++i) {
        Genome g(axes.size());
        for (size_t k = 0; k < axes.size(); ++k)
            g[k] = perAxis[k][size_t(i)];
        if (seen.insert(g).second)
            out.push_back(g);
    }
    return out;
}

} // namespace kh
