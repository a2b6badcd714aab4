#include "ppa/MemoryModels.h"

#include "ppa/DigitalLogic.h"

#include <algorithm>
#include <cmath>

namespace kh {

namespace {
constexpr double kHorowitzBitPj45nm = 10.0 / 64.0;   // 8 KB SRAM, 64-bit read, 45 nm, 0.9 V
constexpr double kHorowitzCapacityBits = 8.0 * 1024 * 8;
constexpr double kSwitchedCap45nmFf = 0.33;           // same anchor as TechnologyLibrary.cpp
constexpr double kArrayEfficiency = 0.7;              // cells / (cells + decoders + sense amps)
constexpr double kRepeaterOverhead = 1.3;             // repeaters add ~30 % to wire capacitance
constexpr double kRepeaterSpacingUm = 500;            // one repeater per 0.5 mm
constexpr double kRepeaterTransistors = 40;           // sized inverter pair
constexpr double kIntermediateWireRFraction = 0.25;   // buses use ~2x wider, taller wires than M1
} // namespace

ComponentCost bufferCost(const Technology& t, double capacityBits)
{
    ComponentCost c;
    capacityBits = std::max(capacityBits, 64.0);
    const double sizeFactor = std::max(0.25, std::sqrt(capacityBits / kHorowitzCapacityBits));
    const double capFactor = t.switchedCapPerTransistorFf() / kSwitchedCap45nmFf;
    const double voltFactor = (t.vdd_v * t.vdd_v) / (0.9 * 0.9);
    c.energy_pj = kHorowitzBitPj45nm * sizeFactor * capFactor * voltFactor;
    c.area_um2 = capacityBits * t.node.sram6t_um2 / kArrayEfficiency;
    // Decode + wordline + bitline sensing: ~20 FO4 for 8 KB, growing with √capacity.
    c.latency_ns = 20.0 * sizeFactor * t.fo4Ps() * 1e-3;
    c.leakage_uw = logic::leakageUw(t, 6.0 * capacityBits);
    c.model = "SRAM buffer, Horowitz ISSCC'14 anchor scaled by sqrt(capacity), C and V^2";
    return c;
}

ComponentCost busCost(const Technology& t, int widthBits, double lengthUm)
{
    ComponentCost c;
    const double v2 = t.vdd_v * t.vdd_v;
    c.energy_pj = Technology::kWireCapFfPerUm * kRepeaterOverhead * v2 * logic::kActivity * 1e-3;   // per bit per um
    const double repeaters = widthBits * std::floor(lengthUm / kRepeaterSpacingUm);
    c.area_um2 = widthBits * lengthUm * t.node.bus_pitch_um + repeaters * kRepeaterTransistors * t.transistorAreaUm2();
    const double r0c0 = t.fo4Ps() * 1e-12 / 5.0;   // intrinsic gate delay ~ FO4/5
    const double rPerUm = t.node.wire_r_ohm_per_um * kIntermediateWireRFraction;
    const double cPerUm = Technology::kWireCapFfPerUm * 1e-15;
    c.latency_ns = 1.47 * std::sqrt(r0c0 * rPerUm * cPerUm) * lengthUm * 1e9;
    c.leakage_uw = logic::leakageUw(t, repeaters * kRepeaterTransistors);
    c.model = "repeated wire, 0.2 fF/um, Bakoglu delay";
    return c;
}

} // namespace kh
