#pragma once
// Samplers over the axes of a sweep (docs/sweeps.md). A genome holds one value index per axis. Every
// sampler is deterministic for a given seed; random and Latin-hypercube samples never repeat a
// genome. The evolutionary search lives in Nsga2.h.
#include "dse/SweepSpec.h"

#include <vector>

namespace kh {

using Genome = std::vector<int>;

// Number of grid points (product of axis sizes), saturating at ~1e18.
double gridSize(const std::vector<SweepAxis>& axes);
// How many distinct points a sweep evaluates at most: the grid, the samples (no more than the
// grid holds), or NSGA-II's population over its initial and later generations.
double plannedPoints(const SweepSpec& spec);
// Every combination, the last axis varying fastest.
std::vector<Genome> gridGenomes(const std::vector<SweepAxis>& axes);
// n distinct uniform draws (fewer when the grid is smaller than n: then the whole grid, shuffled).
std::vector<Genome> randomGenomes(const std::vector<SweepAxis>& axes, int n, unsigned long long seed);
// Latin hypercube (McKay, Beckman, Conover 1979): each axis's range cut into n equal strata, each
// stratum used once; duplicate genomes (axes with fewer values than n) are dropped.
std::vector<Genome> latinHypercubeGenomes(const std::vector<SweepAxis>& axes, int n, unsigned long long seed);

} // namespace kh
