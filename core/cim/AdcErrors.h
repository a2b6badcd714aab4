#pragma once
// Circuit errors of a chip's column ADCs (docs/simulation.md, "ADC circuit errors"), drawn once per
// simulated chip from counter-based keys, so any thread count sees the same chip:
//  - per ADC (cols_per_adc columns share one): a comparator offset, and for a SAR converter the
//    mismatch of its binary-weighted capacitors (a capacitor of 2^i unit capacitors has relative
//    σ = σ_unit/√(2^i)), which moves its code transitions (DNL, INL);
//  - per column: a gain error of the readout front end and an offset (charge injected by
//    capacitive coupling from the switching input lines, the NeuRRAM chip's column offsets);
//  - per conversion: comparator noise;
//  - a bow-shaped integral non-linearity of peak inl_lsb (a ramp reference's or a current-controlled
//    oscillator's curvature), the same for every ADC.
// All errors are in LSB of the ADC, added to the analog read before it is converted. With every
// width zero, convert() is the ideal quantizer exactly.
#include "cim/AdcQuantizer.h"
#include "common/CounterRng.h"
#include "spec/DesignPoint.h"

#include <cstdint>
#include <vector>

namespace kh::cim {

class AdcErrors {
public:
    AdcErrors() = default;
    // columns: the layer's columns; chipSeed: the layer's chip key.
    AdcErrors(const DesignPoint& dp, const AdcQuantizer& adc, int columns, std::uint64_t chipSeed);

    bool active() const { return active_; }
    // True when a conversion depends only on (column, input): no comparator noise.
    bool isStatic() const { return noiseLsb_ == 0; }

    // The key of the comparator noise of the conversions that one read (vector, cycle, block)
    // makes, one per column: computed once per read, not per column.
    std::uint64_t noiseKey(std::uint64_t readKey) const { return hashKey(seed_, readKey); }
    // The ADC output (in partial-sum steps, as AdcQuantizer) of analog read v of 'column';
    // noiseKey (above) identifies the read.
    double convert(const AdcQuantizer& adc, double v, int column, std::uint64_t noiseKey) const;

    // The drawn errors, for tests and the Learn view.
    double columnGain(int column) const { return gain_[std::size_t(column)]; }
    double columnOffsetLsb(int column) const { return offsetLsb_[std::size_t(column)]; }
    // Capacitor weights of the SAR of 'column' in LSB (nominal 2^i), empty without mismatch.
    std::vector<double> sarWeights(int column) const;

private:
    int adcOf(int column) const;
    double sarConvert(double u, int adcIndex) const;

    bool active_ = false;
    int bits_ = 0, arrayCols_ = 1, colsPerAdc_ = 1;
    double noiseLsb_ = 0, inlLsb_ = 0;
    std::uint64_t seed_ = 0;
    std::vector<double> gain_, offsetLsb_;   // per column: relative gain error, offset (ADC's + column's)
    std::vector<double> sarWeights_;         // per ADC, bits_ weights (LSB), MSB last
};

} // namespace kh::cim
