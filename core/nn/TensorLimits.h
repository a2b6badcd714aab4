#pragma once
// Limits on what a model file can make the executor allocate or compute. A shape read from a file
// (or computed from one by Reshape, Expand, ConstantOfShape, ...) is checked here before anything
// is allocated, with overflow-checked arithmetic, so a malformed model is a TensorError instead of
// a multi-gigabyte allocation, a wrapped size or a loop that never ends.
#include "nn/TensorError.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kh::nn {

// Largest tensor (elements) any operator may create. 2^28 floats = 1 GiB: the largest activation
// of an ImageNet CNN at batch 100 (ResNet18's unrolled stem, 100 × 12544 × 147 = 1.8e8) fits;
// assumption: no workload Kirchhoff targets needs more, and a process must stay within a few GB.
constexpr std::int64_t kDefaultMaxTensorElements = std::int64_t(1) << 28;
// Arithmetic an operator may do per element of the largest allowed tensor (multiply-adds of a
// linear layer, window reads of a pooling). 1024 × 2^28 = 2.7e11: VGG16's largest conv layer on
// 100 ImageNet images is 1.85e11 multiply-adds.
constexpr std::int64_t kWorkPerAllowedElement = 1024;

// Process-wide limit; fuzzers and memory-constrained runs lower it (setMaxTensorElements).
std::int64_t maxTensorElements();
void setMaxTensorElements(std::int64_t elements);

// Element count of a shape: every dimension ≥ 0, the product computed without overflow and at
// most maxTensorElements(); otherwise TensorError describing the shape.
std::size_t checkedElementCount(const std::vector<std::int64_t>& shape);
// a · b for non-negative sizes, TensorError when it overflows or passes maxTensorElements().
std::int64_t checkedSizeProduct(std::int64_t a, std::int64_t b);
// Throws TensorError when 'operations' (a product of non-negative factors, computed here without
// overflow) exceeds kWorkPerAllowedElement · maxTensorElements().
void checkWork(std::initializer_list<std::int64_t> factors, const char* what);

// Float → int64 for shape and index values: TensorError for NaN, infinity or values outside int64.
std::int64_t checkedInt64(double v);

} // namespace kh::nn
