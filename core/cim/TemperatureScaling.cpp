#include "cim/TemperatureScaling.h"

#include <algorithm>
#include <cmath>

namespace kh::cim {

TemperatureScaling::TemperatureScaling(const NoiseSpec& noise, double temperatureK, double gMin, double gMax)
{
    const double dT = temperatureK - kReferenceK;
    active_ = dT != 0 && (noise.g_on_tcr_per_k != 0 || noise.g_off_activation_ev != 0);
    if (!active_)
        return;
    logOn_ = -std::log1p(noise.g_on_tcr_per_k * dT);
    logOff_ = -noise.g_off_activation_ev / kBoltzmannEvPerK * (1.0 / temperatureK - 1.0 / kReferenceK);
    // A cell at or below G_min (G_min may be 0 for an ideal off state) takes G_min's factor.
    const double lo = std::max(gMin, 1e-300);
    logGMin_ = std::log(lo);
    logSpan_ = gMax > lo ? std::log(gMax / lo) : 0.0;
}

double TemperatureScaling::factor(double g) const
{
    if (!active_)
        return 1.0;
    const double w = logSpan_ > 0 && g > 0 ? std::clamp((std::log(g) - logGMin_) / logSpan_, 0.0, 1.0) : (g > 0 && logSpan_ == 0 ? 1.0 : 0.0);
    return std::exp(logOff_ + w * (logOn_ - logOff_));
}

} // namespace kh::cim
