#pragma once
// Small helpers shared by the operator families.
#include "common/InputError.h"
#include "nn/Graph.h"

#include <string>
#include <vector>

namespace kh::nn {

using OpInputs = std::vector<const Tensor*>;

inline const Tensor& opInput(const Node& n, const OpInputs& in, size_t k)
{
    if (k >= in.size() || !in[k])
        throw InputError(n.label() + ": missing input " + std::to_string(k));
    return *in[k];
}

inline std::vector<Tensor> single(Tensor t)
{
    std::vector<Tensor> v;
    v.push_back(std::move(t));
    return v;
}

} // namespace kh::nn
