#include "nn/OpRegistry.h"

#include "common/InputError.h"
#include "nn/TensorError.h"

#include <Eigen/Core>

#include <algorithm>

#include <map>

namespace kh::nn {

namespace {
const std::map<std::string, OpEntry>& registry()
{
    static const std::map<std::string, OpEntry> r = [] {
        std::map<std::string, OpEntry> m;
        registerElementwiseOps(m);
        registerShapeOps(m);
        registerNeuralOps(m);
        registerPadOp(m);
        registerRecurrentOps(m);
        return m;
    }();
    return r;
}
} // namespace

bool isSupportedOp(const std::string& op) { return registry().count(op) != 0; }
const OpEntry& opEntry(const std::string& op) { return registry().at(op); }

std::vector<Tensor> runOp(const Node& n, const std::vector<const Tensor*>& args, OpContext& ctx)
{
    const OpEntry& op = opEntry(n.op);
    checkOpInputs(n, op.contract, args);
    std::vector<Tensor> results;
    try {
        results = op.run(n, args, ctx);
        for (const Tensor& t : results)
            checkTensor(t);
    } catch (const TensorError& e) {
        throw InputError(n.label() + ": " + e.what());
    } catch (const std::bad_alloc&) {
        throw InputError(n.label() + ": not enough memory for its tensors");
    } catch (const std::length_error&) {
        throw InputError(n.label() + ": not enough memory for its tensors");
    }
    return results;
}

std::vector<std::string> supportedOps()
{
    std::vector<std::string> ops;
    for (const auto& [name, fn] : registry())
        ops.push_back(name);
    return ops;
}

void floatLinear(const float* x, int rows, int in, const float* w, int out, float* y)
{
    // Fixed 64-row blocks, each one single-threaded product (Eigen does not spawn threads inside an
    // OpenMP region): the blocks and hence the float rounding are the same for any thread count,
    // so a seed gives the same numbers on 1 or 16 cores (Eigen's own threading splits the product
    // by thread count, and different kernels round the edge rows differently).
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    constexpr int kBlock = 64;
    Eigen::Map<const RowMajor> W(w, out, in);
    const int blocks = (rows + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static)
    for (int b = 0; b < blocks; ++b) {
        const int r0 = b * kBlock, n = std::min(kBlock, rows - r0);
        Eigen::Map<const RowMajor> X(x + std::ptrdiff_t(r0) * in, n, in);
        Eigen::Map<RowMajor> Y(y + std::ptrdiff_t(r0) * out, n, out);
        Y.noalias() = X * W.transpose();
    }
}

} // namespace kh::nn
