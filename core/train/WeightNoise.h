#pragma once
// Device non-idealities injected into a layer's weights during training (docs/training.md): every
// step draws a fresh chip, so the model learns the distribution, not one chip.
//  - variation: w ⊙ (1 + σ·ε), ε ~ N(0, 1) per weight — a cell's relative conductance spread
//    carried to the weight it encodes (first order: every slice of the weight spreads alike);
//  - stuck-at faults: a weight whose cell is stuck at G_min reads 0, one stuck at G_max reads the
//    largest magnitude of its sign (the clip bound), with the design point's probabilities.
// Draws are counter-based (seed, step, weight index), so a step's noise does not depend on thread
// count or on the order of layers. Gradients flow through the variation (the noise is a constant
// factor of the step) and are zero for stuck weights.
#include <torch/torch.h>

#include <cstdint>

namespace kh::train {

struct WeightNoiseSpec {
    double sigma_rel = 0;        // relative spread per weight
    double p_stuck_min = 0;      // probability a weight reads 0
    double p_stuck_max = 0;      // probability a weight reads ±wMax
    double w_max = 1;            // the clip bound of the weights (stuck at G_max)
    bool active() const { return sigma_rel > 0 || p_stuck_min > 0 || p_stuck_max > 0; }
};

// The weights as one draw (seed, step) of the chip sees them; w must be a float CPU tensor.
torch::Tensor injectWeightNoise(const torch::Tensor& w, const WeightNoiseSpec& spec, std::uint64_t seed, std::uint64_t step);

} // namespace kh::train
