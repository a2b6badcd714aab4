#pragma once
// The design point's arrays inside a training graph (docs/training.md): every linear layer the
// simulator runs on arrays gets
//  - inputs quantized to the calibrated input grid (straight-through), as the network hook does;
//  - weights quantized per output channel (straight-through) and then replaced, in value, by the
//    effective weights of one drawn chip (cim::chipLayerWeights: the same cells, variation,
//    stuck-at faults, drift, temperature and drift compensation the simulator draws). The gradient
//    is the straight-through one: the chip's deviation is a constant of the step.
// Layers the simulator leaves digital (first_layer_digital, none calibrated) stay float. Read noise,
// circuit noise, IR drop and the ADC act on the reads, not on the weights, and are not part of
// this forward pass (progressive fine-tuning trains on the simulated chip's real outputs).
#include "cim/InputCalibration.h"
#include "spec/DesignPoint.h"
#include "train/TorchGraphModel.h"

#include <cstdint>
#include <map>
#include <vector>

namespace kh::train {

class NoiseAwareTransform final : public ArrayLayerTransform {
public:
    NoiseAwareTransform(const DesignPoint& dp, std::vector<cim::LayerInputRange> ranges);
    // The chip the next forward passes see; the chip's weights are drawn again when the weights
    // change (call it again after an optimizer step).
    void useChip(std::uint64_t chip);
    void setInputRanges(std::vector<cim::LayerInputRange> ranges) { ranges_ = std::move(ranges); }
    // Whether the design point draws anything per chip (device mode).
    bool drawsChips() const { return dp_.noise.mode == NoiseMode::Device; }

    torch::Tensor input(const ArrayLayer& layer, const torch::Tensor& x) override;
    torch::Tensor weight(const ArrayLayer& layer, const torch::Tensor& w) override;

private:
    bool digital(const ArrayLayer& layer) const;

    DesignPoint dp_;
    std::vector<cim::LayerInputRange> ranges_;
    std::uint64_t chip_ = 0;
    std::map<int, torch::Tensor> deviation_;   // per layer: chip weights − quantized weights, this chip
};

} // namespace kh::train
