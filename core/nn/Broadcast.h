#pragma once
// NumPy-style broadcasting for the elementwise operators.
#include "nn/Tensor.h"

#include <string>
#include <vector>

namespace kh::nn {

// Broadcast result shape of a and b; throws InputError naming 'where' when incompatible.
std::vector<std::int64_t> broadcastShape(const std::vector<std::int64_t>& a, const std::vector<std::int64_t>& b,
                                         const std::string& where);

// For every flat index of 'out', the flat index into a tensor of shape 'in' broadcast to 'out'.
std::vector<std::size_t> broadcastIndex(const std::vector<std::int64_t>& in, const std::vector<std::int64_t>& out);

// Normalises a possibly negative axis against rank; throws InputError when out of range.
int normalizeAxis(std::int64_t axis, int rank, const std::string& where);

} // namespace kh::nn
