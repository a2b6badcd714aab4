#pragma once
// docs/simulation.md, step 3: inputs applied as digits over N_in = ceil(input_bits / dac_bits) cycles.
// Digit j of an unsigned input is (x >> (j·dac)) & (2^dac − 1) with weight 2^(j·dac). Signed
// inputs are applied as x mod 2^b; with 1-bit DACs the last cycle (the sign bit) weighs −2^(b−1);
// with wider DACs an extra cycle applies the sign bit with weight −2^b (x = (x mod 2^b) − 2^b·[x<0]).
#include <cstdint>
#include <vector>

namespace kh::cim {

struct InputCycle {
    int shift = 0;          // digit = ((x mod 2^b) >> shift) & mask, or the sign bit for signBit
    std::int64_t mask = 1;
    double weight = 1;      // contribution of this cycle's partial sums to y_int
    bool signBit = false;
};

std::vector<InputCycle> inputCycles(int inputBits, int dacBits, bool signedInputs);

inline std::int64_t inputDigit(std::int64_t x, const InputCycle& c, int inputBits)
{
    const std::int64_t u = x & ((std::int64_t(1) << inputBits) - 1);   // x mod 2^b (two's complement)
    return c.signBit ? (x < 0 ? 1 : 0) : ((u >> c.shift) & c.mask);
}

} // namespace kh::cim
