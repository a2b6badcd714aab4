#include "ppa/AdcModel.h"

#include "ppa/DigitalLogic.h"

#include <cmath>

namespace kh {

namespace {
// StrongARM latch comparator (Razavi, IEEE Solid-State Circuits Magazine, 2015): ~12 devices; the
// input pair is upsized ~4x for offset matching, giving ~40 minimum-transistor equivalents of area.
constexpr double kComparatorAreaTransistors = 40;
// Every decision precharges and discharges the latch's 4 internal nodes, each loaded by ~2
// devices: ~8 transistor switching events.
constexpr double kComparatorSwitchingEvents = 8;
// Encoder lines toggle only when the code changes between conversions (~10 % of them).
constexpr double kEncoderActivity = 0.1;
// Regeneration + reset time of a latch comparator, in FO4.
constexpr double kComparatorDelayFo4 = 8;
// Unit capacitor of the SAR CDAC: ~1 fF, the matching/kT/C floor for <= 8 b (Murmann, ADC survey).
constexpr double kCdacUnitCapFf = 1.0;
// MOM capacitor density ~2 fF/um² in intermediate metals (node independent to first order).
constexpr double kMomCapDensityFfPerUm2 = 2.0;
// Monotonic capacitor switching spends ~0.25 · 2^b · Cu · V² per conversion
// (C.-C. Liu et al., JSSC 2010: 81 % below conventional switching).
constexpr double kMonotonicSwitchingFactor = 0.25;
// SAR logic per bit: a flip-flop plus ~16 T of control gates.
constexpr double kSarLogicTransistorsPerBit = 40;
} // namespace

AdcCost adcCost(const Technology& t, AdcType type, int bits)
{
    AdcCost a;
    const double eSwitchPj = t.transistorSwitchEnergyFj() * 1e-3;
    const double fo4Ns = t.fo4Ps() * 1e-3;
    const double trArea = t.transistorAreaUm2();
    ComponentCost& c = a.perConversion;
    if (type == AdcType::Flash) {
        a.comparators = (1 << bits) - 1;
        // Thermometer-to-binary encoder: ~6 T per level (ROM-style encoder).
        const double encoderTransistors = 6.0 * (1 << bits);
        const double transistors = a.comparators * kComparatorAreaTransistors + encoderTransistors;
        c.area_um2 = transistors * trArea;
        c.energy_pj = a.comparators * kComparatorSwitchingEvents * eSwitchPj
                      + encoderTransistors * kEncoderActivity * eSwitchPj;
        c.latency_ns = (kComparatorDelayFo4 + 2.0 * bits) * fo4Ns;
        c.leakage_uw = logic::leakageUw(t, transistors);
        c.model = "flash / multilevel sense amp: (2^b-1) StrongARM comparators + encoder";
    } else {
        a.comparators = 1;
        const double capFf = kCdacUnitCapFf * (1 << bits);
        const double logicTransistors = bits * kSarLogicTransistorsPerBit;
        const double transistors = kComparatorAreaTransistors + logicTransistors;
        c.area_um2 = transistors * trArea + capFf / kMomCapDensityFfPerUm2;
        c.energy_pj = bits * kComparatorSwitchingEvents * eSwitchPj
                      + kMonotonicSwitchingFactor * capFf * t.vdd_v * t.vdd_v * 1e-3
                      + bits * logicTransistors * logic::kActivity * eSwitchPj;
        // Each bit: a comparator decision plus DAC settling (~4 FO4).
        c.latency_ns = bits * (kComparatorDelayFo4 + 4.0) * fo4Ns + 2.0 * fo4Ns;
        c.leakage_uw = logic::leakageUw(t, transistors);
        c.model = "SAR: 1 StrongARM comparator, monotonic-switching binary CDAC (1 fF unit), SAR logic";
    }
    return a;
}

} // namespace kh
