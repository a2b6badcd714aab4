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
// Single-slope (ramp) converter: a comparator per column against one shared ramp; a shared Gray
// counter is broadcast and each column latches it when its comparator flips.
constexpr Sourced<double> kRampStepFo4{"kRampStepFo4", 8, "FO4",
                                       "assumption: one ramp step per comparator decision time (kComparatorDelayFo4)"};
// Current-controlled oscillator (time-domain) converter: the column current sets a ring's
// frequency, a counter counts its edges over a window of 2^b LSB times.
constexpr Sourced<double> kCcoLsbPs14nm{"kCcoLsbPs14nm", 300, "ps",
                                        "Khaddam-Aljameh et al., IEEE JSSC 57(4), 2022 (HERMES core, 14 nm): CCO ADC at 300 ps per LSB"};
constexpr Sourced<int> kCcoReferenceNodeNm{"kCcoReferenceNodeNm", 14, "nm", "Khaddam-Aljameh et al., IEEE JSSC 57(4), 2022: the HERMES core is built in 14 nm"};
constexpr Sourced<double> kCcoRingStages{"kCcoRingStages", 5, "stages", "assumption: a 5-stage current-starved ring oscillator"};
// Integrate-and-fire (counting) converter: the column charge integrates on a capacitor; each
// threshold crossing fires the comparator, removes one charge packet and increments a counter.
constexpr Sourced<double> kIntegratorCapFf{"kIntegratorCapFf", 10, "fF",
                                           "assumption: ~10 fF integration capacitor, 10x a 1 fF unit for kT/C at <= 8 b"};
constexpr Sourced<double> kFireResetFo4{"kFireResetFo4", 4, "FO4", "assumption: removing one charge packet and re-arming, ~4 FO4"};
// Counting converters toggle in proportion to the value converted.
constexpr Sourced<double> kMeanCountFraction{"kMeanCountFraction", 0.5, "1",
                                             "assumption: the mean output sits at half of full scale (count and ring energy scale with it)"};
constexpr Sourced<double> kCounterTogglesPerCount{"kCounterTogglesPerCount", 2, "flip-flops",
                                                  "derived: a binary counter toggles bit k every 2^k counts, so 2 flip-flops per increment on average (sum of 2^-k)"};
// A counting converter's b-bit counter: its size, and the energy of one increment.
double counterTransistors(int bits) { return bits * logic::kFlipFlopTransistors; }
double counterStepPj(double eSwitchPj) { return kCounterTogglesPerCount * logic::kFlipFlopTransistors * logic::kActivity * eSwitchPj; }
} // namespace

const char* adcTypeLabel(AdcType type)
{
    switch (type) {
    case AdcType::Flash: return "flash";
    case AdcType::Sar: return "SAR";
    case AdcType::Ramp: return "ramp";
    case AdcType::Cco: return "CCO";
    case AdcType::Counting: return "counting";
    }
    return "?";
}

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
    } else if (type == AdcType::Ramp) {
        a.comparators = 1;
        const double latchTransistors = bits * logic::kFlipFlopTransistors;
        const double transistors = kComparatorAreaTransistors + latchTransistors;
        c.area_um2 = transistors * trArea;
        // The comparator decides at every ramp step; the latch loads the broadcast code once.
        c.energy_pj = (1 << bits) * kComparatorSwitchingEvents * eSwitchPj + latchTransistors * logic::kActivity * eSwitchPj;
        c.latency_ns = (1 << bits) * kRampStepFo4 * fo4Ns + kSarOutputLatchFo4 * fo4Ns;
        c.leakage_uw = logic::leakageUw(t, transistors);
        c.model = "ramp (single slope): 1 comparator per column against a shared ramp, 2^b steps, latched Gray code";
    } else if (type == AdcType::Cco) {
        a.comparators = 0;
        const double transistors = 2 * kCcoRingStages + counterTransistors(bits);
        c.area_um2 = transistors * trArea;
        const double meanCounts = kMeanCountFraction * (1 << bits);
        // Each oscillation period toggles every ring node twice, and the counter increments once.
        c.energy_pj = meanCounts * (2 * kCcoRingStages * eSwitchPj + counterStepPj(eSwitchPj));
        const double lsbNs = kCcoLsbPs14nm * 1e-3 * t.fo4Ps() / makeTechnology(kCcoReferenceNodeNm, 0, t.temperature_k).fo4Ps();
        c.latency_ns = (1 << bits) * lsbNs;
        c.leakage_uw = logic::leakageUw(t, transistors);
        c.model = "CCO (time domain): current-starved ring oscillator counted over 2^b LSB times (HERMES 300 ps/LSB at 14 nm, FO4-scaled)";
    } else if (type == AdcType::Counting) {
        a.comparators = 1;
        const double transistors = kComparatorAreaTransistors + counterTransistors(bits);
        c.area_um2 = transistors * trArea + kIntegratorCapFf / kMomCapDensityFfPerUm2;
        const double meanCounts = kMeanCountFraction * (1 << bits);
        // Each count: a comparator decision, one charge packet C·V·V_dd through the reset, a counter step.
        c.energy_pj = meanCounts * (kComparatorSwitchingEvents * eSwitchPj + kIntegratorCapFf * t.vdd_v * t.vdd_v * 1e-3
                                    + counterStepPj(eSwitchPj));
        // Full scale fires 2^b times, each an integrate-to-threshold decision and a reset.
        c.latency_ns = (1 << bits) * (kComparatorDelayFo4 + kFireResetFo4) * fo4Ns;
        c.leakage_uw = logic::leakageUw(t, transistors);
        c.model = "counting (integrate-and-fire): comparator, 10 fF integrator, b-bit counter; 2^b fire periods at full scale";
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
             kFlashEncoderFo4PerBit.record(), kSarDacSettlingFo4.record(), kSarOutputLatchFo4.record(), kRampStepFo4.record(),
             kCcoLsbPs14nm.record(), kCcoReferenceNodeNm.record(), kCcoRingStages.record(), kIntegratorCapFf.record(),
             kFireResetFo4.record(), kMeanCountFraction.record(), kCounterTogglesPerCount.record()}};
}

} // namespace kh
