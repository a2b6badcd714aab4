#include "ppa/DigitalLogic.h"

#include "common/IntegerMath.h"

#include <cmath>

namespace kh::logic {

namespace {
constexpr Sourced<double> kAdderOverheadFo4{
    "kAdderOverheadFo4", 4, "FO4", "assumption: a ripple adder takes ~1 FO4 per carry bit plus ~4 FO4 for the sum and setup"};
constexpr Sourced<double> kRegisterDelayFo4{"kRegisterDelayFo4", 4, "FO4",
                                            "Weste & Harris, CMOS VLSI Design, 4th ed., ch. 10: clock-to-Q plus setup ~4 FO4"};
constexpr Sourced<double> kDecoderTransistorsPerOutput{
    "kDecoderTransistorsPerOutput", 4, "transistors", "assumption: one 2-input NAND per one-hot decoder output line"};
constexpr Sourced<double> kMuxSelectDelayFo4{
    "kMuxSelectDelayFo4", 2, "FO4", "assumption: the selected transmission gate and its driver, plus one FO4 per decoder level"};
} // namespace

ComponentCost block(const Technology& t, double transistors, double activity, double delayFo4, const char* model)
{
    ComponentCost c;
    c.area_um2 = transistors * t.transistorAreaUm2();
    c.energy_pj = transistors * activity * t.transistorSwitchEnergyFj() * 1e-3;
    c.latency_ns = delayFo4 * t.fo4Ps() * 1e-3;
    c.leakage_uw = leakageUw(t, transistors);
    c.model = model;
    return c;
}

ComponentCost adder(const Technology& t, int bits)
{
    // Ripple carry: ~1 FO4 per bit of carry chain plus sum/setup.
    return block(t, bits * kFullAdderTransistors, kActivity, bits + kAdderOverheadFo4, "ripple-carry adder, 28T mirror FA");
}

ComponentCost multiplier(const Technology& t, int bits)
{
    const double transistors = double(bits) * bits * kAnd2Transistors + double(bits) * (bits - 1) * kFullAdderTransistors;
    // Critical path of an array multiplier: about 2·bits full-adder stages (Weste & Harris, §11.9),
    // ~1 FO4 each as in the ripple adder.
    return block(t, transistors, kActivity, 2.0 * bits + kAdderOverheadFo4, "array multiplier: AND partial products + 28T mirror FAs");
}

ComponentCost registerBank(const Technology& t, int bits)
{
    return block(t, bits * kFlipFlopTransistors, kActivity, kRegisterDelayFo4, "TG flip-flop register, 24T");
}

ComponentCost shiftAdd(const Technology& t, int bits, int addendBits)
{
    ComponentCost a = adder(t, bits);
    const ComponentCost r = registerBank(t, bits);
    a.area_um2 += r.area_um2;
    a.latency_ns += r.latency_ns;
    a.leakage_uw += r.leakage_uw;
    // Energy: the low addendBits+1 bits add and toggle like a full adder + register; above them the
    // adder is an incrementer whose carry reaches bit k with probability 2^-k (≈ one more bit-op in
    // total) and the upper register half is clock-gated on that carry.
    const int low = std::min(bits, addendBits + 1);
    const double eBit = t.transistorSwitchEnergyFj() * 1e-3 * kActivity;
    a.energy_pj = eBit * ((low + 1.0) * kFullAdderTransistors + (low + 1.0) * kFlipFlopTransistors);
    a.model = "shift-add: adder + register, incrementer/clock-gated upper bits";
    return a;
}

ComponentCost adderTree(const Technology& t, int inputs, int bits)
{
    if (inputs <= 1)
        return ComponentCost{0, 0, 0, 0, "adder tree (bypassed)"};
    // inputs-1 adders; adder width grows by one bit per level (average bits + levels/2).
    const int levels = ceilLog2(inputs);
    const double avgBits = bits + levels / 2.0;
    ComponentCost c = block(t, (inputs - 1) * avgBits * kFullAdderTransistors, kActivity,
                            levels * (avgBits + kAdderOverheadFo4), "binary adder tree of ripple adders");
    return c;
}

ComponentCost mux(const Technology& t, int inputs, int bits)
{
    if (inputs <= 1)
        return ComponentCost{0, 0, 0, 0, "mux (bypassed)"};
    // One transmission gate (half a 2:1 mux) per input and bit, plus a one-hot decoder.
    const double transistors = inputs * bits * kMux2Transistors / 2 + inputs * kDecoderTransistorsPerOutput;
    // Only the selected path and two decoder lines (the old and the new selection) toggle.
    const double switching = (bits * kMux2Transistors / 2 + 2 * kDecoderTransistorsPerOutput) / transistors;
    return block(t, transistors, switching, kMuxSelectDelayFo4 + ceilLog2(inputs), "transmission-gate mux + decoder");
}

double leakageUw(const Technology& t, double transistors)
{
    return transistors * t.transistorLeakageNa() * 1e-3 * t.vdd_v;   // nA·V = nW
}

ConstantGroup logicConstants()
{
    return {"core/ppa/DigitalLogic.cpp",
            {kFullAdderTransistors.record(), kFlipFlopTransistors.record(), kAnd2Transistors.record(), kMux2Transistors.record(), kActivity.record(),
             kAdderOverheadFo4.record(), kRegisterDelayFo4.record(), kDecoderTransistorsPerOutput.record(),
             kMuxSelectDelayFo4.record()}};
}

} // namespace kh::logic
