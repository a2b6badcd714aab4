#pragma once
// An imported network (nn::Graph) as a LibTorch computation (docs/training.md): the graph's nodes
// run as LibTorch operations in the graph's order, so autograd differentiates the same network the
// simulator runs. The weights and biases of the linear layers (Conv, Gemm, MatMul with a constant
// weight) and the scale and shift of batch norms are the trainable parameters; everything else
// stays constant. An ArrayLayerTransform sees every linear layer's input and weight on the way in,
// which is where the design point's quantization and chip noise enter (NoiseAwareTransform).
// The operators covered are those of exported CNNs and MLPs; any other is an InputError naming it.
#include "nn/Graph.h"
#include "nn/GraphSlice.h"

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace kh::train {

// A linear layer of the graph as the simulator indexes it (nn::LinearLayerInfo::index).
struct ArrayLayer {
    int index = 0;
    std::string name;          // the node's label, for messages
    std::string weight;        // the initializer holding the weight
    std::string output;        // the node's output value
    int node = 0;              // index into the graph's nodes
    bool conv = false;
    bool transposed = false;   // the weight is stored in × out (Gemm transB = 0, MatMul)
    int out = 0, in = 0, cin = 0, kh = 1, kw = 1;
};

class ArrayLayerTransform {
public:
    virtual ~ArrayLayerTransform() = default;
    // The layer's input as the arrays receive it (e.g. quantized to the DAC's codes).
    virtual torch::Tensor input(const ArrayLayer& /*layer*/, const torch::Tensor& x) { return x; }
    // The weight as one chip holds it; w and the result have the initializer's shape.
    virtual torch::Tensor weight(const ArrayLayer& /*layer*/, const torch::Tensor& w) { return w; }
};

class TorchGraphModel {
public:
    // InputError when the graph has an operator (or an attribute value) this class cannot run, or
    // a grouped convolution (its groups are separate arrays in the simulator).
    explicit TorchGraphModel(const nn::Graph& g);

    // x: the graph's single input. Returns its first output.
    torch::Tensor forward(const torch::Tensor& x, ArrayLayerTransform* transform = nullptr);
    // The first output from values already known (e.g. recorded outputs of array layers): only the
    // nodes the output still needs run (nn::sliceGraph).
    torch::Tensor forwardFrom(const std::map<std::string, torch::Tensor>& known, ArrayLayerTransform* transform = nullptr);

    // The trainable tensors (requires_grad), in a fixed order.
    std::vector<torch::Tensor> parameters() const;
    // Those the given nodes read (the part of the network a progressive stage trains).
    std::vector<torch::Tensor> parametersOf(const std::vector<int>& nodes) const;
    const std::vector<ArrayLayer>& arrayLayers() const { return layers_; }
    const torch::Tensor& tensor(const std::string& name) const { return values_.at(name); }
    // A weight laid out as the simulator reads it: out × in, row-major (a copy).
    std::vector<float> weightMatrix(const ArrayLayer& layer) const;

    // Batch-norm re-estimation: between begin and end, forward passes record each batch norm's
    // per-channel mean and variance of its input (averaged over batches, weighted by the values
    // they saw); end writes them into the running statistics. Without batch norms: nothing.
    void beginBatchNormEstimate();
    void endBatchNormEstimate();
    int batchNormCount() const { return batchNormNodes_; }

    // The tensors training may change (weights, biases, batch-norm parameters and statistics).
    std::vector<std::string> trainedNames() const;
    // Copy of every trained tensor's values, to keep the best model; restore puts them back.
    std::map<std::string, torch::Tensor> snapshot() const;
    void restore(const std::map<std::string, torch::Tensor>& s);
    // The original graph with the current values of the trained tensors, for the simulator.
    nn::Graph graph() const;

private:
    struct BatchNormStats {
        torch::Tensor sum, sumSquares;
        double count = 0;
    };
    torch::Tensor runNode(const nn::Node& n, const std::vector<torch::Tensor>& in, int nodeIndex, ArrayLayerTransform* t);
    torch::Tensor linear(const nn::Node& n, const std::vector<torch::Tensor>& in, int nodeIndex, ArrayLayerTransform* t);

    nn::Graph g_;
    std::map<std::string, torch::Tensor> values_;    // initializers as LibTorch tensors
    std::vector<std::string> trainable_;             // names of the trainable initializers
    std::vector<std::string> batchNormStatistics_;   // running means and variances
    std::vector<ArrayLayer> layers_;
    std::map<int, int> layerOfNode_;                 // node index → index into layers_
    std::map<int, BatchNormStats> batchNorms_;       // node index → collected statistics
    int batchNormNodes_ = 0;
    bool estimating_ = false;
};

} // namespace kh::train
