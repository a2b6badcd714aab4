#include "cim/InputEncoding.h"

namespace kh::cim {

std::vector<InputCycle> inputCycles(int inputBits, int dacBits, bool signedInputs)
{
    std::vector<InputCycle> cycles;
    const int n = (inputBits + dacBits - 1) / dacBits;
    for (int j = 0; j < n; ++j) {
        InputCycle c;
        c.shift = j * dacBits;
        const int width = std::min(dacBits, inputBits - c.shift);
        c.mask = (std::int64_t(1) << width) - 1;
        c.weight = double(std::int64_t(1) << c.shift);
        cycles.push_back(c);
    }
    if (signedInputs) {
        if (dacBits == 1) {
            cycles.back().weight = -cycles.back().weight;   // the sign bit weighs −2^(b−1)
        } else {
            InputCycle sign;
            sign.signBit = true;
            sign.weight = -double(std::int64_t(1) << inputBits);
            cycles.push_back(sign);
        }
    }
    return cycles;
}

} // namespace kh::cim
