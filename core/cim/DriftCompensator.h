#pragma once
// Drift compensation (noise.drift_compensation, docs/simulation.md "PCM and drift compensation"):
// right after programming the chip reads a fixed input, a 1 on every row, so each column returns
// its total conductance; it reads it again now, and each column's ADC outputs are scaled digitally
// by then/now: one factor for the layer (global) or one per column. The factor scales the column's
// whole current; the nominal reference g_0 · Σx that the reads have taken away stays nominal.
#include "cim/CellProgramming.h"
#include "cim/WeightEncoding.h"
#include "spec/DesignPoint.h"

#include <cstdint>
#include <vector>

namespace kh::cim {

class DriftCompensator {
public:
    DriftCompensator() = default;
    // now: the chip as drawn for dp; the reference is the same chip (seed) before any drift.
    DriftCompensator(const EncodedWeights& enc, const DesignPoint& dp, const std::vector<MemState>& states, const ProgrammedCells& now,
                     std::uint64_t chipSeed);

    bool active() const { return !scale_.empty(); }
    // One factor per column (empty when off).
    const std::vector<double>& scales() const { return scale_; }
    // A column's reads Σ x·(G − g_0)/step, compensated; inputSum = Σ x of the vector.
    double apply(int column, double reads, double inputSum) const
    {
        const double scale = scale_[std::size_t(column)];
        if (scale == 1.0)   // nothing drifted: the reads exactly
            return reads;
        const double reference = g0Steps_ * inputSum;
        return scale * (reads + reference) - reference;
    }

private:
    std::vector<double> scale_;
    double g0Steps_ = 0;   // g_0 / (g_1 − g_0)
};

} // namespace kh::cim
