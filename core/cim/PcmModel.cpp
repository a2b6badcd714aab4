#include "cim/PcmModel.h"

#include "common/CounterRng.h"

#include <algorithm>
#include <cmath>

namespace kh::cim {

namespace {
constexpr double kMinRelative = 1e-6;   // ln x of an empty cell stays finite
}

double PcmModel::programmingSigmaUs(double x)
{
    return std::max(-1.1731 * x * x + 1.9650 * x + 0.2635, 0.0);
}

double PcmModel::driftNuMean(double x)
{
    return std::clamp(-0.0155 * std::log(std::max(x, kMinRelative)) + 0.0244, 0.049, 0.1);
}

double PcmModel::driftNuSigma(double x)
{
    return std::clamp(-0.0125 * std::log(std::max(x, kMinRelative)) - 0.0059, 0.008, 0.045);
}

double PcmModel::readNoiseQs(double x)
{
    return std::min(0.0088 / std::pow(std::max(x, kMinRelative), 0.65), 0.2);
}

double PcmModel::conductance(double gTarget, double gMax, const PcmSpec& spec, double tS, std::uint64_t key)
{
    const double x = std::clamp(gTarget / gMax, 0.0, 1.0);
    const double usToS = gMax / kModelGmaxUs;   // one model µS in the device's Siemens
    double g = gTarget + spec.programming_noise_scale * programmingSigmaUs(x) * usToS * normalAt(hashKey(key, 0x9409));
    g = std::max(g, 0.0);
    if (tS > kT0S && spec.drift_scale > 0) {
        const double nu = std::fabs(driftNuMean(x) + driftNuSigma(x) * normalAt(hashKey(key, 0xD71F)));
        g *= std::pow(tS / kT0S, -spec.drift_scale * nu);
    }
    if (spec.read_noise_scale > 0) {
        const double t = std::max(tS, kTReadS);
        const double sigma = readNoiseQs(x) * std::sqrt(std::log((t + kTReadS) / (2.0 * kTReadS)));
        g = std::max(0.0, g * (1.0 + spec.read_noise_scale * sigma * normalAt(hashKey(key, 0x1F0F))));
    }
    return g;
}

PcmModel::Spread PcmModel::spread(double gTarget, double gMax, const PcmSpec& spec, double tS, int cells)
{
    double sum = 0, sum2 = 0;
    for (int i = 0; i < cells; ++i) {
        const double g = conductance(gTarget, gMax, spec, tS, hashKey(0x5B7EAD, std::uint64_t(i)));
        sum += g;
        sum2 += g * g;
    }
    Spread s;
    s.mean_s = cells > 0 ? sum / cells : gTarget;
    s.sigma_s = cells > 1 ? std::sqrt(std::max(0.0, (sum2 - cells * s.mean_s * s.mean_s) / (cells - 1))) : 0.0;
    return s;
}

} // namespace kh::cim
