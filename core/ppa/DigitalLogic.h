#pragma once
// Standard-cell logic blocks sized by transistor count. Area = count / density, energy = switching
// transistors · C·V², delay in FO4. Transistor counts: Weste & Harris, "CMOS VLSI Design", 4th ed.
// (mirror full adder 28 T, transmission-gate flip-flop 24 T, transmission-gate 2:1 mux 6 T).
#include "ppa/ComponentCost.h"
#include "ppa/TechnologyLibrary.h"

namespace kh::logic {

constexpr double kFullAdderTransistors = 28;
constexpr double kFlipFlopTransistors = 24;
constexpr double kMux2Transistors = 6;
// Fraction of a block's transistors that switch in one operation; the Horowitz 8-bit-add anchor in
// TechnologyLibrary.cpp was derived with the same 0.5, so the two stay consistent.
constexpr double kActivity = 0.5;

// Generic block of 'transistors' devices switching with the given activity per operation.
ComponentCost block(const Technology& t, double transistors, double activity, double delayFo4, const char* model);
// Ripple-carry adder of 'bits' bits.
ComponentCost adder(const Technology& t, int bits);
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

} // namespace kh::logic
