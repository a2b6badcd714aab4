#pragma once
// Process parameters per technology node, 130 nm -> 1 nm. Each column of the table in
// TechnologyLibrary.cpp cites where its numbers come from. Derived quantities (switched
// capacitance per transistor, leakage at temperature) are computed here so every model uses the
// same ones.
#include "ppa/SourcedConstant.h"
#include "spec/DesignPoint.h"

#include <string>
#include <vector>

namespace kh {

struct TechnologyNode {
    int node_nm = 0;
    const char* device = "";             // planar bulk | FinFET | GAA nanosheet | CFET
    double vdd_nominal_v = 0;            // nominal core supply
    double f_layout_nm = 0;              // length unit F for cell areas given in F²
    double logic_density_mtr_per_mm2 = 0;// logic transistor density (Bohr metric)
    double sram6t_um2 = 0;               // high-density 6T SRAM bitcell area
    double fo4_ps = 0;                   // fan-out-of-4 inverter delay
    double wire_r_ohm_per_um = 0;        // local/intermediate wire resistance
    double bus_pitch_um = 0;             // intermediate-metal pitch used for buses
    double switched_cap_ff = 0;          // average switched capacitance per logic transistor
};

// The temperature the node table's leakage figures are given at.
inline constexpr Sourced<double> kReferenceTemperatureK{"kReferenceTemperatureK", 300, "K",
                                                        "ITRS 2013 PIDS tables: device figures at room temperature"};

// Relative change of wire resistance per kelvin above the reference temperature.
inline constexpr Sourced<double> kWireResistanceTempCoefficient{
    "kWireResistanceTempCoefficient", 0.00451, "1/K", "NeuroSim's interconnect model: resistivity x (1 + 0.00451 (T - 300 K))"};

// The node's parameters with the supply and temperature of a design point applied.
struct Technology {
    TechnologyNode node;
    double vdd_v = 0;
    double temperature_k = kReferenceTemperatureK;

    // Average switched capacitance per logic transistor (gate + local wire), fF.
    double switchedCapPerTransistorFf() const;
    // Energy of one transistor switching event at vdd, fJ.
    double transistorSwitchEnergyFj() const { return switchedCapPerTransistorFf() * vdd_v * vdd_v; }
    // Silicon area of one placed logic transistor, um² (density with 70 % placement efficiency).
    double transistorAreaUm2() const;
    // Leakage current per logic transistor at the design temperature, nA.
    double transistorLeakageNa() const;
    // The same relative to the node at nominal supply and the reference temperature: leakage of
    // any device scales by this.
    double leakageScale() const;
    // Gate delay scaled from nominal supply (alpha-power law, alpha = 1.3).
    double fo4Ps() const;
    static constexpr Sourced<double> kWireCapFfPerUm{
        "kWireCapFfPerUm", 0.2, "fF/um",
        "Horowitz, \"Computing's energy problem\", ISSCC 2014; ITRS 2013 Interconnect: ~0.2 fF/um at every node"};
};

// One entry per node of spec/TechnologyNodes.h, in the same order.
const std::vector<TechnologyNode>& technologyNodes();
// Throws InputError for an unknown node.
Technology makeTechnology(int node_nm, double vddOverrideV /* <= 0: nominal */, double temperatureK);
// The technology a design point names (node, Vdd or the node's default, temperature).
Technology technologyOf(const DesignPoint& dp);

ConstantGroup technologyConstants();

} // namespace kh
