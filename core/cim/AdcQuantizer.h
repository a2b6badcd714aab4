#pragma once
// docs/simulation.md, step 6: the column ADC in units of one partial-sum step.
//  clip:      out = clamp(round(v), 0, 2^P − 1): one level per unit (NeuroSim V1.5's choice, which
//             clamps to [0, 2^P] instead; we keep exactly 2^P levels).
//  linear:    2^P levels spread uniformly over [0, P_max] (never finer than one unit).
//  nonlinear: level edges at quantiles of the partial sums seen during calibration; each level
//             reconstructs to the mean of its calibration samples.
// Whenever 2^P − 1 ≥ P_max every mode is the identity on integer partial sums (lossless).
#include "cim/FastRound.h"
#include "spec/DesignPoint.h"

#include <algorithm>
#include <cmath>

#include <vector>

namespace kh::cim {

class AdcQuantizer {
public:
    AdcQuantizer() = default;
    AdcQuantizer(AdcMode mode, int bits, long long pMax);
    // Nonlinear mode: sets the level edges from observed partial sums (ignored by other modes).
    void calibrate(std::vector<double> samples);
    // Linear mode: spreads the levels over [0, range] instead of [0, P_max] (never finer than one
    // unit; ignored by other modes and when lossless).
    void setRange(double range);
    // Inline: called once per simulated read.
    double operator()(double v) const
    {
        if (mode_ == AdcMode::Nonlinear && !lossless_)
            return nonlinear(v);
        if (std::isnan(v))
            return 0.0;
        const double top = double(levels_ - 1);
        if (lossless_ || mode_ == AdcMode::Clip)
            return clipCode(v, top);
        return std::clamp(roundHalfAway(std::clamp(v / step_, -1.0, top + 1.0)), 0.0, top) * step_;
    }

    // clamp(round(v), 0, top), rounding half away from zero; the pre-clamp keeps the cast in range.
    // The clip (and lossless) conversion, for loops that convert many reads without a call each.
    // Branch-free (noisy reads make every branch here a coin toss): the rounding and the final
    // clamp in integers (set and conditional moves), the pre-clamp by value (minsd/maxsd).
    static double clipCode(double v, double top)
    {
        const double c = std::min(std::max(v, -1.0), top + 1.0);
        std::int64_t i = std::int64_t(c);
        const double f = c - double(i);
        i += std::int64_t(f >= 0.5) - std::int64_t(f <= -0.5);
        const std::int64_t t = std::int64_t(top);
        i = i < 0 ? 0 : i;
        return double(i > t ? t : i);
    }
    // True when operator() is clipCode(v, levels() − 1) for every non-NaN v.
    bool clips() const { return lossless_ || mode_ == AdcMode::Clip; }

    bool lossless() const { return lossless_; }
    AdcMode mode() const { return mode_; }
    // One LSB in partial-sum steps (the nonlinear mode's mean level spacing).
    double lsb() const { return lossless_ || mode_ == AdcMode::Clip ? 1.0 : step_; }
    int levels() const { return levels_; }
    const std::vector<double>& edges() const { return edges_; }
    const std::vector<double>& values() const { return values_; }

private:
    double nonlinear(double v) const;
    AdcMode mode_ = AdcMode::Clip;
    int levels_ = 2;
    long long pMax_ = 1;
    double step_ = 1;
    bool lossless_ = false;
    std::vector<double> edges_;    // nonlinear: levels_ − 1 thresholds
    std::vector<double> values_;   // nonlinear: levels_ reconstruction values
};

} // namespace kh::cim
