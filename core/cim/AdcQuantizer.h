#pragma once
// DESIGN.md §3 step 6: the column ADC in units of one partial-sum step.
//  clip:      out = clamp(round(v), 0, 2^P − 1): one level per unit (NeuroSim V1.5's choice, which
//             clamps to [0, 2^P] instead; we keep exactly 2^P levels).
//  linear:    2^P levels spread uniformly over [0, P_max] (never finer than one unit).
//  nonlinear: level edges at quantiles of the partial sums seen during calibration; each level
//             reconstructs to the mean of its calibration samples.
// Whenever 2^P − 1 ≥ P_max every mode is the identity on integer partial sums (lossless).
#include "spec/DesignPoint.h"

#include <vector>

namespace kh::cim {

class AdcQuantizer {
public:
    AdcQuantizer() = default;
    AdcQuantizer(AdcMode mode, int bits, long long pMax);
    // Nonlinear mode: sets the level edges from observed partial sums (ignored by other modes).
    void calibrate(std::vector<double> samples);
    double operator()(double v) const;

    bool lossless() const { return lossless_; }
    int levels() const { return levels_; }
    const std::vector<double>& edges() const { return edges_; }
    const std::vector<double>& values() const { return values_; }

private:
    AdcMode mode_ = AdcMode::Clip;
    int levels_ = 2;
    long long pMax_ = 1;
    double step_ = 1;
    bool lossless_ = false;
    std::vector<double> edges_;    // nonlinear: levels_ − 1 thresholds
    std::vector<double> values_;   // nonlinear: levels_ reconstruction values
};

} // namespace kh::cim
