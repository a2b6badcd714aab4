#include "nn/Executor.h"

#include "common/InputError.h"

#include <map>
#include <set>

namespace kh::nn {

Executor::Executor(const Graph& g) : g_(g)
{
    // Every value a node reads is checked once: initializers here, graph inputs at the start of a
    // run, and each node's results as it returns them.
    for (const auto& [name, t] : g_.initializers) {
        try {
            checkTensor(t);
        } catch (const TensorError& e) {
            throw InputError((g_.source.empty() ? std::string() : g_.source + ": ") + "initializer '" + name + "': " + e.what());
        }
    }
    for (const Node& n : g_.nodes) {
        const bool constWeight = n.inputs.size() > 1 && g_.initializers.count(n.inputs[1]);
        if (n.op == "Conv" || (n.op == "Gemm" && constWeight) || (n.op == "MatMul" && constWeight))
            ++linearLayers_;
        if (n.op == "LSTM" || n.op == "GRU")   // input and recurrent weights, per direction
            linearLayers_ += n.has("direction") && n.attrs.at("direction").s == "bidirectional" ? 4 : 2;
    }
}


std::vector<Tensor> Executor::run(const std::vector<Tensor>& inputs, LinearHook* hook) const { return run(inputs, hook, LinearNumbering{}); }

std::vector<Tensor> Executor::run(const std::vector<Tensor>& inputs, LinearHook* hook, LinearNumbering first) const
{
    try {
        return runGraph(inputs, hook, first);
    } catch (const InputError& e) {
        // One place adds the model file to every error of a node, an input or a tensor.
        throw InputError(g_.source.empty() ? std::string(e.what()) : g_.source + ": " + e.what());
    }
}

std::vector<Tensor> Executor::runGraph(const std::vector<Tensor>& inputs, LinearHook* hook, LinearNumbering first) const
{
    if (inputs.size() != g_.inputs.size())
        throw InputError("model expects " + std::to_string(g_.inputs.size()) + " inputs, got " + std::to_string(inputs.size()));
    std::map<std::string, Tensor> values;
    for (size_t k = 0; k < inputs.size(); ++k) {
        try {
            checkTensor(inputs[k]);
        } catch (const TensorError& e) {
            throw InputError("input '" + g_.inputs[k] + "': " + e.what());
        }
        values[g_.inputs[k]] = inputs[k];
    }
    // Last reader of every value, so intermediates are freed as soon as possible.
    std::map<std::string, size_t> last;
    for (size_t idx = 0; idx < g_.nodes.size(); ++idx)
        for (const std::string& in : g_.nodes[idx].inputs)
            last[in] = idx;
    const std::set<std::string> outputs(g_.outputs.begin(), g_.outputs.end());
    OpContext ctx;
    ctx.hook = hook;
    ctx.nextLinear = first.linear;
    ctx.nextLayer = first.layer;
    for (size_t idx = 0; idx < g_.nodes.size(); ++idx) {
        const Node& n = g_.nodes[idx];
        std::vector<const Tensor*> args;
        ctx.constantInputs.clear();
        for (const std::string& in : n.inputs) {
            if (in.empty()) {
                args.push_back(nullptr);
                ctx.constantInputs.push_back(false);
                continue;
            }
            auto init = g_.initializers.find(in);
            if (init != g_.initializers.end()) {
                args.push_back(&init->second);
                ctx.constantInputs.push_back(true);
                continue;
            }
            auto v = values.find(in);
            if (v == values.end())
                throw InputError(n.label() + ": input '" + in + "' is not available");
            args.push_back(&v->second);
            ctx.constantInputs.push_back(false);
        }
        std::vector<Tensor> results = runOp(n, args, ctx);
        for (size_t k = 0; k < n.outputs.size() && k < results.size(); ++k)
            if (!n.outputs[k].empty())
                values[n.outputs[k]] = std::move(results[k]);
        for (const std::string& in : n.inputs)
            if (!in.empty() && last[in] == idx && !outputs.count(in))
                values.erase(in);
    }
    std::vector<Tensor> out;
    for (const std::string& o : g_.outputs) {
        auto v = values.find(o);
        if (v == values.end())
            throw InputError("graph output '" + o + "' was not produced");
        out.push_back(v->second);
    }
    return out;
}

} // namespace kh::nn
