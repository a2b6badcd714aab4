#include "train/TensorConversion.h"

namespace kh::train {

torch::Tensor torchFromTensor(const nn::Tensor& t)
{
    if (t.isFloat())
        return torch::from_blob(const_cast<float*>(t.f.data()), t.shape, torch::kFloat32).clone();
    return torch::from_blob(const_cast<std::int64_t*>(t.i.data()), t.shape, torch::kInt64).clone();
}

nn::Tensor tensorFromTorch(const torch::Tensor& x)
{
    const torch::Tensor c = x.detach().contiguous();
    std::vector<std::int64_t> shape(c.sizes().begin(), c.sizes().end());
    if (c.scalar_type() == torch::kInt64)
        return nn::Tensor::ints(shape, std::vector<std::int64_t>(c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel()));
    const torch::Tensor f = c.to(torch::kFloat32);
    return nn::Tensor::floats(shape, std::vector<float>(f.data_ptr<float>(), f.data_ptr<float>() + f.numel()));
}

} // namespace kh::train
