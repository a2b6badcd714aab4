#pragma once
// NSGA-II (Deb, Pratap, Agarwal, Meyarivan, IEEE Trans. Evol. Comput. 6(2), 2002) over the
// discrete axes of a sweep: binary tournaments on (constrained rank, crowding distance), uniform
// crossover, per-gene mutation to a neighbouring or random value, and elitist survival of the
// best `population` members of parents ∪ offspring. Constraint handling follows Deb's rule:
// feasible beats infeasible, less violation beats more. Deterministic for a given seed.
#include "dse/Pareto.h"
#include "dse/Samplers.h"
#include "dse/SweepRandom.h"

#include <vector>

namespace kh {

struct Nsga2Member {
    Genome genome;
    std::vector<double> objectives;   // one per direction
    double violation = 0;             // 0 = feasible
};

class Nsga2 {
public:
    Nsga2(std::vector<int> axisSizes, std::vector<Direction> directions, const SamplerSpec& spec);

    std::vector<Genome> initialPopulation();
    std::vector<Genome> offspring(const std::vector<Nsga2Member>& population);
    // The best `population` members: by constrained rank, then by crowding distance.
    std::vector<Nsga2Member> survivors(const std::vector<Nsga2Member>& combined) const;

    // Constrained non-domination rank and crowding distance of each member.
    void rankAndCrowding(const std::vector<Nsga2Member>& members, std::vector<int>& rank, std::vector<double>& crowding) const;

private:
    Genome mutate(Genome g);
    size_t tournament(const std::vector<int>& rank, const std::vector<double>& crowding);

    std::vector<int> sizes_;
    std::vector<Direction> directions_;
    SamplerSpec spec_;
    SweepRandom rng_;
};

} // namespace kh
