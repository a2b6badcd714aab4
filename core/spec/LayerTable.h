#pragma once
// The shape of a network as the PPA estimator sees it: NeuroSim's NetWork.csv rows.
// A fully connected layer is a 1x1 convolution on a 1x1 input.
#include <string>
#include <vector>

namespace kh {

struct LayerShape {
    int ifm_h = 1, ifm_w = 1, ifm_c = 1;
    int k_h = 1, k_w = 1;
    int c_out = 1;
    bool followed_by_pooling = false;
    int stride = 1;
    // Grouped convolution (depthwise: groups = channels): each group maps ifm_c / groups input
    // channels to c_out / groups outputs. NeuroSim's NetWork.csv has no such column (always 1).
    int groups = 1;
    // The output map when it is known (layer tables taken from a model); 0: 'same' padding,
    // ceil(ifm / stride), which is what a NetWork.csv row implies.
    int ofm_h = 0, ofm_w = 0;

    int groupInputs() const { return ifm_c / groups; }
    long long weightCount() const { return 1LL * k_h * k_w * groupInputs() * c_out; }
    int ofmH() const { return ofm_h > 0 ? ofm_h : (ifm_h + stride - 1) / stride; }
    int ofmW() const { return ofm_w > 0 ? ofm_w : (ifm_w + stride - 1) / stride; }
    // NeuroSim's operation count for this row: 2·H·W·C·Kh·Kw·Cout over the input map (padding and
    // stride ignored), with C the inputs of one group. 4× the work done by a stride-2 layer.
    double neurosimOps() const { return 2.0 * ifm_h * ifm_w * double(groupInputs()) * k_h * k_w * c_out; }
    // MACs actually executed: every output position times the layer's weights.
    double macs() const { return double(ofmH()) * ofmW() * double(weightCount()); }
    double executedOps() const { return 2.0 * macs(); }
    bool operator==(const LayerShape&) const = default;
};

// A product of two activations (attention's Q·Kᵀ and A·V): no constant weight to program, so it
// runs on the chip's digital MAC lanes. batch × (M × K) · (K × N) per image.
struct DigitalMatmul {
    std::string name;
    long long batch = 1, m = 1, k = 1, n = 1;
    double macs() const { return double(batch) * double(m) * double(k) * double(n); }
    double operandElements() const { return double(batch) * (double(m) * k + double(k) * n + double(m) * n); }
    bool operator==(const DigitalMatmul&) const = default;
};

struct LayerTable {
    std::string name;
    std::vector<LayerShape> layers;
    std::vector<DigitalMatmul> digital;   // from ONNX models; NetWork.csv has none
};

} // namespace kh
