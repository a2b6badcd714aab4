#include "cim/CellProgramming.h"

#include "cim/PcmModel.h"
#include "cim/TemperatureScaling.h"

#include "common/CounterRng.h"
#include "common/InputError.h"
#include "io/DeviceTables.h"

#include <algorithm>
#include <cmath>

namespace kh::cim {

std::vector<MemState> deviceStates(const DesignPoint& dp)
{
    const size_t levels = size_t(1) << dp.device.cell_bits;
    std::vector<MemState> states = dp.device.mem_states;
    if (states.empty() && !dp.device.mem_states_path.empty())
        states = readMemStatesCsv(dp.device.mem_states_path);
    if (states.empty()) {
        const double gMax = 1.0 / dp.device.r_on_ohm, gMin = gMax / dp.device.on_off_ratio;
        for (size_t i = 0; i < levels; ++i)
            states.push_back({gMin + (gMax - gMin) * double(i) / double(levels - 1), 0.0});
    }
    if (states.size() != levels)
        throw InputError("device.mem_states: " + std::to_string(states.size()) + " states given, "
                         + std::to_string(levels) + " (2^cell_bits) required");
    if (!(states[1].g_mean_s > states[0].g_mean_s))
        throw InputError("device.mem_states: state 1 must have a larger mean than state 0");
    return states;
}

double relaxationSigma(const NoiseSpec& noise, double tS)
{
    // Assumption (the form, not the scale): a relaxation toward a saturated spread with one time
    // constant, whose variance grows as 1 − e^(−t/τ). NeuRRAM (Wan et al., Nature 608, 2022)
    // reports the spread appearing within about 30 minutes of programming, hence τ = 1800 s.
    if (!(tS > 0))
        return 0.0;
    return noise.relaxation_sigma_rel * std::sqrt(1.0 - std::exp(-tS / noise.relaxation_tau_s));
}

double driftedConductance(double g, double gMin, double gMax, const DriftSpec& d, bool upward)
{
    if (d.t_s <= 0 || d.nu == 0)
        return g;
    const double ratio = std::max(d.t_s, 1e-30) / d.t0_s;
    const double nu = std::fabs(d.nu);
    switch (d.mode) {
    case DriftMode::Random: return std::clamp(g * std::pow(ratio, upward ? nu : -nu), 0.0, gMax);
    case DriftMode::TowardMax: return std::clamp(g * std::pow(ratio, nu), 0.0, gMax);
    case DriftMode::TowardMin: return std::max(0.0, g * std::pow(ratio, -nu));
    case DriftMode::Target: {
        const double target = gMin + d.target.value_or(0.5) * (gMax - gMin);
        return target + (g - target) * std::pow(ratio, -nu);
    }
    }
    return g;
}

ProgrammedCells programCells(const EncodedWeights& e, const DesignPoint& dp, const std::vector<MemState>& states,
                             std::uint64_t chipSeed)
{
    ProgrammedCells p;
    p.rows = e.inputs;
    p.columns = e.columns;
    const size_t n = size_t(p.rows) * size_t(p.columns);
    p.normalized.resize(n);
    const double g0 = states.front().g_mean_s, step = states[1].g_mean_s - states[0].g_mean_s;
    const double gMin = states.front().g_mean_s, gMax = states.back().g_mean_s;
    const NoiseSpec& noise = dp.noise;
    const bool spread = noise.d2d_from_mem_states;
    const TemperatureScaling heat(noise, dp.technology.temperature_k, gMin, gMax);
    // Every cell is a pure function of its key: any thread count draws the same chip.
#pragma omp parallel for schedule(static)
    for (std::int64_t ii = 0; ii < std::int64_t(n); ++ii) {
        const size_t i = size_t(ii);
        const MemState& s = states[e.level[i]];
        // One independent stream per cell: the draw does not depend on evaluation order.
        const std::uint64_t key = hashKey(chipSeed, 0xCE11, i);
        // The PCM model replaces the table's spread and the generic drift with its own.
        double g = noise.pcm.enabled ? PcmModel::conductance(s.g_mean_s, gMax, noise.pcm, noise.pcm.t_s, key)
                                     : s.g_mean_s + (spread && s.g_sigma_s > 0 ? s.g_sigma_s * normalAt(key) : 0.0);
        if (noise.relaxation_sigma_rel > 0)
            g *= 1.0 + relaxationSigma(noise, noise.drift.t_s) * normalAt(hashKey(key, 0x4E1A));
        g = std::max(g, 0.0);
        const double u = uniformAt(key ^ 0x5AF);
        if (u < noise.saf.p_stuck_min)
            g = gMin;
        else if (u < noise.saf.p_stuck_min + noise.saf.p_stuck_max)
            g = gMax;
        else if (!noise.pcm.enabled)
            g = driftedConductance(g, gMin, gMax, noise.drift, uniformAt(key ^ 0xD41F7) < 0.5);
        // Read at the chip's temperature against references set at 300 K (a stuck cell too).
        g = heat(g);
        p.normalized[i] = float((g - g0) / step);
    }
    return p;
}

} // namespace kh::cim
