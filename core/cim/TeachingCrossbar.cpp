#include "cim/TeachingCrossbar.h"

#include "cim/CrossbarSolver.h"

#include "common/InputError.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace kh {

TeachingCrossbarResult runTeachingCrossbar(const TeachingCrossbarInput& in)
{
    const size_t cells = size_t(in.rows) * size_t(in.cols);
    if (in.rows < 1 || in.cols < 1 || in.rows > 64 || in.cols > 64)
        throw InputError::atKey("crossbar", "rows and columns must be 1..64");
    if (in.g_us.size() != cells || in.v_in.size() != size_t(in.rows) || (!in.stuck.empty() && in.stuck.size() != cells))
        throw InputError::atKey("crossbar", "table sizes do not match the array");
    if (!(in.g_min_us >= 0 && in.g_max_us > in.g_min_us))
        throw InputError::atKey("crossbar.g_max_us", "G_max must exceed G_min >= 0");
    if (in.adc_bits < 1 || in.adc_bits > 16)
        throw InputError::atKey("crossbar.adc_bits", "must be 1..16");
    if (!(in.wire_ohm >= 0) || !(in.wire_ohm <= 1e6))
        throw InputError::atKey("crossbar.wire_ohm", "must be 0..1e6 ohm");
    if (!(in.variation_rel >= 0) || !(in.drift_nu >= 0) || !(in.drift_t_s >= 0) || !(in.drift_t0_s > 0))
        throw InputError::atKey("crossbar", "variation, drift time and exponent must be >= 0");
    for (size_t k = 0; k < cells; ++k)
        if (!(in.g_us[k] >= 0))
            throw InputError::atKey("crossbar.g_us[" + std::to_string(k) + "]", "conductance must be >= 0");

    TeachingCrossbarResult out;
    out.g_actual_us.resize(cells);
    // One draw per cell in row-major order: the same seed gives the same chip.
    std::mt19937_64 rng(in.seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    const double driftFactor = in.drift_t_s > in.drift_t0_s ? std::pow(in.drift_t_s / in.drift_t0_s, -in.drift_nu) : 1.0;
    for (size_t k = 0; k < cells; ++k) {
        double g = in.g_us[k] * (1.0 + in.variation_rel * normal(rng));
        const StuckState s = in.stuck.empty() ? StuckState::None : in.stuck[k];
        if (s == StuckState::AtMin)
            g = in.g_min_us;
        else if (s == StuckState::AtMax)
            g = in.g_max_us;
        else
            g *= driftFactor;
        out.g_actual_us[k] = std::max(0.0, g);
    }
    double vMax = 0;
    for (double v : in.v_in)
        vMax = std::max(vMax, std::fabs(v));
    out.full_scale_ua = in.full_scale_ua > 0 ? in.full_scale_ua : double(in.rows) * vMax * in.g_max_us;
    const int levels = (1 << in.adc_bits) - 1;
    out.lsb_ua = out.full_scale_ua > 0 ? out.full_scale_ua / levels : 0;
    out.cell_current_ua.resize(cells);
    out.cell_voltage_v.resize(cells);
    out.ideal_ua.assign(size_t(in.cols), 0.0);
    out.actual_ua.assign(size_t(in.cols), 0.0);
    for (int i = 0; i < in.rows; ++i)
        for (int j = 0; j < in.cols; ++j)
            out.cell_voltage_v[size_t(i) * size_t(in.cols) + size_t(j)] = in.v_in[size_t(i)];
    if (in.wire_ohm > 0) {
        // Every row driven (a 0 V input too), as in a selector-less crossbar.
        std::vector<int> rows(static_cast<size_t>(in.rows));
        for (int i = 0; i < in.rows; ++i)
            rows[size_t(i)] = i;
        std::vector<double> gS(cells), amps(static_cast<size_t>(in.cols));
        for (size_t k = 0; k < cells; ++k)
            gS[k] = out.g_actual_us[k] * 1e-6;
        cim::CrossbarSolver solver(cim::CrossbarWires{in.wire_ohm, in.wire_ohm, 0, 0}, in.rows);
        solver.solve(rows, in.v_in, gS.data(), in.cols, amps.data());
        for (int i = 0; i < in.rows; ++i)
            for (int j = 0; j < in.cols; ++j)
                out.cell_voltage_v[size_t(i) * size_t(in.cols) + size_t(j)] = solver.rowNodeVolts(i, j) - solver.colNodeVolts(i, j);
    }
    for (int i = 0; i < in.rows; ++i)
        for (int j = 0; j < in.cols; ++j) {
            const size_t k = size_t(i) * size_t(in.cols) + size_t(j);
            out.cell_current_ua[k] = out.cell_voltage_v[k] * out.g_actual_us[k];   // Ohm's law per cell
            out.ideal_ua[size_t(j)] += in.v_in[size_t(i)] * in.g_us[k];            // Kirchhoff: the column sums
            out.actual_ua[size_t(j)] += out.cell_current_ua[k];
        }
    for (int j = 0; j < in.cols; ++j) {
        const double i = out.actual_ua[size_t(j)];
        int code = out.lsb_ua > 0 ? int(std::lround(std::max(0.0, i) / out.lsb_ua)) : 0;
        out.clipped.push_back(code > levels);
        code = std::clamp(code, 0, levels);
        out.adc_code.push_back(code);
        out.adc_ua.push_back(code * out.lsb_ua);
    }
    return out;
}

} // namespace kh
