#pragma once
// Runs a Graph in float (Eigen + OpenMP). With a LinearHook installed, every Conv, Gemm and MatMul
// with a constant weight is computed by the hook instead (the CIM simulator); the rest stays float.
#include "nn/Graph.h"
#include "nn/GraphSlice.h"
#include "nn/OpRegistry.h"

#include <vector>

namespace kh::nn {

class Executor {
public:
    explicit Executor(const Graph& g);
    // One tensor per graph input, in order. Returns the graph outputs. Every node's inputs are
    // checked against its operator's contract first; errors are InputErrors starting with the
    // graph's source file and naming the node.
    std::vector<Tensor> run(const std::vector<Tensor>& inputs, LinearHook* hook = nullptr) const;
    // The same, with the linear layers numbered from 'first' on: for a subgraph (nn/GraphSlice.h),
    // so a hook sees the layer numbers of the whole network.
    std::vector<Tensor> run(const std::vector<Tensor>& inputs, LinearHook* hook, LinearNumbering first) const;
    // Number of linear layers (Conv/Gemm/MatMul with a constant weight) met in one run.
    int linearLayerCount() const { return linearLayers_; }
    const Graph& graph() const { return g_; }

private:
    std::vector<Tensor> runGraph(const std::vector<Tensor>& inputs, LinearHook* hook, LinearNumbering first) const;

    const Graph& g_;
    std::vector<int> lastUse_;   // per node: index of the last node reading each of its outputs
    int linearLayers_ = 0;
};

} // namespace kh::nn
