#pragma once
// Phase-change memory cells (docs/simulation.md, "PCM"): the statistical model IBM published with
// AIHWKit (Nandakumar et al., 2019; Joshi et al., Nat. Commun. 11, 2473, 2020), in our own words. Conductances are normalised to the device's top
// state, which plays the model's g_max (25 µS); x = g_target / g_max.
//  - programming noise: g_prog = g_T + N(0, σ_prog), σ_prog = max(−1.1731x² + 1.9650x + 0.2635, 0) µS
//    (scaled to g_max as the model's 25 µS);
//  - drift: g(t) = g_prog·(t/t0)^(−ν) for t > t0 = 20 s, ν = |N(μ_ν(x), σ_ν(x))| per cell,
//    μ_ν = clip(−0.0155·ln x + 0.0244, 0.049, 0.1), σ_ν = clip(−0.0125·ln x − 0.0059, 0.008, 0.045);
//  - 1/f read noise at time t: g(t)·Q_s·√(ln((t + t_read)/(2·t_read)))·N(0, 1), t_read = 250 ns,
//    Q_s = min(0.0088/x^0.65, 0.2), drawn once per evaluation time (the chip as read at t).
// Each draw is keyed by the cell, not by the time, so the same chip is followed through time.
#include "spec/DesignPoint.h"

#include <cstdint>

namespace kh::cim {

struct PcmModel {
    static constexpr double kModelGmaxUs = 25.0;   // the published fits' g_max
    static constexpr double kT0S = 20.0;           // drift reference time
    static constexpr double kTReadS = 250e-9;      // read duration in the 1/f term

    static double programmingSigmaUs(double x);   // at the model's 25 µS scale
    static double driftNuMean(double x);
    static double driftNuSigma(double x);
    static double readNoiseQs(double x);

    // The conductance (S) of a cell programmed to gTarget (S) on a device whose top state is gMax
    // (S), read t_s after programming, scaled by the spec's noise scales. key: the cell's stream.
    static double conductance(double gTarget, double gMax, const PcmSpec& spec, double tS, std::uint64_t key);

    // Mean and σ (S) of 'cells' cells programmed to gTarget, read at tS: the same draws the
    // simulator makes (for the Noise page's conductance-against-time plot).
    struct Spread {
        double mean_s = 0, sigma_s = 0;
    };
    static Spread spread(double gTarget, double gMax, const PcmSpec& spec, double tS, int cells);
};

} // namespace kh::cim
