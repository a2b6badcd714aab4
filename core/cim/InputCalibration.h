#pragma once
// Post-training quantization, step 1 of docs/simulation.md: a float run over a calibration batch records
// every linear layer's input range (max |x|, a percentile of |x|, whether the input is ever
// negative) so each layer's inputs get a fixed scale and signedness.
#include "nn/Executor.h"
#include "spec/DesignPoint.h"

#include <vector>

namespace kh::cim {

struct LayerInputRange {
    double max_abs = 0;
    double percentile_abs = 0;
    bool non_negative = true;
    // Input scale for b-bit codes: unsigned inputs use 2^b − 1 levels, signed ones ±(2^(b−1) − 1).
    double scale(const PrecisionSpec& p) const;
};

// Runs the float model on 'batch' and returns one range per linear layer, in execution order.
std::vector<LayerInputRange> calibrateInputs(const nn::Executor& model, const nn::Tensor& batch, double percentile);

} // namespace kh::cim
