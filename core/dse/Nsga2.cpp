#include "dse/Nsga2.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

namespace kh {

Nsga2::Nsga2(std::vector<int> axisSizes, std::vector<Direction> directions, const SamplerSpec& spec)
    : sizes_(std::move(axisSizes)), directions_(std::move(directions)), spec_(spec), rng_(spec.seed)
{
}

std::vector<Genome> Nsga2::initialPopulation()
{
    std::vector<SweepAxis> axes(sizes_.size());
    for (size_t k = 0; k < sizes_.size(); ++k)
        axes[k].values.resize(size_t(sizes_[k]));
    // A Latin hypercube spreads the first generation over every axis's range.
    std::vector<Genome> pop = latinHypercubeGenomes(axes, spec_.population, spec_.seed);
    std::set<Genome> seen(pop.begin(), pop.end());
    for (int attempts = 0; int(pop.size()) < spec_.population && attempts < 50 * spec_.population; ++attempts) {
        Genome g(sizes_.size());
        for (size_t k = 0; k < sizes_.size(); ++k)
            g[k] = int(rng_.below(std::uint64_t(sizes_[k])));
        if (seen.insert(g).second)
            pop.push_back(g);
    }
    return pop;
}

void Nsga2::rankAndCrowding(const std::vector<Nsga2Member>& members, std::vector<int>& rank, std::vector<double>& crowding) const
{
    const size_t n = members.size();
    rank.assign(n, 0);
    crowding.assign(n, 0);
    std::vector<size_t> feasible, infeasible;
    for (size_t i = 0; i < n; ++i)
        (members[i].violation == 0 ? feasible : infeasible).push_back(i);
    std::vector<std::vector<double>> objectives;
    for (size_t i : feasible)
        objectives.push_back(members[i].objectives);
    const std::vector<int> fr = paretoRanks(objectives, directions_);
    int worst = -1;
    for (size_t j = 0; j < feasible.size(); ++j) {
        rank[feasible[j]] = fr[j];
        worst = std::max(worst, fr[j]);
    }
    // Infeasible members rank after every feasible one, ordered by violation.
    std::stable_sort(infeasible.begin(), infeasible.end(),
                     [&](size_t a, size_t b) { return members[a].violation < members[b].violation; });
    for (size_t j = 0; j < infeasible.size(); ++j)
        rank[infeasible[j]] = worst + 1 + int(j);
    // Crowding distance within each feasible front: normalised gap between neighbours.
    for (int r = 0; r <= worst; ++r) {
        std::vector<size_t> front;
        for (size_t i : feasible)
            if (rank[i] == r)
                front.push_back(i);
        for (size_t k = 0; k < directions_.size(); ++k) {
            std::sort(front.begin(), front.end(),
                      [&](size_t a, size_t b) { return members[a].objectives[k] < members[b].objectives[k]; });
            const double lo = members[front.front()].objectives[k], hi = members[front.back()].objectives[k];
            crowding[front.front()] = crowding[front.back()] = std::numeric_limits<double>::infinity();
            if (hi <= lo)
                continue;
            for (size_t j = 1; j + 1 < front.size(); ++j)
                crowding[front[j]] += (members[front[j + 1]].objectives[k] - members[front[j - 1]].objectives[k]) / (hi - lo);
        }
    }
}

size_t Nsga2::tournament(const std::vector<int>& rank, const std::vector<double>& crowding)
{
    const size_t a = rng_.below(rank.size()), b = rng_.below(rank.size());
    if (rank[a] != rank[b])
        return rank[a] < rank[b] ? a : b;
    return crowding[a] >= crowding[b] ? a : b;
}

Genome Nsga2::mutate(Genome g)
{
    const double p = spec_.mutation > 0 ? spec_.mutation : 1.0 / double(std::max<size_t>(1, sizes_.size()));
    for (size_t k = 0; k < g.size(); ++k) {
        if (sizes_[k] < 2 || rng_.unit() >= p)
            continue;
        if (rng_.unit() < 0.5) {   // a neighbouring value: small steps along ordered axes
            const int step = rng_.unit() < 0.5 ? -1 : 1;
            g[k] = std::clamp(g[k] + step, 0, sizes_[k] - 1);
        } else {
            g[k] = int(rng_.below(std::uint64_t(sizes_[k])));
        }
    }
    return g;
}

std::vector<Genome> Nsga2::offspring(const std::vector<Nsga2Member>& population)
{
    std::vector<int> rank;
    std::vector<double> crowding;
    rankAndCrowding(population, rank, crowding);
    std::set<Genome> seen;
    for (const Nsga2Member& m : population)
        seen.insert(m.genome);
    std::vector<Genome> children;
    for (int attempts = 0; int(children.size()) < spec_.population && attempts < 20 * spec_.population; ++attempts) {
        const Genome& a = population[tournament(rank, crowding)].genome;
        const Genome& b = population[tournament(rank, crowding)].genome;
        Genome child = a;
        if (rng_.unit() < spec_.crossover)
            for (size_t k = 0; k < child.size(); ++k)
                if (rng_.unit() < 0.5)
                    child[k] = b[k];
        child = mutate(child);
        // Prefer new genomes; a revisit costs nothing (the store answers) but explores nothing.
        if (seen.insert(child).second)
            children.push_back(child);
    }
    return children;
}

std::vector<Nsga2Member> Nsga2::survivors(const std::vector<Nsga2Member>& combined) const
{
    std::vector<int> rank;
    std::vector<double> crowding;
    rankAndCrowding(combined, rank, crowding);
    std::vector<size_t> order(combined.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (rank[a] != rank[b])
            return rank[a] < rank[b];
        return crowding[a] > crowding[b];
    });
    std::vector<Nsga2Member> out;
    for (size_t i = 0; i < order.size() && int(out.size()) < spec_.population; ++i)
        out.push_back(combined[order[i]]);
    return out;
}

} // namespace kh
