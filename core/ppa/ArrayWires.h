#pragma once
// The resistance of an array's wires per cell, for the simulator's IR-drop model: the node's local
// wire resistance per length (ppa/TechnologyLibrary.cpp) across one cell's pitch (SubarrayModel's
// cell geometry), at the design point's temperature. The same wires the estimator charges.
#include "spec/DesignPoint.h"

namespace kh {

struct ArrayWireResistance {
    double ohm_per_um = 0;        // at the design temperature
    double row_segment_ohm = 0;   // along a row, one cell's width
    double col_segment_ohm = 0;   // along a column, one cell's height
};

// Throws InputError for an unknown node.
ArrayWireResistance arrayWireResistance(const DesignPoint& dp);

} // namespace kh
