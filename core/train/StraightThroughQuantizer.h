#pragma once
// Quantization in a training graph (docs/training.md): the forward pass rounds to the simulator's
// uniform grid, step · clamp(round(x / step), lo, hi); the backward pass is the straight-through
// estimator, the gradient of the clip alone: 1 where lo·step ≤ x ≤ hi·step, 0 outside, where the
// forward saturates. Built from LibTorch operations (the rounding detached), so autograd derives it.
#include <torch/torch.h>

namespace kh::train {

// lo, hi: the integer grid's end points (e.g. −127 and 127 for 8-bit signed weights).
torch::Tensor straightThroughQuantize(const torch::Tensor& x, double step, double lo, double hi);

} // namespace kh::train
