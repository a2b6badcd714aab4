#include "train/TorchGraphModel.h"

#include "train/TensorConversion.h"

#include "common/InputError.h"

#include <algorithm>
#include <set>

namespace kh::train {

namespace {

[[noreturn]] void unsupported(const nn::Node& n, const std::string& what)
{
    throw InputError(n.label() + ": " + what + " is not supported by fine-tuning (docs/training.md lists the operators)");
}

const std::set<std::string>& supportedOps()
{
    static const std::set<std::string> ops = {"Conv", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Relu", "LeakyRelu", "Sigmoid",
                                              "Tanh", "Clip", "MaxPool", "AveragePool", "GlobalAveragePool", "BatchNormalization",
                                              "Flatten", "Reshape", "Identity", "Dropout", "Softmax", "Concat", "Transpose",
                                              "Shape", "Gather", "Unsqueeze", "Squeeze", "Erf", "Sqrt", "Pow", "ReduceMean"};
    return ops;
}

std::int64_t normalizedAxis(std::int64_t axis, std::int64_t rank) { return axis < 0 ? axis + rank : axis; }

// ONNX pads [top, left, bottom, right] for 2-D windows: symmetric ones go to the operator,
// others become an explicit pad (value 'fill') in front of it.
torch::Tensor padWindow(const nn::Node& n, torch::Tensor x, std::vector<std::int64_t>& symmetric, double fill)
{
    const std::string autoPad = n.has("auto_pad") ? n.attrs.at("auto_pad").s : "NOTSET";
    if (autoPad != "NOTSET" && autoPad != "VALID")
        unsupported(n, "auto_pad " + autoPad);
    std::vector<std::int64_t> p = autoPad == "VALID" ? std::vector<std::int64_t>(4, 0) : n.intsAttr("pads", {0, 0, 0, 0});
    if (p.size() != 4)
        unsupported(n, "a window that is not 2-D");
    if (p[0] == p[2] && p[1] == p[3]) {
        symmetric = {p[0], p[1]};
        return x;
    }
    symmetric = {0, 0};
    return torch::constant_pad_nd(x, {p[1], p[3], p[0], p[2]}, fill);
}

std::vector<std::int64_t> reshapeTarget(const torch::Tensor& x, const torch::Tensor& shape, bool allowZero)
{
    const torch::Tensor s = shape.to(torch::kInt64).contiguous();
    std::vector<std::int64_t> out(s.data_ptr<std::int64_t>(), s.data_ptr<std::int64_t>() + s.numel());
    for (size_t k = 0; k < out.size(); ++k)
        if (out[k] == 0 && !allowZero)
            out[k] = x.size(std::int64_t(k));
    return out;
}

std::vector<std::int64_t> axesOf(const nn::Node& n, const std::vector<torch::Tensor>& in, size_t input)
{
    if (in.size() > input && in[input].defined()) {
        const torch::Tensor a = in[input].to(torch::kInt64).contiguous();
        return {a.data_ptr<std::int64_t>(), a.data_ptr<std::int64_t>() + a.numel()};
    }
    return n.intsAttr("axes");
}

// Axes counted from the end made positive, in increasing order.
std::vector<std::int64_t> sortedAxes(std::vector<std::int64_t> axes, std::int64_t rank)
{
    for (std::int64_t& a : axes)
        a = normalizedAxis(a, rank);
    std::sort(axes.begin(), axes.end());
    return axes;
}
} // namespace

TorchGraphModel::TorchGraphModel(const nn::Graph& g) : g_(g)
{
    if (g_.inputs.size() != 1 || g_.outputs.empty())
        throw InputError(g_.source + ": fine-tuning needs a model with one input and at least one output");
    for (const auto& [name, t] : g_.initializers)
        values_[name] = torchFromTensor(t);
    std::set<std::string> trainable, statistics;
    int linearIndex = 0;
    for (size_t k = 0; k < g_.nodes.size(); ++k) {
        const nn::Node& n = g_.nodes[k];
        if (!supportedOps().count(n.op))
            unsupported(n, "the operator " + n.op);
        const bool constWeight = n.inputs.size() > 1 && g_.initializers.count(n.inputs[1]);
        const bool linear = n.op == "Conv" || ((n.op == "Gemm" || n.op == "MatMul") && constWeight);
        if (linear) {
            if (!constWeight)
                unsupported(n, "a convolution whose weight is computed");
            const nn::Tensor& w = g_.initializers.at(n.inputs[1]);
            ArrayLayer a;
            a.index = linearIndex++;
            a.name = n.label();
            a.weight = n.inputs[1];
            a.output = n.outputs.empty() ? std::string() : n.outputs[0];
            a.node = int(k);
            if (n.op == "Conv") {
                if (n.intAttr("group", 1) != 1)
                    unsupported(n, "a grouped convolution");
                if (w.rank() != 4)
                    unsupported(n, "a convolution that is not 2-D");
                a.conv = true;
                a.out = int(w.shape[0]);
                a.cin = int(w.shape[1]);
                a.kh = int(w.shape[2]);
                a.kw = int(w.shape[3]);
                a.in = a.cin * a.kh * a.kw;
            } else {
                if (w.rank() != 2)
                    unsupported(n, "a weight of rank " + std::to_string(w.rank()));
                a.transposed = n.op == "MatMul" || n.intAttr("transB", 0) == 0;
                a.out = int(a.transposed ? w.shape[1] : w.shape[0]);
                a.in = int(a.transposed ? w.shape[0] : w.shape[1]);
            }
            layerOfNode_[int(k)] = int(layers_.size());
            layers_.push_back(a);
            trainable.insert(n.inputs[1]);
            if (n.op != "MatMul" && n.inputs.size() > 2 && g_.initializers.count(n.inputs[2]))
                trainable.insert(n.inputs[2]);
        }
        if (n.op == "BatchNormalization") {
            for (size_t i = 1; i < 5 && i < n.inputs.size(); ++i)
                if (!g_.initializers.count(n.inputs[i]))
                    unsupported(n, "a batch norm whose parameters are computed");
            ++batchNormNodes_;
            trainable.insert(n.inputs[1]);
            trainable.insert(n.inputs[2]);
            statistics.insert(n.inputs[3]);
            statistics.insert(n.inputs[4]);
        }
    }
    for (const std::string& name : trainable) {
        if (!values_.at(name).is_floating_point())
            throw InputError(g_.source + ": initializer '" + name + "' of a linear layer is not float");
        values_[name].set_requires_grad(true);
        trainable_.push_back(name);
    }
    batchNormStatistics_.assign(statistics.begin(), statistics.end());
}

std::vector<torch::Tensor> TorchGraphModel::parameters() const
{
    std::vector<torch::Tensor> p;
    for (const std::string& name : trainable_)
        p.push_back(values_.at(name));
    return p;
}

std::vector<float> TorchGraphModel::weightMatrix(const ArrayLayer& layer) const
{
    torch::Tensor w = values_.at(layer.weight).detach();
    w = (layer.transposed ? w.t() : w.reshape({layer.out, layer.in})).contiguous();
    return {w.data_ptr<float>(), w.data_ptr<float>() + w.numel()};
}

std::vector<torch::Tensor> TorchGraphModel::parametersOf(const std::vector<int>& nodes) const
{
    std::set<std::string> read;
    for (int k : nodes)
        for (const std::string& in : g_.nodes[size_t(k)].inputs)
            read.insert(in);
    std::vector<torch::Tensor> p;
    for (const std::string& name : trainable_)
        if (read.count(name))
            p.push_back(values_.at(name));
    return p;
}

torch::Tensor TorchGraphModel::forward(const torch::Tensor& x, ArrayLayerTransform* transform)
{
    return forwardFrom({{g_.inputs[0], x}}, transform);
}

torch::Tensor TorchGraphModel::forwardFrom(const std::map<std::string, torch::Tensor>& known, ArrayLayerTransform* transform)
{
    std::set<std::string> knownNames;
    for (const auto& [name, v] : known)
        knownNames.insert(name);
    const nn::GraphSlice slice = nn::sliceGraph(g_, knownNames, {g_.outputs[0]});
    std::map<std::string, torch::Tensor> live = known;
    auto value = [&](const std::string& name) -> torch::Tensor {
        if (name.empty())
            return {};
        if (auto it = live.find(name); it != live.end())
            return it->second;
        if (auto it = values_.find(name); it != values_.end())
            return it->second;
        throw InputError(g_.source + ": value '" + name + "' is read before it is computed");
    };
    for (int node : slice.nodes) {
        const size_t k = size_t(node);
        const nn::Node& n = g_.nodes[k];
        std::vector<torch::Tensor> in;
        for (const std::string& name : n.inputs)
            in.push_back(value(name));
        torch::Tensor out;
        try {
            out = runNode(n, in, int(k), transform);
        } catch (const c10::Error& e) {
            throw InputError(g_.source + ": " + n.label() + ": " + e.what_without_backtrace());
        }
        if (!n.outputs.empty())
            live[n.outputs[0]] = out;
    }
    return value(g_.outputs[0]);
}

torch::Tensor TorchGraphModel::linear(const nn::Node& n, const std::vector<torch::Tensor>& in, int nodeIndex, ArrayLayerTransform* t)
{
    const ArrayLayer& a = layers_[size_t(layerOfNode_.at(nodeIndex))];
    const torch::Tensor x = t ? t->input(a, in[0]) : in[0];
    const torch::Tensor w = t ? t->weight(a, in[1]) : in[1];
    const torch::Tensor bias = in.size() > 2 ? in[2] : torch::Tensor();
    if (n.op == "Conv") {
        std::vector<std::int64_t> pads;
        const torch::Tensor xp = padWindow(n, x, pads, 0.0);
        return torch::conv2d(xp, w, bias, n.intsAttr("strides", {1, 1}), pads, n.intsAttr("dilations", {1, 1}), 1);
    }
    if (n.op == "MatMul")
        return torch::matmul(x, w);
    // Gemm: alpha · A' · B' + beta · C.
    const torch::Tensor A = n.intAttr("transA", 0) ? x.t() : x;
    const torch::Tensor B = n.intAttr("transB", 0) ? w.t() : w;
    torch::Tensor y = torch::matmul(A, B) * double(n.floatAttr("alpha", 1.0f));
    if (bias.defined())
        y = y + bias * double(n.floatAttr("beta", 1.0f));
    return y;
}

torch::Tensor TorchGraphModel::runNode(const nn::Node& n, const std::vector<torch::Tensor>& in, int nodeIndex, ArrayLayerTransform* t)
{
    const std::string& op = n.op;
    if (layerOfNode_.count(nodeIndex))
        return linear(n, in, nodeIndex, t);
    if (op == "Gemm" || op == "MatMul") {   // two activations: digital, differentiable as they are
        if (op == "MatMul")
            return torch::matmul(in[0], in[1]);
        return linear(n, in, nodeIndex, nullptr);
    }
    if (op == "Add") return in[0] + in[1];
    if (op == "Sub") return in[0] - in[1];
    if (op == "Mul") return in[0] * in[1];
    if (op == "Div") return in[0] / in[1];
    if (op == "Pow") return torch::pow(in[0], in[1]);
    if (op == "Relu") return torch::relu(in[0]);
    if (op == "LeakyRelu") return torch::leaky_relu(in[0], double(n.floatAttr("alpha", 0.01f)));
    if (op == "Sigmoid") return torch::sigmoid(in[0]);
    if (op == "Tanh") return torch::tanh(in[0]);
    if (op == "Erf") return torch::erf(in[0]);
    if (op == "Sqrt") return torch::sqrt(in[0]);
    if (op == "Identity" || op == "Dropout") return in[0];
    if (op == "Clip") {
        torch::Tensor y = in[0];
        const bool attrs = n.has("min") || n.has("max");
        if (attrs)
            return torch::clamp(y, double(n.floatAttr("min", -3.4e38f)), double(n.floatAttr("max", 3.4e38f)));
        if (in.size() > 1 && in[1].defined())
            y = torch::maximum(y, in[1]);
        if (in.size() > 2 && in[2].defined())
            y = torch::minimum(y, in[2]);
        return y;
    }
    if (op == "Softmax") return torch::softmax(in[0], normalizedAxis(n.intAttr("axis", -1), in[0].dim()));
    if (op == "MaxPool" || op == "AveragePool") {
        std::vector<std::int64_t> pads;
        const bool ceil = n.intAttr("ceil_mode", 0) != 0;
        const std::vector<std::int64_t> kernel = n.intsAttr("kernel_shape"), strides = n.intsAttr("strides", {1, 1});
        if (kernel.size() != 2)
            unsupported(n, "a window that is not 2-D");
        if (op == "MaxPool") {
            if (n.intAttr("storage_order", 0) != 0 || n.outputs.size() > 1)
                unsupported(n, "MaxPool indices");
            const torch::Tensor x = padWindow(n, in[0], pads, -3.4e38);
            return torch::max_pool2d(x, kernel, strides, pads, n.intsAttr("dilations", {1, 1}), ceil);
        }
        const bool includePad = n.intAttr("count_include_pad", 0) != 0;
        const torch::Tensor x = padWindow(n, in[0], pads, 0.0);
        if (!includePad && x.sizes() != in[0].sizes())
            unsupported(n, "asymmetric padding without count_include_pad");
        return torch::avg_pool2d(x, kernel, strides, pads, ceil, includePad);
    }
    if (op == "GlobalAveragePool") {
        std::vector<std::int64_t> dims;
        for (std::int64_t d = 2; d < in[0].dim(); ++d)
            dims.push_back(d);
        return in[0].mean(dims, true);
    }
    if (op == "BatchNormalization") {
        const double eps = double(n.floatAttr("epsilon", 1e-5f));
        if (estimating_) {
            // Statistics of this batch's input per channel (axis 1), recorded without gradients.
            const torch::Tensor x = in[0].detach();
            std::vector<std::int64_t> dims = {0};
            for (std::int64_t d = 2; d < x.dim(); ++d)
                dims.push_back(d);
            BatchNormStats& s = batchNorms_[nodeIndex];
            const torch::Tensor sum = x.to(torch::kFloat64).sum(dims), sq = x.to(torch::kFloat64).square().sum(dims);
            s.sum = s.sum.defined() ? s.sum + sum : sum;
            s.sumSquares = s.sumSquares.defined() ? s.sumSquares + sq : sq;
            s.count += double(x.numel() / x.size(1));
        }
        return torch::batch_norm(in[0], in[1], in[2], in[3], in[4], false, 0.0, eps, false);
    }
    if (op == "Flatten") {
        const std::int64_t axis = normalizedAxis(n.intAttr("axis", 1), in[0].dim());
        std::int64_t front = 1;
        for (std::int64_t d = 0; d < axis; ++d)
            front *= in[0].size(d);
        return in[0].reshape({front, -1});
    }
    if (op == "Reshape") return in[0].reshape(reshapeTarget(in[0], in[1], n.intAttr("allowzero", 0) != 0));
    if (op == "Transpose") {
        std::vector<std::int64_t> perm = n.intsAttr("perm");
        if (perm.empty())
            for (std::int64_t d = in[0].dim() - 1; d >= 0; --d)
                perm.push_back(d);
        return in[0].permute(perm);
    }
    if (op == "Concat") {
        std::vector<torch::Tensor> parts(in.begin(), in.end());
        return torch::cat(parts, normalizedAxis(n.intAttr("axis", 0), in[0].dim()));
    }
    if (op == "Shape") return torch::tensor(std::vector<std::int64_t>(in[0].sizes().begin(), in[0].sizes().end()), torch::kInt64);
    if (op == "Gather") {
        const std::int64_t axis = normalizedAxis(n.intAttr("axis", 0), in[0].dim());
        const torch::Tensor idx = torch::where(in[1] < 0, in[1] + in[0].size(axis), in[1]).to(torch::kInt64);
        if (idx.dim() == 0)
            return in[0].select(axis, idx.item<std::int64_t>());
        return in[0].index_select(axis, idx.flatten()).reshape([&] {
            std::vector<std::int64_t> s(in[0].sizes().begin(), in[0].sizes().begin() + axis);
            for (std::int64_t d : idx.sizes())
                s.push_back(d);
            for (std::int64_t d = axis + 1; d < in[0].dim(); ++d)
                s.push_back(in[0].size(d));
            return s;
        }());
    }
    if (op == "Unsqueeze") {
        const std::vector<std::int64_t> given = axesOf(n, in, 1);
        torch::Tensor y = in[0];
        for (std::int64_t a : sortedAxes(given, in[0].dim() + std::int64_t(given.size())))
            y = y.unsqueeze(a);
        return y;
    }
    if (op == "Squeeze") {
        const std::vector<std::int64_t> axes = sortedAxes(axesOf(n, in, 1), in[0].dim());
        if (axes.empty())
            return in[0].squeeze();
        torch::Tensor y = in[0];
        for (auto a = axes.rbegin(); a != axes.rend(); ++a)   // the last first: earlier axes keep their place
            y = y.squeeze(*a);
        return y;
    }
    if (op == "ReduceMean") {
        std::vector<std::int64_t> axes = sortedAxes(axesOf(n, in, 99), in[0].dim());
        if (axes.empty())
            for (std::int64_t d = 0; d < in[0].dim(); ++d)
                axes.push_back(d);
        return in[0].mean(axes, n.intAttr("keepdims", 1) != 0);
    }
    unsupported(n, "the operator " + op);
}

void TorchGraphModel::beginBatchNormEstimate()
{
    batchNorms_.clear();
    estimating_ = true;
}

void TorchGraphModel::endBatchNormEstimate()
{
    estimating_ = false;
    torch::NoGradGuard noGrad;
    for (const auto& [node, s] : batchNorms_) {
        if (s.count <= 0)
            continue;
        const nn::Node& n = g_.nodes[size_t(node)];
        const torch::Tensor mean = s.sum / s.count;
        const torch::Tensor var = (s.sumSquares / s.count - mean.square()).clamp_min(0.0);
        values_[n.inputs[3]].copy_(mean.to(torch::kFloat32));
        values_[n.inputs[4]].copy_(var.to(torch::kFloat32));
    }
    batchNorms_.clear();
}

std::vector<std::string> TorchGraphModel::trainedNames() const
{
    std::vector<std::string> names = trainable_;
    names.insert(names.end(), batchNormStatistics_.begin(), batchNormStatistics_.end());
    return names;
}

std::map<std::string, torch::Tensor> TorchGraphModel::snapshot() const
{
    std::map<std::string, torch::Tensor> s;
    for (const std::string& name : trainedNames())
        s[name] = values_.at(name).detach().clone();
    return s;
}

void TorchGraphModel::restore(const std::map<std::string, torch::Tensor>& s)
{
    torch::NoGradGuard noGrad;
    for (const auto& [name, v] : s)
        values_.at(name).copy_(v);
}

nn::Graph TorchGraphModel::graph() const
{
    nn::Graph g = g_;
    for (const std::string& name : trainedNames())
        g.initializers[name] = tensorFromTorch(values_.at(name));
    return g;
}

} // namespace kh::train
