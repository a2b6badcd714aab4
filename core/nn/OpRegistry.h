#pragma once
// Operator implementations of the float executor, looked up by ONNX op type. Linear operators
// (Conv, Gemm, MatMul with a constant weight) go through a LinearHook so the CIM simulator can
// replace their arithmetic; everything else runs in float on the "digital side" (docs/simulation.md).
#include "nn/Graph.h"
#include "nn/OpContract.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kh::nn {

// One linear layer as the hook sees it (a recurrent layer's input and recurrent weights are two): y (rows × out) = x (rows × in) · Wᵀ, W is out × in.
// Convolutions arrive unrolled (im2col), feature order (c, kh, kw) as in the ONNX weight.
struct LinearLayerInfo {
    int index = 0;             // 0-based among the graph's linear layers, in execution order
    std::string name;
    int out = 0, in = 0;
    bool conv = false;
    int cin = 0, kh = 1, kw = 1;
    const float* weight = nullptr;   // out × in, row-major
    std::string output;              // the node's first output tensor (where pooling is looked for)
    int group = 0, groups = 1;       // grouped convolution: one linear layer per group
    bool inputsPrepared = false;     // x was transformed by LinearHook::prepareConvInput
    // 0-based among the layers of the network's layer table: the groups of one grouped conv share
    // it (they are one layer there, packed onto shared arrays), as do the chunks of a large layer.
    int layer = 0;
    // A convolution's maps and stride (1 for a matmul): the layer table records them as NeuroSim's
    // NetWork.csv does (the input map and a stride), and the output map for the executed MACs.
    int inH = 1, inW = 1, outH = 1, outW = 1, strideH = 1, strideW = 1;
};

// A conv layer's input map (one group's channels) before it is unrolled: 'images' blocks of
// channels × height × width floats, imageStride apart. The unrolled rows read the value at (y, x)
// rowUses[y] · colUses[x] times (fewer at the borders); padding adds zeros.
struct ConvInputMap {
    const float* data = nullptr;
    int images = 0, channels = 0, height = 0, width = 0;
    std::size_t imageStride = 0;
    const std::vector<int>* rowUses = nullptr;
    const std::vector<int>* colUses = nullptr;
};

class LinearHook {
public:
    virtual ~LinearHook() = default;
    virtual void matmul(const LinearLayerInfo& layer, const float* x, int rows, float* y) = 0;
    // An elementwise transform of a conv layer's inputs with T(0) = 0 (so it commutes with the
    // unrolling and its zero padding), applied once per input value instead of once per unrolled
    // copy (kh·kw times). A hook that does it writes images × channels × height × width values to
    // 'out' and returns true; matmul then receives them unrolled, with layer.inputsPrepared set.
    virtual bool prepareConvInput(const LinearLayerInfo& /*layer*/, const ConvInputMap& /*map*/, float* /*out*/) { return false; }
    // A product of two activations (no constant weight), computed in float by the executor:
    // batch × (m × k) · (k × n). For hooks that count the digital work (the layer table).
    virtual void digitalMatmul(const std::string& /*node*/, std::int64_t /*batch*/, std::int64_t /*m*/, std::int64_t /*k*/, std::int64_t /*n*/) {}
};

struct OpContext {
    LinearHook* hook = nullptr;          // null: plain float GEMM
    int nextLinear = 0;                  // incremented by every linear layer executed
    int nextLayer = 0;                   // incremented by every layer of the layer table
    std::vector<bool> constantInputs;    // per input of the current node: is it a graph initializer?
    bool isConstant(size_t k) const { return k < constantInputs.size() && constantInputs[k]; }
};

using OpFunction = std::function<std::vector<Tensor>(const Node&, const std::vector<const Tensor*>&, OpContext&)>;

// An operator: its input contract (checked by the executor before 'run') and its implementation.
struct OpEntry {
    OpContract contract;
    OpFunction run;
};

bool isSupportedOp(const std::string& op);
const OpEntry& opEntry(const std::string& op);
std::vector<std::string> supportedOps();
// Runs one node: its contract is checked before it reads anything, and what it returns is checked
// against the tensor invariant before any later node reads it. Errors are InputErrors naming it.
std::vector<Tensor> runOp(const Node& n, const std::vector<const Tensor*>& args, OpContext& ctx);

// Float GEMM y = x · Wᵀ used when no hook is installed (OpenBLAS, multithreaded; FloatGemm.cpp).
void floatLinear(const float* x, int rows, int in, const float* w, int out, float* y);

// Registration of the op families (ElementwiseOps.cpp, ShapeOps.cpp, NeuralOps.cpp).
void registerElementwiseOps(std::map<std::string, OpEntry>& r);
void registerShapeOps(std::map<std::string, OpEntry>& r);
void registerNeuralOps(std::map<std::string, OpEntry>& r);
void registerPadOp(std::map<std::string, OpEntry>& r);         // PadOp.cpp
void registerRecurrentOps(std::map<std::string, OpEntry>& r);  // RecurrentOps.cpp: LSTM, GRU

} // namespace kh::nn
