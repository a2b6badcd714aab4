#pragma once
// The part of a graph that computes some values from others (progressive fine-tuning runs one layer
// of a network at a time, docs/training.md): given values already known (a graph input, or the
// recorded outputs of some nodes), the nodes that must still run to produce the wanted values, and
// which known values they read. A node whose outputs are all known does not run, so what lies
// before a recorded output is cut off.
#include "nn/Graph.h"

#include <set>
#include <string>
#include <vector>

namespace kh::nn {

struct GraphSlice {
    std::vector<int> nodes;              // indices into Graph::nodes, in the graph's order
    std::vector<std::string> reads;      // the known values the nodes read (or that are wanted), sorted
};

// InputError naming the value when a wanted value, or one a needed node reads, is neither known,
// an initializer nor produced by a node.
GraphSlice sliceGraph(const Graph& g, const std::set<std::string>& known, const std::vector<std::string>& wanted);

// The graph restricted to a slice: inputs are the slice's reads, outputs the wanted values,
// initializers those its nodes read.
Graph subgraph(const Graph& g, const GraphSlice& slice, const std::vector<std::string>& wanted);

// How the executor numbers linear layers (OpContext::nextLinear / nextLayer) when node 'node' starts:
// a grouped Conv is one linear layer per group and one layer of the layer table, a Gemm or MatMul
// with a constant weight one of each, an LSTM or GRU two of each per direction.
struct LinearNumbering {
    int linear = 0, layer = 0;
};
LinearNumbering linearNumberingAt(const Graph& g, int node);

} // namespace kh::nn
