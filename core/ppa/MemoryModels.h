#pragma once
// On-chip SRAM buffers and wires between blocks.
//  Buffer: energy per bit anchored at Horowitz (ISSCC 2014): an 8 KB SRAM read of 64 bits costs
//  ~10 pJ at 45 nm, 0.9 V (0.156 pJ/bit); it scales with the bitline/wordline length (√capacity),
//  the node's switched capacitance and V². Area from the node's 6T bitcell at 70 % array efficiency.
//  Wire: repeated wires, 0.2 fF/um, ~30 % repeater overhead; delay of an optimally repeated line
//  (Bakoglu & Meindl, IEEE T-ED 1985): t ≈ 1.47·√(R0C0·r·c) per unit length.
#include "spec/DesignPoint.h"
#include "ppa/SourcedConstant.h"
#include "ppa/ComponentCost.h"
#include "ppa/TechnologyLibrary.h"

namespace kh {

// One buffer of 'capacityBits'; energy_pj and latency_ns are per bit accessed (read or write).
ComponentCost bufferCost(const Technology& t, double capacityBits);
// The same built as the design point says (chip.buffer_type), read and written wordBits at a time.
ComponentCost bufferCost(const Technology& t, double capacityBits, BufferType type, int wordBits);
// A register file: one flip-flop per bit, a word written by clocking its flip-flops only, a word
// read through a words:1 mux per bit.
ComponentCost registerFileCost(const Technology& t, double capacityBits, int wordBits);

// A bus of 'widthBits' wires and 'lengthUm' length; energy_pj per bit per um moved,
// latency_ns for the whole length, area of wires (tracks) + repeaters.
ComponentCost busCost(const Technology& t, int widthBits, double lengthUm);

ConstantGroup memoryConstants();

} // namespace kh
