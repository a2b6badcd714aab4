#include "nn/ConstantFolding.h"

#include "nn/OpRegistry.h"

#include <set>

namespace kh::nn {

int foldConstants(Graph& g)
{
    const std::set<std::string> graphOutputs(g.outputs.begin(), g.outputs.end());
    // The linear ops stay nodes: a Conv or MatMul on constants alone is not a network layer, but
    // keeping them keeps the layer count of what the user exported.
    static const std::set<std::string> keep = {"Conv", "Gemm", "MatMul"};
    std::vector<Node> kept;
    int folded = 0;
    for (Node& n : g.nodes) {
        bool constant = !keep.count(n.op);
        for (const std::string& in : n.inputs)
            constant = constant && (in.empty() || g.initializers.count(in));
        for (const std::string& out : n.outputs)
            constant = constant && !graphOutputs.count(out);
        if (!constant) {
            kept.push_back(std::move(n));
            continue;
        }
        std::vector<const Tensor*> args;
        for (const std::string& in : n.inputs)
            args.push_back(in.empty() ? nullptr : &g.initializers.at(in));
        OpContext ctx;
        ctx.constantInputs.assign(args.size(), true);
        std::vector<Tensor> results = runOp(n, args, ctx);
        for (size_t k = 0; k < n.outputs.size() && k < results.size(); ++k)
            if (!n.outputs[k].empty())
                g.initializers[n.outputs[k]] = std::move(results[k]);
        ++folded;
    }
    g.nodes = std::move(kept);
    return folded;
}

} // namespace kh::nn
