#pragma once
// Column ADCs as functions of resolution, type and node.
//  flash: NeuroSim's current-mode multilevel sense amplifier — 2^b − 1 latched comparators against
//         reference currents, then a thermometer-to-binary encoder; one conversion per cycle.
//  sar:   one comparator, a binary-weighted capacitive DAC with monotonic switching and SAR logic;
//         b comparator decisions per conversion.
#include "ppa/SourcedConstant.h"
#include "ppa/ComponentCost.h"
#include "ppa/TechnologyLibrary.h"
#include "spec/DesignPoint.h"

namespace kh {

struct AdcCost {
    ComponentCost perConversion;   // area/leakage of one ADC, energy/latency of one conversion
    int comparators = 0;
};

AdcCost adcCost(const Technology& t, AdcType type, int bits);

ConstantGroup adcConstants();

} // namespace kh
