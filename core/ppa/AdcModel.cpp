#include "ppa/AdcModel.h"

#include "ppa/DigitalLogic.h"

#include <cmath>

namespace kh {

namespace {
// StrongARM latch comparator: ~12 devices, the input pair upsized ~4x for offset matching.
constexpr Sourced<double> kComparatorAreaTransistors{
    "kComparatorAreaTransistors", 40, "transistors",
    "Razavi, IEEE Solid-State Circuits Magazine 7(2), 2015 (StrongARM latch, 12 devices); input pair x4 for matching: assumption"};
constexpr Sourced<double> kComparatorSwitchingEvents{
    "kComparatorSwitchingEvents", 8, "switching events",
    "derived: a decision precharges and discharges the latch's 4 internal nodes, each loaded by ~2 devices (Razavi 2015)"};
constexpr Sourced<double> kEncoderActivity{
    "kEncoderActivity", 0.1, "1", "assumption: encoder lines toggle only where consecutive codes differ, ~10 % of them"};
constexpr Sourced<double> kComparatorDelayFo4{
    "kComparatorDelayFo4", 8, "FO4", "assumption: regeneration plus reset of a latch comparator, ~8 FO4 at 8 b resolution"};
constexpr Sourced<double> kCdacUnitCapFf{"kCdacUnitCapFf", 1.0, "fF",
                                         "Murmann, ADC Performance Survey 1997-2023: ~1 fF unit capacitors at <= 8 b (matching, kT/C)"};
constexpr Sourced<double> kMomCapDensityFfPerUm2{
    "kMomCapDensityFfPerUm2", 2.0, "fF/um2", "assumption: MOM capacitors in intermediate metals, 1.5-2.5 fF/um2 in foundry kits"};
constexpr Sourced<double> kMonotonicSwitchingFactor{
    "kMonotonicSwitchingFactor", 0.25, "1",
    "C.-C. Liu et al., IEEE JSSC 45(4), 2010: monotonic switching spends ~0.25 * 2^b * Cu * V^2 (81 % below conventional)"};
constexpr Sourced<double> kSarLogicTransistorsPerBit{
    "kSarLogicTransistorsPerBit", 40, "transistors", "assumption: one flip-flop (24 T) plus ~16 T of control gates per bit"};
constexpr Sourced<double> kFlashEncoderTransistorsPerLevel{
    "kFlashEncoderTransistorsPerLevel", 6, "transistors", "assumption: ROM-style thermometer-to-binary encoder, ~6 T per level"};
constexpr Sourced<double> kFlashEncoderFo4PerBit{
    "kFlashEncoderFo4PerBit", 2, "FO4", "assumption: the encoder tree adds one NAND-NOR stage pair per output bit"};
constexpr Sourced<double> kSarDacSettlingFo4{
    "kSarDacSettlingFo4", 4, "FO4", "assumption: the CDAC settles to half an LSB within ~4 FO4 per step at <= 8 b"};
constexpr Sourced<double> kSarOutputLatchFo4{"kSarOutputLatchFo4", 2, "FO4",
                                             "assumption: loading the result register after the last decision"};
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
        const double encoderTransistors = kFlashEncoderTransistorsPerLevel * (1 << bits);
        const double transistors = a.comparators * kComparatorAreaTransistors + encoderTransistors;
        c.area_um2 = transistors * trArea;
        c.energy_pj = a.comparators * kComparatorSwitchingEvents * eSwitchPj
                      + encoderTransistors * kEncoderActivity * eSwitchPj;
        c.latency_ns = (kComparatorDelayFo4 + kFlashEncoderFo4PerBit * bits) * fo4Ns;
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
        // Each bit: a comparator decision plus DAC settling.
        c.latency_ns = bits * (kComparatorDelayFo4 + kSarDacSettlingFo4) * fo4Ns + kSarOutputLatchFo4 * fo4Ns;
        c.leakage_uw = logic::leakageUw(t, transistors);
        c.model = "SAR: 1 StrongARM comparator, monotonic-switching binary CDAC (1 fF unit), SAR logic";
    }
    return a;
}

ConstantGroup adcConstants()
{
    return {"core/ppa/AdcModel.cpp",
            {kComparatorAreaTransistors.record(), kComparatorSwitchingEvents.record(), kEncoderActivity.record(),
             kComparatorDelayFo4.record(), kCdacUnitCapFf.record(), kMomCapDensityFfPerUm2.record(),
             kMonotonicSwitchingFactor.record(), kSarLogicTransistorsPerBit.record(), kFlashEncoderTransistorsPerLevel.record(),
             kFlashEncoderFo4PerBit.record(), kSarDacSettlingFo4.record(), kSarOutputLatchFo4.record()}};
}

} // namespace kh
