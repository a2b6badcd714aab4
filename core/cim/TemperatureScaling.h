#pragma once
// How a programmed conductance reads at the chip's temperature (noise.g_on_tcr_per_k,
// noise.g_off_activation_ev; docs/simulation.md, "Temperature"). The chip's references (g_0, the
// state step, the ADC) are those of 300 K, so a hot or cold chip reads shifted states.
//  - G_max: a metallic filament, resistance rising linearly with temperature,
//    G(T) = G(T0) / (1 + tcr·(T − T0)).
//  - G_min: thermally activated conduction (hopping, Poole–Frenkel), Arrhenius,
//    G(T) = G(T0) · exp(−Ea/k_B · (1/T − 1/T0)).
//  - between them (assumption: a partial filament mixes both mechanisms) the logarithm of the
//    factor is interpolated linearly in log G between G_min and G_max.
// T0 = 300 K, the temperature NeuroSim's device tables and wire constants refer to.
#include "spec/DesignPoint.h"

namespace kh::cim {

class TemperatureScaling {
public:
    static constexpr double kReferenceK = 300.0;
    static constexpr double kBoltzmannEvPerK = 8.617333262e-5;   // CODATA 2018

    TemperatureScaling(const NoiseSpec& noise, double temperatureK, double gMin, double gMax);
    bool active() const { return active_; }
    // The factor G(T)/G(T0) of a cell whose 300 K conductance is g (S).
    double factor(double g) const;
    double operator()(double g) const { return active_ ? g * factor(g) : g; }

private:
    bool active_ = false;
    double logOn_ = 0, logOff_ = 0;     // ln of the factor at G_max and at G_min
    double logGMin_ = 0, logSpan_ = 0;  // ln G_min, ln(G_max/G_min)
};

} // namespace kh::cim
