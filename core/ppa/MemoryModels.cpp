#include "ppa/MemoryModels.h"

#include "ppa/DigitalLogic.h"

#include <algorithm>
#include <cmath>

namespace kh {

namespace {
constexpr Sourced<double> kHorowitzBitPj45nm{
    "kHorowitzBitPj45nm", 10.0 / 64, "pJ/bit", "Horowitz, ISSCC 2014: an 8 KB SRAM read of 64 bits costs ~10 pJ at 45 nm, 0.9 V"};
constexpr Sourced<double> kHorowitzCapacityBits{"kHorowitzCapacityBits", 8.0 * 1024 * 8, "bit",
                                                "Horowitz, ISSCC 2014: the 8 KB SRAM of the energy anchor"};
constexpr Sourced<double> kHorowitzVddV{"kHorowitzVddV", 0.9, "V", "Horowitz, ISSCC 2014: supply of the energy anchor"};
constexpr Sourced<int> kHorowitzNodeNm{"kHorowitzNodeNm", 45, "nm", "Horowitz, ISSCC 2014: node of the energy anchor"};
constexpr Sourced<double> kArrayEfficiency{
    "kArrayEfficiency", 0.7, "1", "assumption: cells / (cells + decoders + sense amps) of a compiled SRAM macro, ~70 %"};
constexpr Sourced<double> kMinBufferBits{"kMinBufferBits", 64, "bit", "assumption: a buffer holds at least one 64-bit word"};
constexpr Sourced<double> kMinSizeFactor{
    "kMinSizeFactor", 0.25, "1", "assumption: below 1/16 of the anchor's capacity the periphery dominates; energy per bit stops falling"};
constexpr Sourced<double> kBufferLatencyFo4{"kBufferLatencyFo4", 20, "FO4",
                                            "assumption: decode, wordline and bitline sensing of an 8 KB SRAM take ~20 FO4"};
constexpr Sourced<double> kSramBitcellTransistors{"kSramBitcellTransistors", 6, "transistors",
                                                   "definition: a 6T SRAM bitcell; its six devices set the standby leakage"};
constexpr Sourced<double> kRegisterFileWriteShare{
    "kRegisterFileWriteShare", 0.5, "1", "derived: every buffered bit is written once and read once (the chip counts both accesses)"};
constexpr Sourced<double> kRepeaterOverhead{"kRepeaterOverhead", 1.3, "1",
                                            "assumption: repeaters add ~30 % to a repeated wire's capacitance"};
constexpr Sourced<double> kRepeaterSpacingUm{"kRepeaterSpacingUm", 500, "um", "assumption: one repeater per 0.5 mm of bus wire"};
constexpr Sourced<double> kRepeaterTransistors{"kRepeaterTransistors", 40, "transistors",
                                               "assumption: a sized inverter pair, ~40 minimum-transistor equivalents"};
constexpr Sourced<double> kIntermediateWireRFraction{
    "kIntermediateWireRFraction", 0.25, "1", "assumption: buses use intermediate metal ~2x wider and taller than M1 (R/4)"};
constexpr Sourced<double> kFo4PerGateDelay{"kFo4PerGateDelay", 5, "1",
                                           "Weste & Harris, CMOS VLSI Design, 4th ed.: FO4 ~ 5 intrinsic (parasitic) inverter delays"};
constexpr Sourced<double> kRepeatedWireDelayFactor{
    "kRepeatedWireDelayFactor", 1.47, "1", "Bakoglu & Meindl, IEEE T-ED 32(5), 1985: optimally repeated line t = 1.47 sqrt(R0C0 r c) per length"};
} // namespace

ComponentCost bufferCost(const Technology& t, double capacityBits)
{
    ComponentCost c;
    capacityBits = std::max(capacityBits, kMinBufferBits.value);
    const double sizeFactor = std::max(kMinSizeFactor.value, std::sqrt(capacityBits / kHorowitzCapacityBits));
    static const double anchorCapFf = makeTechnology(kHorowitzNodeNm, 0, kReferenceTemperatureK).switchedCapPerTransistorFf();
    const double capFactor = t.switchedCapPerTransistorFf() / anchorCapFf;
    const double voltFactor = (t.vdd_v * t.vdd_v) / (kHorowitzVddV * kHorowitzVddV);
    c.energy_pj = kHorowitzBitPj45nm * sizeFactor * capFactor * voltFactor;
    c.area_um2 = capacityBits * t.node.sram6t_um2 / kArrayEfficiency;
    // Decode + wordline + bitline sensing, growing with √capacity.
    c.latency_ns = kBufferLatencyFo4 * sizeFactor * t.fo4Ps() * 1e-3;
    c.leakage_uw = logic::leakageUw(t, kSramBitcellTransistors * capacityBits);
    c.model = "SRAM buffer, Horowitz ISSCC'14 anchor scaled by sqrt(capacity), C and V^2";
    return c;
}

ComponentCost registerFileCost(const Technology& t, double capacityBits, int wordBits)
{
    capacityBits = std::max(capacityBits, kMinBufferBits.value);
    wordBits = std::max(1, wordBits);
    const int words = std::max(1, int(std::ceil(capacityBits / wordBits)));
    const ComponentCost cells = logic::registerBank(t, int(std::ceil(capacityBits)));
    const ComponentCost readMux = logic::mux(t, words, wordBits);
    ComponentCost c;
    c.area_um2 = cells.area_um2 + readMux.area_um2;
    // Per bit accessed: a write toggles the bit's flip-flop with the data's activity, a read takes
    // the bit's path through the mux.
    const double writeBitPj = logic::kFlipFlopTransistors * logic::kActivity * t.transistorSwitchEnergyFj() * 1e-3;
    c.energy_pj = kRegisterFileWriteShare * writeBitPj + (1 - kRegisterFileWriteShare) * readMux.energy_pj / wordBits;
    c.latency_ns = std::max(cells.latency_ns, readMux.latency_ns);
    c.leakage_uw = cells.leakage_uw + readMux.leakage_uw;
    c.model = "register file: TG flip-flops, words:1 read mux";
    return c;
}

ComponentCost bufferCost(const Technology& t, double capacityBits, BufferType type, int wordBits)
{
    return type == BufferType::RegisterFile ? registerFileCost(t, capacityBits, wordBits) : bufferCost(t, capacityBits);
}

ComponentCost busCost(const Technology& t, int widthBits, double lengthUm)
{
    ComponentCost c;
    const double v2 = t.vdd_v * t.vdd_v;
    c.energy_pj = Technology::kWireCapFfPerUm * kRepeaterOverhead * v2 * logic::kActivity * 1e-3;   // per bit per um
    const double repeaters = widthBits * std::floor(lengthUm / kRepeaterSpacingUm);
    c.area_um2 = widthBits * lengthUm * t.node.bus_pitch_um + repeaters * kRepeaterTransistors * t.transistorAreaUm2();
    const double r0c0 = t.fo4Ps() * 1e-12 / kFo4PerGateDelay;   // intrinsic gate delay
    const double rPerUm = t.node.wire_r_ohm_per_um * kIntermediateWireRFraction;
    const double cPerUm = Technology::kWireCapFfPerUm * 1e-15;
    c.latency_ns = kRepeatedWireDelayFactor * std::sqrt(r0c0 * rPerUm * cPerUm) * lengthUm * 1e9;
    c.leakage_uw = logic::leakageUw(t, repeaters * kRepeaterTransistors);
    c.model = "repeated wire, 0.2 fF/um, Bakoglu delay";
    return c;
}

ConstantGroup memoryConstants()
{
    return {"core/ppa/MemoryModels.cpp",
            {kHorowitzBitPj45nm.record(), kHorowitzCapacityBits.record(), kHorowitzVddV.record(), kHorowitzNodeNm.record(),
             kArrayEfficiency.record(), kMinBufferBits.record(), kMinSizeFactor.record(), kBufferLatencyFo4.record(),
             kSramBitcellTransistors.record(), kRegisterFileWriteShare.record(), kRepeaterOverhead.record(), kRepeaterSpacingUm.record(),
             kRepeaterTransistors.record(), kIntermediateWireRFraction.record(), kFo4PerGateDelay.record(),
             kRepeatedWireDelayFactor.record()}};
}

} // namespace kh
