#pragma once
// What an operator accepts, stated next to its implementation and checked by the executor before
// the operator runs: how many inputs, and for each its element type, rank and (for scalars) element
// count. Relations between inputs (a bias as long as the channels, a permutation of the axes) are
// checked by the operator itself, before it reads any data.
#include "nn/Graph.h"

#include <vector>

namespace kh::nn {

enum class ElemType { Any, Float, Int };

struct InputRule {
    const char* name = "input";
    ElemType type = ElemType::Any;
    int minRank = 0, maxRank = 64;
    bool optional = false;
    std::int64_t elements = -1;   // exact element count required (1 for scalars); -1: any
};

struct OpContract {
    std::vector<InputRule> inputs;
    bool variadic = false;   // the last rule applies to any number of further inputs (Concat)
};

// Throws InputError naming the node and the input when 'args' break the contract. The tensors
// themselves must already meet the tensor invariant (the executor checks each value once).
void checkOpInputs(const Node& n, const OpContract& contract, const std::vector<const Tensor*>& args);
// The tensor invariant of Tensor.h: dimensions ≥ 0, within the element limit, data of that length.
void checkTensor(const Tensor& t);

} // namespace kh::nn
