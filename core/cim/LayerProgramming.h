#pragma once
// How a network's linear layer becomes programmed arrays (docs/simulation.md, steps 1–2), shared by
// the simulator's network hook and the fine-tuning graph (core/train), so both program the same
// cells for the same chip:
//  - per-output-channel symmetric weight quantization from max |w|;
//  - the novel conv mapping's parts (one matrix of C rows per kernel position);
//  - the chip seed of each part;
//  - the effective weights of one drawn chip: the linear map its cells apply to the integer inputs
//    before the ADCs (device variation, stuck-at faults, drift, temperature and drift compensation
//    are linear in the inputs; read noise, circuit noise, IR drop and the ADC are not, and are not
//    part of it).
#include "cim/InputCalibration.h"
#include "nn/OpRegistry.h"
#include "spec/DesignPoint.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kh::cim {

struct QuantizedLayerWeights {
    std::vector<std::int64_t> q;   // out × in integers in [−(2^(b−1) − 1), 2^(b−1) − 1]
    std::vector<double> scale;     // per output channel: w ≈ scale · q
};

// InputError naming the layer when a weight is not finite.
QuantizedLayerWeights quantizeLayerWeights(const float* w, int out, int in, int bits, const std::string& layerName);

// Whether the simulator leaves linear layer 'index' digital: the first one with
// first_layer_digital, and any layer without a calibrated input range.
bool layerIsDigital(int index, const DesignPoint& dp, std::size_t calibratedLayers);

// A layer's input grid q = clamp(round(x / scale), lo, hi): unsigned inputs use 0 … 2^b − 1,
// signed ones ±(2^(b−1) − 1).
struct InputGrid {
    bool signedInputs = false;
    double scale = 1, lo = 0, hi = 0;
};
InputGrid inputGrid(const LayerInputRange& range, const PrecisionSpec& precision);

// 1, or kh·kw parts when the design point maps this convolution "novel".
int layerParts(const nn::LinearLayerInfo& layer, const DesignPoint& dp);
// The out × rows matrix of one part: kernel position 'part' of every input channel (novel), or all.
std::vector<std::int64_t> partWeights(const std::vector<std::int64_t>& q, const nn::LinearLayerInfo& layer, int part, int parts);
// The chip seed of one part of one layer (each part its own cells).
std::uint64_t partChipSeed(std::uint64_t chip, int layerIndex, int part);

// Effective integer weights of one matrix (out × in) on one chip, in steps of the integer weight:
// y_int = W_eff · x before the ADCs. Without device noise: the weights themselves.
std::vector<double> effectiveWeights(const std::vector<std::int64_t>& w, int out, int in, const DesignPoint& dp, std::uint64_t chipSeed);

// A whole layer on one chip, in float units (out × in, the layer's weight layout): scale · W_eff.
std::vector<float> chipLayerWeights(const nn::LinearLayerInfo& layer, const DesignPoint& dp, std::uint64_t chip);

} // namespace kh::cim
