#include "nn/OpRegistry.h"

#include <Eigen/Core>

#include <map>

namespace kh::nn {

namespace {
const std::map<std::string, OpFunction>& registry()
{
    static const std::map<std::string, OpFunction> r = [] {
        std::map<std::string, OpFunction> m;
        registerElementwiseOps(m);
        registerShapeOps(m);
        registerNeuralOps(m);
        return m;
    }();
    return r;
}
} // namespace

bool isSupportedOp(const std::string& op) { return registry().count(op) != 0; }
const OpFunction& opFunction(const std::string& op) { return registry().at(op); }

std::vector<std::string> supportedOps()
{
    std::vector<std::string> ops;
    for (const auto& [name, fn] : registry())
        ops.push_back(name);
    return ops;
}

void floatLinear(const float* x, int rows, int in, const float* w, int out, float* y)
{
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    Eigen::Map<const RowMajor> X(x, rows, in);
    Eigen::Map<const RowMajor> W(w, out, in);
    Eigen::Map<RowMajor> Y(y, rows, out);
    Y.noalias() = X * W.transpose();
}

} // namespace kh::nn
