#include "cim/AdcErrors.h"

#include "common/CounterRng.h"
#include "common/NormalZiggurat.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace kh::cim {

namespace {
// Streams of the chip's draws.
enum : std::uint64_t { kAdcOffset = 1, kColumnOffset = 2, kColumnGain = 3, kCapacitor = 4 };
} // namespace

AdcErrors::AdcErrors(const DesignPoint& dp, const AdcQuantizer& adc, int columns, std::uint64_t chipSeed)
{
    const AdcErrorSpec& e = dp.noise.adc_errors;
    active_ = e.offset_sigma_lsb > 0 || e.noise_sigma_lsb > 0 || e.gain_sigma > 0 || e.column_offset_sigma_lsb > 0
              || e.cap_mismatch_sigma > 0 || e.inl_lsb != 0;
    if (!active_)
        return;
    bits_ = int(std::bit_width(unsigned(adc.levels() - 1)));
    arrayCols_ = std::max(1, dp.array.cols);
    colsPerAdc_ = std::clamp(dp.array.cols_per_adc, 1, arrayCols_);
    noiseLsb_ = e.noise_sigma_lsb;
    inlLsb_ = e.inl_lsb;
    seed_ = hashKey(chipSeed, 0xADCE77);
    gain_.resize(std::size_t(columns));
    offsetLsb_.resize(std::size_t(columns));
    for (int c = 0; c < columns; ++c) {
        const std::uint64_t a = std::uint64_t(adcOf(c));
        gain_[std::size_t(c)] = e.gain_sigma * normalAt(hashKey(seed_, kColumnGain, std::uint64_t(c)));
        offsetLsb_[std::size_t(c)] = e.offset_sigma_lsb * normalAt(hashKey(seed_, kAdcOffset, a))
                                     + e.column_offset_sigma_lsb * normalAt(hashKey(seed_, kColumnOffset, std::uint64_t(c)));
    }
    if (e.cap_mismatch_sigma > 0) {
        const int adcs = adcOf(columns - 1) + 1;
        sarWeights_.resize(std::size_t(adcs) * std::size_t(bits_));
        for (int a = 0; a < adcs; ++a) {
            // Capacitor i is 2^i unit capacitors in parallel: σ of their sum relative to it is
            // σ_unit / √(2^i). The reference divides over the whole array (plus the one terminating
            // unit), so the weights are normalised to a full scale of 2^bits.
            double* w = &sarWeights_[std::size_t(a) * std::size_t(bits_)];
            double total = 1.0;
            for (int i = 0; i < bits_; ++i) {
                const double nominal = std::ldexp(1.0, i);
                w[i] = nominal * (1.0 + e.cap_mismatch_sigma / std::sqrt(nominal)
                                            * normalAt(hashKey(seed_, kCapacitor, std::uint64_t(a), std::uint64_t(i))));
                total += w[i];
            }
            for (int i = 0; i < bits_; ++i)
                w[i] *= std::ldexp(1.0, bits_) / total;
        }
    }
}

int AdcErrors::adcOf(int column) const
{
    const int perArray = (arrayCols_ + colsPerAdc_ - 1) / colsPerAdc_;
    return (column / arrayCols_) * perArray + (column % arrayCols_) / colsPerAdc_;
}

std::vector<double> AdcErrors::sarWeights(int column) const
{
    if (sarWeights_.empty())
        return {};
    const double* w = &sarWeights_[std::size_t(adcOf(column)) * std::size_t(bits_)];
    return std::vector<double>(w, w + bits_);
}

double AdcErrors::sarConvert(double u, int adcIndex) const
{
    // Successive approximation: each bit kept when the input reaches the DAC's trial level less
    // half an LSB (a mid-tread converter; with nominal weights this is round-half-up and clamp).
    const double* w = &sarWeights_[std::size_t(adcIndex) * std::size_t(bits_)];
    double level = 0;
    int code = 0;
    for (int i = bits_ - 1; i >= 0; --i)
        if (u >= level + w[i] - 0.5) {
            level += w[i];
            code |= 1 << i;
        }
    return double(code);
}

double AdcErrors::convert(const AdcQuantizer& adc, double v, int column, std::uint64_t noiseKey) const
{
    const double lsb = adc.lsb();
    double u = v * (1.0 + gain_[std::size_t(column)]) / lsb + offsetLsb_[std::size_t(column)];
    if (noiseLsb_ > 0)
        u += noiseLsb_ * fastNormalAt(noiseKey ^ std::uint64_t(column));   // = hashKey(seed_, read, column)
    if (inlLsb_ != 0) {
        const double x = std::clamp(u / double(adc.levels() - 1), 0.0, 1.0);
        u += inlLsb_ * 4.0 * x * (1.0 - x);
    }
    if (!sarWeights_.empty())
        return sarConvert(u, adcOf(column)) * lsb;
    return adc(u * lsb);
}

} // namespace kh::cim
