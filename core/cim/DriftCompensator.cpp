#include "cim/DriftCompensator.h"

#include "cim/PcmModel.h"
#include "cim/TemperatureScaling.h"

#include <algorithm>

namespace kh::cim {

DriftCompensator::DriftCompensator(const EncodedWeights& enc, const DesignPoint& dp, const std::vector<MemState>& states,
                                   const ProgrammedCells& now, std::uint64_t chipSeed)
{
    if (dp.noise.drift_compensation == DriftCompensation::None)
        return;
    // The same seed draws the same programming noise and drift exponents: only the time differs,
    // and the temperature: the reference was read when the chip was programmed, at 300 K, so a
    // chip read hot or cold is compensated for its temperature too (TemperatureScaling).
    DesignPoint reference = dp;
    reference.technology.temperature_k = TemperatureScaling::kReferenceK;
    reference.noise.drift.t_s = 0;
    reference.noise.pcm.t_s = std::min(reference.noise.pcm.t_s, PcmModel::kT0S);
    const ProgrammedCells before = programCells(enc, reference, states, chipSeed);
    const int rows = enc.inputs, cols = enc.columns;
    const double g0 = states[0].g_mean_s, step = states[1].g_mean_s - states[0].g_mean_s;
    g0Steps_ = g0 / step;
    std::vector<double> sumBefore(size_t(cols), 0.0), sumNow(size_t(cols), 0.0);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const size_t at = size_t(r) * size_t(cols) + size_t(c);
            sumBefore[size_t(c)] += g0 + double(before.normalized[at]) * step;
            sumNow[size_t(c)] += g0 + double(now.normalized[at]) * step;
        }
    double totalBefore = 0, totalNow = 0;
    for (int c = 0; c < cols; ++c) {
        totalBefore += sumBefore[size_t(c)];
        totalNow += sumNow[size_t(c)];
    }
    scale_.assign(size_t(cols), totalNow > 0 ? totalBefore / totalNow : 1.0);
    if (dp.noise.drift_compensation == DriftCompensation::Column)
        for (int c = 0; c < cols; ++c)
            if (sumNow[size_t(c)] > 0)
                scale_[size_t(c)] = sumBefore[size_t(c)] / sumNow[size_t(c)];
}

} // namespace kh::cim
