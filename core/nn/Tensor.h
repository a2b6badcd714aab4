#pragma once
// A dense row-major tensor, float32 for activations and weights, int64 for the shape plumbing of
// exported graphs (Shape, Gather, Slice, ...). Booleans are int64 0/1.
// Invariant (checked by the executor for every value it passes on): every dimension ≥ 0, the
// element count within maxTensorElements(), and the data vector of the type holds exactly that
// many values. The factories check the shape before they allocate.
#include "nn/TensorLimits.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kh::nn {

enum class DType { Float, Int64 };

struct Tensor {
    DType type = DType::Float;
    std::vector<std::int64_t> shape;
    std::vector<float> f;          // type == Float
    std::vector<std::int64_t> i;   // type == Int64

    std::size_t size() const
    {
        std::size_t n = 1;
        for (std::int64_t d : shape)
            n *= std::size_t(d);
        return n;
    }
    int rank() const { return int(shape.size()); }
    bool isFloat() const { return type == DType::Float; }

    static Tensor floats(std::vector<std::int64_t> shape, std::vector<float> data = {})
    {
        Tensor t;
        t.shape = std::move(shape);
        const std::size_t n = checkedElementCount(t.shape);
        t.f = data.empty() ? std::vector<float>(n, 0.0f) : std::move(data);
        return t;
    }
    static Tensor ints(std::vector<std::int64_t> shape, std::vector<std::int64_t> data = {})
    {
        Tensor t;
        t.type = DType::Int64;
        t.shape = std::move(shape);
        const std::size_t n = checkedElementCount(t.shape);
        t.i = data.empty() ? std::vector<std::int64_t>(n, 0) : std::move(data);
        return t;
    }
    // Element as double / int64 regardless of type.
    double valueAt(std::size_t k) const { return type == DType::Float ? double(f[k]) : double(i[k]); }
    // Element as int64; a float that is NaN, infinite or outside int64 is a TensorError.
    std::int64_t intAt(std::size_t k) const { return type == DType::Int64 ? i[k] : checkedInt64(f[k]); }
};

std::string shapeText(const std::vector<std::int64_t>& shape);

} // namespace kh::nn
