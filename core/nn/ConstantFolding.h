#pragma once
// Constant folding at import: a node whose inputs are all initializers (an Identity, Transpose or
// Reshape of a weight, a Constant, shape arithmetic on constants) is run once and its outputs
// become initializers. Exporters route weights through such nodes (torch puts an Identity in front
// of de-duplicated equal initializers); after folding, every Conv, Gemm and MatMul whose weight is
// a constant sees it as one, so it is mapped onto arrays instead of silently staying digital.
#include "nn/Graph.h"

namespace kh::nn {

// Folds in place; nodes that write a graph output stay. Errors name the node (InputError).
// Returns how many nodes were folded.
int foldConstants(Graph& g);

} // namespace kh::nn
