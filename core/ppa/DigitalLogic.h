#pragma once
// Standard-cell logic blocks sized by transistor count. Area = count / density, energy = switching
// transistors · C·V², delay in FO4. Transistor counts: Weste & Harris, "CMOS VLSI Design", 4th ed.
// (mirror full adder 28 T, transmission-gate flip-flop 24 T, transmission-gate 2:1 mux 6 T).
#include "ppa/SourcedConstant.h"
#include "ppa/ComponentCost.h"
#include "ppa/TechnologyLibrary.h"

namespace kh::logic {

inline constexpr Sourced<double> kFullAdderTransistors{"kFullAdderTransistors", 28, "transistors",
                                                       "Weste & Harris, CMOS VLSI Design, 4th ed., mirror full adder"};
inline constexpr Sourced<double> kFlipFlopTransistors{"kFlipFlopTransistors", 24, "transistors",
                                                      "Weste & Harris, CMOS VLSI Design, 4th ed., transmission-gate flip-flop"};
inline constexpr Sourced<double> kAnd2Transistors{"kAnd2Transistors", 6, "transistors",
                                                  "Weste & Harris, CMOS VLSI Design, 4th ed., static CMOS NAND2 + inverter"};
inline constexpr Sourced<double> kMux2Transistors{"kMux2Transistors", 6, "transistors",
                                                  "Weste & Harris, CMOS VLSI Design, 4th ed., transmission-gate 2:1 mux"};
// The Horowitz 8-bit-add anchor of the node table was derived with the same activity, so the two
// stay consistent.
inline constexpr Sourced<double> kActivity{
    "kActivity", 0.5, "1", "assumption: half of a block's transistors switch per operation (random data)"};

// Generic block of 'transistors' devices switching with the given activity per operation.
ComponentCost block(const Technology& t, double transistors, double activity, double delayFo4, const char* model);
// Ripple-carry adder of 'bits' bits.
ComponentCost adder(const Technology& t, int bits);
// Array multiplier of two 'bits'-bit operands: bits² partial-product AND gates and bits·(bits − 1)
// full adders; the carry ripples through about 2·bits adder stages.
ComponentCost multiplier(const Technology& t, int bits);
// Register of 'bits' flip-flops (one write per operation).
ComponentCost registerBank(const Technology& t, int bits);
// Accumulator of 'bits' bits adding an 'addendBits'-bit value per op (one add + register write).
ComponentCost shiftAdd(const Technology& t, int bits, int addendBits);
// Binary adder tree reducing 'inputs' operands of 'bits' bits (one full reduction per operation).
ComponentCost adderTree(const Technology& t, int inputs, int bits);
// 'inputs':1 multiplexer of 'bits' bits with its decoder.
ComponentCost mux(const Technology& t, int inputs, int bits);
// Leakage of a block of transistors, uW.
double leakageUw(const Technology& t, double transistors);

ConstantGroup logicConstants();

} // namespace kh::logic
