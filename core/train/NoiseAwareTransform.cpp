#include "train/NoiseAwareTransform.h"

#include "cim/LayerProgramming.h"
#include "train/StraightThroughQuantizer.h"

namespace kh::train {

NoiseAwareTransform::NoiseAwareTransform(const DesignPoint& dp, std::vector<cim::LayerInputRange> ranges)
    : dp_(dp), ranges_(std::move(ranges))
{
}

void NoiseAwareTransform::useChip(std::uint64_t chip)
{
    chip_ = chip;
    deviation_.clear();
}

bool NoiseAwareTransform::digital(const ArrayLayer& layer) const
{
    return cim::layerIsDigital(layer.index, dp_, ranges_.size());
}

torch::Tensor NoiseAwareTransform::input(const ArrayLayer& layer, const torch::Tensor& x)
{
    if (digital(layer))
        return x;
    // The network hook's grid.
    const cim::InputGrid grid = cim::inputGrid(ranges_[size_t(layer.index)], dp_.precision);
    return straightThroughQuantize(x, grid.scale, grid.lo, grid.hi);
}

torch::Tensor NoiseAwareTransform::weight(const ArrayLayer& layer, const torch::Tensor& w)
{
    if (digital(layer))
        return w;
    // Per output channel (rows of the out × in matrix), the scale from max |w| (detached).
    const torch::Tensor m = layer.transposed ? w.t() : w.reshape({layer.out, layer.in});
    const double qmax = double((1LL << (dp_.precision.weight_bits - 1)) - 1);
    torch::Tensor scale = (m.detach().abs().amax({1}, true) / qmax);
    scale = torch::where(scale > 0, scale, torch::ones_like(scale));
    const torch::Tensor q = torch::clamp(m / scale, -qmax, qmax);
    torch::Tensor wq = (q + (torch::round(q) - q).detach()) * scale;
    if (drawsChips()) {
        auto it = deviation_.find(layer.index);
        if (it == deviation_.end()) {
            const torch::Tensor wc = m.detach().contiguous();
            nn::LinearLayerInfo info;
            info.index = layer.index;
            info.name = layer.name;
            info.out = layer.out;
            info.in = layer.in;
            info.conv = layer.conv;
            info.cin = layer.cin;
            info.kh = layer.kh;
            info.kw = layer.kw;
            info.weight = wc.data_ptr<float>();
            std::vector<float> chip = cim::chipLayerWeights(info, dp_, chip_);
            const torch::Tensor chipWeights = torch::from_blob(chip.data(), {layer.out, layer.in}, torch::kFloat32).clone();
            it = deviation_.emplace(layer.index, chipWeights - wq.detach()).first;
        }
        wq = wq + it->second;
    }
    return layer.transposed ? wq.t() : wq.reshape(w.sizes());
}

} // namespace kh::train
