#include "nn/GraphSlice.h"

#include "common/InputError.h"

#include <algorithm>
#include <map>

namespace kh::nn {

GraphSlice sliceGraph(const Graph& g, const std::set<std::string>& known, const std::vector<std::string>& wanted)
{
    std::map<std::string, int> producer;
    for (size_t k = 0; k < g.nodes.size(); ++k)
        for (const std::string& o : g.nodes[k].outputs)
            if (!o.empty())
                producer[o] = int(k);
    // Backwards from the wanted values: a value is read from what is known, an initializer, or the
    // node that makes it, which then needs its own inputs.
    std::vector<bool> run(g.nodes.size(), false);
    std::set<std::string> reads;
    std::vector<std::string> pending(wanted.begin(), wanted.end());
    std::set<std::string> seen;
    while (!pending.empty()) {
        const std::string v = pending.back();
        pending.pop_back();
        if (v.empty() || !seen.insert(v).second)
            continue;
        if (known.count(v)) {
            reads.insert(v);
            continue;
        }
        if (g.initializers.count(v))
            continue;
        auto p = producer.find(v);
        if (p == producer.end())
            throw InputError((g.source.empty() ? std::string() : g.source + ": ") + "value '" + v + "' is neither known nor computed by a node");
        if (run[size_t(p->second)])
            continue;
        run[size_t(p->second)] = true;
        for (const std::string& in : g.nodes[size_t(p->second)].inputs)
            pending.push_back(in);
    }
    GraphSlice s;
    for (size_t k = 0; k < run.size(); ++k)
        if (run[k])
            s.nodes.push_back(int(k));
    s.reads.assign(reads.begin(), reads.end());
    return s;
}

Graph subgraph(const Graph& g, const GraphSlice& slice, const std::vector<std::string>& wanted)
{
    Graph s;
    s.name = g.name;
    s.source = g.source;
    s.opset = g.opset;
    s.inputs = slice.reads;
    s.inputShapes.assign(s.inputs.size(), {});
    s.outputs = wanted;
    for (int k : slice.nodes) {
        const Node& n = g.nodes[size_t(k)];
        s.nodes.push_back(n);
        for (const std::string& in : n.inputs)
            if (auto it = g.initializers.find(in); it != g.initializers.end())
                s.initializers.emplace(in, it->second);
    }
    return s;
}

LinearNumbering linearNumberingAt(const Graph& g, int node)
{
    LinearNumbering at;
    for (int k = 0; k < node && k < int(g.nodes.size()); ++k) {
        const Node& n = g.nodes[size_t(k)];
        const bool constWeight = n.inputs.size() > 1 && g.initializers.count(n.inputs[1]);
        if (n.op == "Conv") {
            at.linear += int(std::max<std::int64_t>(1, n.intAttr("group", 1)));
            at.layer += 1;
        } else if (constWeight && (n.op == "Gemm" || (n.op == "MatMul" && g.initializers.at(n.inputs[1]).rank() == 2))) {
            at.linear += 1;
            at.layer += 1;
        } else if (n.op == "LSTM" || n.op == "GRU") {
            const int per = n.has("direction") && n.attrs.at("direction").s == "bidirectional" ? 4 : 2;
            at.linear += per;
            at.layer += per;
        }
    }
    return at;
}

} // namespace kh::nn
