#include "ppa/TechnologyLibrary.h"

#include "common/InputError.h"
#include "spec/TechnologyNodes.h"

#include <cmath>
#include <limits>

namespace kh {

// Sources, column by column:
//  vdd_nominal_v   ITRS 2013 PIDS (130–22 nm) and IRDS 2022 More Moore table (14–1 nm) nominal Vdd.
//  f_layout_nm     F = node for planar nodes (NeuroSim / CACTI convention). Below 22 nm the name no
//                  longer measures anything, so F is rescaled to keep cell areas proportional to the
//                  node's measured 6T bitcell: F = 22 nm · sqrt(sram6t / sram6t(22 nm)).
//  logic density   M. Bohr, "Let's clear up the node naming mess", Intel 2017 (45–14 nm, Bohr metric);
//                  TSMC N10/N7/N5 published densities (52.5, 91.2, 171.3 MTr/mm²); N3 ~291 (WikiChip);
//                  2 nm and 1 nm from IRDS 2022 More Moore projections (GAA, then CFET). 130–65 nm
//                  extrapolated from 45 nm as 1/F².
//  sram6t_um2      Published HD bitcells: 130 nm 2.43 (TSMC), 90 nm 1.0 / 65 nm 0.57 / 45 nm 0.346 /
//                  32 nm 0.171 / 22 nm 0.092 / 14 nm 0.0588 (Intel, IEDM/VLSI), N10 0.042, N7 0.027,
//                  N5 0.021, N3 0.0199, N2 0.0175 (TSMC, IEDM 2024); 1 nm 0.0105 (IRDS 2022 CFET).
//  fo4_ps          Delay scaling of Stillmaker & Baas, Integration 58 (2017) for 180–7 nm, anchored at
//                  ~15 ps at 45 nm; 5–1 nm extrapolated at the IRDS 2022 ~8 %/node speed gain.
//  wire_r          ITRS 2013 / IRDS 2022 Interconnect tables, M1–Mx resistance per length
//                  (rises steeply below 10 nm as barrier layers eat the copper cross-section).
//  bus_pitch_um    ITRS 2013 / IRDS 2022 intermediate-metal pitch (≈ 2× M1 pitch).
//  switched_cap_ff Average switched capacitance per logic transistor (gate + drain + local wire),
//                  anchored at 45 nm on Horowitz, "Computing's energy problem", ISSCC 2014: an 8-bit
//                  add costs 0.03 pJ at 0.9 V; 8 mirror full adders (28 T) switching half their
//                  devices give 30 fJ / (112 · 0.81 V²) ≈ 0.33 fF. Planar nodes scale it with L
//                  (×0.7 per node); FinFET/GAA nodes only ~15 % per node (IRDS 2022 More Moore:
//                  3-D fins add gate and parasitic capacitance while pitches shrink).
// provenance-table-begin kNodes
static const std::vector<TechnologyNode> kNodes = {
    // node device            vdd   F      density  sram6t   fo4   wireR  busPitch switchedCap
    {130, "planar bulk",      1.20, 130.0,   0.42,  2.43,    39.0,  0.20, 0.82, 0.950},
    {90,  "planar bulk",      1.20,  90.0,   0.88,  1.00,    27.0,  0.35, 0.56, 0.660},
    {65,  "planar bulk",      1.10,  65.0,   1.70,  0.57,    20.0,  0.70, 0.40, 0.470},
    {45,  "planar bulk",      1.00,  45.0,   3.33,  0.346,   15.0,  1.30, 0.28, 0.330},
    {32,  "planar HKMG",      0.90,  32.0,   7.11,  0.171,   12.0,  2.50, 0.20, 0.230},
    {22,  "planar HKMG",      0.85,  22.0,  15.30,  0.092,   10.0,  5.00, 0.16, 0.165},
    {14,  "FinFET",           0.80,  17.6,  37.50,  0.0588,   8.0, 12.00, 0.104, 0.140},
    {10,  "FinFET",           0.75,  14.9,  52.50,  0.042,    7.0, 20.00, 0.088, 0.120},
    {7,   "FinFET",           0.70,  11.9,  91.20,  0.027,    6.0, 40.00, 0.080, 0.100},
    {5,   "FinFET",           0.70,  10.5, 171.30,  0.021,    5.4, 70.00, 0.056, 0.085},
    {3,   "FinFET",           0.70,  10.2, 291.00,  0.0199,   5.0, 120.0, 0.046, 0.073},
    {2,   "GAA nanosheet",    0.65,   9.6, 330.00,  0.0175,   4.7, 180.0, 0.040, 0.064},
    {1,   "CFET",             0.60,   7.4, 600.00,  0.0105,   4.4, 300.0, 0.032, 0.056},
};
// provenance-table-end

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();   // a table column: one value per node
constexpr Sourced<double> kLeakagePerTransistorNa{
    "kLeakagePerTransistorNa", 0.1, "nA",
    "ITRS 2013 PIDS, low-operating-power devices: I_off ~ 1 nA/um over ~0.1 um of minimum width"};
constexpr Sourced<double> kLeakageDoublingK{"kLeakageDoublingK", 20, "K",
                                            "Roy et al., Proc. IEEE 91(2), 2003: subthreshold leakage doubles every ~20 K"};
constexpr Sourced<double> kPlacementEfficiency{
    "kPlacementEfficiency", 0.7, "1", "assumption: typical standard-cell row utilisation of 70 % after place and route"};
// Alpha-power law (Sakurai & Newton, JSSC 25(2), 1990): delay ∝ V / (V − Vth)^α.
constexpr Sourced<double> kThresholdV{"kThresholdV", 0.3, "V", "Sakurai & Newton, IEEE JSSC 25(2), 1990: alpha-power law fit"};
constexpr Sourced<double> kVelocitySaturationAlpha{"kVelocitySaturationAlpha", 1.3, "1",
                                                   "Sakurai & Newton, IEEE JSSC 25(2), 1990: alpha ~1.3 for short channels"};
constexpr Sourced<double> kMinOverdriveV{
    "kMinOverdriveV", 0.05, "V", "assumption: numerical guard; keeps the delay finite for a supply at or below Vth"};
} // namespace

const std::vector<TechnologyNode>& technologyNodes() { return kNodes; }

Technology makeTechnology(int node_nm, double vddOverrideV, double temperatureK)
{
    for (const TechnologyNode& n : kNodes) {
        if (n.node_nm == node_nm) {
            Technology t;
            t.node = n;
            t.vdd_v = vddOverrideV > 0 ? vddOverrideV : n.vdd_nominal_v;
            t.temperature_k = temperatureK;
            return t;
        }
    }
    throw InputError::atKey("technology.node_nm", "no technology data for " + std::to_string(node_nm)
                                                      + " nm (supported: " + supportedNodesText() + ")");
}

double Technology::switchedCapPerTransistorFf() const
{
    return node.switched_cap_ff;
}

double Technology::transistorAreaUm2() const
{
    return 1.0 / (node.logic_density_mtr_per_mm2 * kPlacementEfficiency);   // MTr/mm² == Tr/um²
}

double Technology::leakageScale() const
{
    return std::pow(2.0, (temperature_k - kReferenceTemperatureK) / kLeakageDoublingK) * (vdd_v / node.vdd_nominal_v);
}

double Technology::transistorLeakageNa() const { return kLeakagePerTransistorNa * leakageScale(); }

double Technology::fo4Ps() const
{
    auto delay = [](double v) { return v / std::pow(std::max(v - kThresholdV, kMinOverdriveV.value), kVelocitySaturationAlpha.value); };
    return node.fo4_ps * delay(vdd_v) / delay(node.vdd_nominal_v);
}

ConstantGroup technologyConstants()
{
    return {"core/ppa/TechnologyLibrary.cpp",
            {
                {"kNodes.vdd_nominal_v", kNaN, "V", "ITRS 2013 PIDS (130-22 nm), IRDS 2022 More Moore (14-1 nm) nominal Vdd"},
                {"kNodes.f_layout_nm", kNaN, "nm",
                 "planar nodes: F = node (NeuroSim, CACTI); below 22 nm derived: F = 22 nm * sqrt(sram6t / sram6t(22 nm))"},
                {"kNodes.logic_density_mtr_per_mm2", kNaN, "MTr/mm2",
                 "Bohr, Intel 2017 (45-14 nm); TSMC N10/N7/N5 published; N3 WikiChip; IRDS 2022 (2, 1 nm); 130-65 nm as 1/F^2"},
                {"kNodes.sram6t_um2", kNaN, "um2", "published HD bitcells: TSMC, Intel IEDM/VLSI (130-14 nm), TSMC IEDM 2024 (N10-N2), IRDS 2022 (1 nm)"},
                {"kNodes.fo4_ps", kNaN, "ps", "Stillmaker & Baas, Integration 58, 2017 (180-7 nm, 15 ps at 45 nm); IRDS 2022 ~8 %/node below"},
                {"kNodes.wire_r_ohm_per_um", kNaN, "ohm/um", "ITRS 2013 / IRDS 2022 Interconnect tables, M1-Mx resistance"},
                {"kNodes.bus_pitch_um", kNaN, "um", "ITRS 2013 / IRDS 2022 intermediate-metal pitch (~2x M1)"},
                {"kNodes.switched_cap_ff", kNaN, "fF",
                 "derived: Horowitz ISSCC 2014 (8-bit add 0.03 pJ at 45 nm, 0.9 V) -> 0.33 fF; x0.7/node planar, ~15 %/node FinFET (IRDS 2022)"},
                kReferenceTemperatureK.record(),
                kWireResistanceTempCoefficient.record(),
                Technology::kWireCapFfPerUm.record(),
                kLeakagePerTransistorNa.record(),
                kLeakageDoublingK.record(),
                kPlacementEfficiency.record(),
                kThresholdV.record(),
                kVelocitySaturationAlpha.record(),
                kMinOverdriveV.record(),
            }};
}

Technology technologyOf(const DesignPoint& dp)
{
    return makeTechnology(dp.technology.node_nm, dp.technology.vdd_v.value_or(0.0), dp.technology.temperature_k);
}

} // namespace kh
