#pragma once
// docs/simulation.md, step 5, device mode: each cell's conductance is drawn once per simulated chip from
// its state's N(g_mean, g_sigma) (mem_states), then stuck-at faults and drift are applied. The
// column read converts Σ x·G back to state steps after subtracting the reference (state 0)
// conductance: (G − g_0) / (g_1 − g_0), NeuroSim V1.5's conversion.
#include "cim/WeightEncoding.h"
#include "spec/DesignPoint.h"

#include <cstdint>
#include <vector>

namespace kh::cim {

// The device's states: inline mem_states, else the mem_states file, else 2^cell_bits evenly spaced
// conductances from 1/(r_on·on_off) to 1/r_on with no spread.
std::vector<MemState> deviceStates(const DesignPoint& dp);

struct ProgrammedCells {
    int rows = 0, columns = 0;
    // float: 24 bits, more than the fixed-point cells built from it (ConductanceLut) keep.
    std::vector<float> normalized;    // (G − g_0) / step per cell, rows × columns
};

// RRAM relaxation: the relative σ of a cell's conductance tS seconds after programming.
double relaxationSigma(const NoiseSpec& noise, double tS);

ProgrammedCells programCells(const EncodedWeights& e, const DesignPoint& dp, const std::vector<MemState>& states,
                             std::uint64_t chipSeed);

// The same ideal-table conversion applied to a single conductance (exposed for tests).
double driftedConductance(double g, double gMin, double gMax, const DriftSpec& drift, bool upward);

} // namespace kh::cim
