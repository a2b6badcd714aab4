#pragma once
// Column ADCs as functions of resolution, type and node.
//  flash: NeuroSim's current-mode multilevel sense amplifier — 2^b − 1 latched comparators against
//         reference currents, then a thermometer-to-binary encoder; one conversion per cycle.
//  sar:   one comparator, a binary-weighted capacitive DAC with monotonic switching and SAR logic;
//         b comparator decisions per conversion.
//  ramp:  single slope, one comparator per column against a shared ramp; 2^b steps.
//  cco:   time domain, a current-controlled ring oscillator counted over 2^b LSB times (HERMES).
//  counting: integrate-and-fire, one count per charge packet (NeuRRAM's neuron); 2^b fire periods.
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

// How reports name the type ("flash", "SAR", ...).
const char* adcTypeLabel(AdcType type);

ConstantGroup adcConstants();

} // namespace kh
