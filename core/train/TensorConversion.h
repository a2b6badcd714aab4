#pragma once
// Copies between the project's tensors and LibTorch's (float32 and int64).
#include "nn/Tensor.h"

#include <torch/torch.h>

namespace kh::train {

torch::Tensor torchFromTensor(const nn::Tensor& t);
nn::Tensor tensorFromTorch(const torch::Tensor& x);   // detached; other float types become float32

} // namespace kh::train
