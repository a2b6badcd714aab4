// Elementwise operators: arithmetic with broadcasting, activations, comparisons, casts.
#include "common/InputError.h"
#include "nn/Broadcast.h"
#include "nn/OpHelpers.h"
#include "nn/OpRegistry.h"

#include <cmath>
#include <map>

namespace kh::nn {

namespace {

using Inputs = OpInputs;
// Below this many elements a parallel loop costs more than it saves. The float functions of the
// parallel loops never throw (an exception cannot leave an OpenMP region).
constexpr std::int64_t kParallelElements = 1 << 15;

const Tensor& input(const Node& n, const Inputs& in, size_t k) { return opInput(n, in, k); }

template <class FloatFn, class IntFn>
Tensor binary(const Node& n, const Inputs& in, FloatFn ff, IntFn fi)
{
    const Tensor& a = input(n, in, 0);
    const Tensor& b = input(n, in, 1);
    const std::vector<std::int64_t> shape = broadcastShape(a.shape, b.shape, n.label());
    // Two float tensors of one shape (a residual Add): no index tables, one pass in parallel.
    if (a.isFloat() && b.isFloat() && a.shape == shape && b.shape == shape) {
        Tensor out = Tensor::floats(shape);
        const std::int64_t count = std::int64_t(out.f.size());
#pragma omp parallel for schedule(static) if (count > kParallelElements)
        for (std::int64_t k = 0; k < count; ++k)
            out.f[size_t(k)] = ff(a.f[size_t(k)], b.f[size_t(k)]);
        return out;
    }
    const std::vector<std::size_t> ia = broadcastIndex(a.shape, shape), ib = broadcastIndex(b.shape, shape);
    if (!a.isFloat() && !b.isFloat()) {
        Tensor out = Tensor::ints(shape);
        for (size_t k = 0; k < out.i.size(); ++k)
            out.i[k] = fi(a.i[ia[k]], b.i[ib[k]]);
        return out;
    }
    Tensor out = Tensor::floats(shape);
    for (size_t k = 0; k < out.f.size(); ++k)
        out.f[k] = ff(float(a.valueAt(ia[k])), float(b.valueAt(ib[k])));
    return out;
}

template <class Fn>
Tensor unary(const Node& n, const Inputs& in, Fn fn)
{
    const Tensor& a = input(n, in, 0);
    Tensor out = Tensor::floats(a.shape);
    const std::int64_t count = std::int64_t(out.f.size());
    if (a.isFloat()) {
#pragma omp parallel for schedule(static) if (count > kParallelElements)
        for (std::int64_t k = 0; k < count; ++k)
            out.f[size_t(k)] = fn(a.f[size_t(k)]);
        return out;
    }
    for (size_t k = 0; k < out.f.size(); ++k)
        out.f[k] = fn(float(a.valueAt(k)));
    return out;
}

std::vector<Tensor> one(Tensor t) { return single(std::move(t)); }

// Integer arithmetic of shape plumbing: an overflow is a malformed model, not undefined behaviour.
std::int64_t checkedInt(bool overflow, std::int64_t v, const Node& n)
{
    if (overflow)
        throw InputError(n.label() + ": integer overflow");
    return v;
}

const OpContract kUnary{{{"X"}}};
const OpContract kBinary{{{"A"}, {"B"}}};

} // namespace

void registerElementwiseOps(std::map<std::string, OpEntry>& r)
{
    r["Add"] = {kBinary, [](const Node& n, const Inputs& in, OpContext&) {
        return one(binary(n, in, [](float a, float b) { return a + b; },
                          [&](std::int64_t a, std::int64_t b) {
                              std::int64_t v = 0;
                              const bool overflow = __builtin_add_overflow(a, b, &v);
                              return checkedInt(overflow, v, n);
                          }));
    }};
    r["Sub"] = {kBinary, [](const Node& n, const Inputs& in, OpContext&) {
        return one(binary(n, in, [](float a, float b) { return a - b; },
                          [&](std::int64_t a, std::int64_t b) {
                              std::int64_t v = 0;
                              const bool overflow = __builtin_sub_overflow(a, b, &v);
                              return checkedInt(overflow, v, n);
                          }));
    }};
    r["Mul"] = {kBinary, [](const Node& n, const Inputs& in, OpContext&) {
        return one(binary(n, in, [](float a, float b) { return a * b; },
                          [&](std::int64_t a, std::int64_t b) {
                              std::int64_t v = 0;
                              const bool overflow = __builtin_mul_overflow(a, b, &v);
                              return checkedInt(overflow, v, n);
                          }));
    }};
    r["Div"] = {kBinary, [](const Node& n, const Inputs& in, OpContext&) {
        return one(binary(n, in, [](float a, float b) { return a / b; },
                          [&](std::int64_t a, std::int64_t b) {
                              if (b == 0)
                                  throw InputError(n.label() + ": integer division by zero");
                              return checkedInt(a == INT64_MIN && b == -1, a == INT64_MIN && b == -1 ? a : a / b, n);
                          }));
    }};
    r["Pow"] = {kBinary, [](const Node& n, const Inputs& in, OpContext&) {
        return one(binary(n, in, [](float a, float b) { return b == 2.0f ? a * a : std::pow(a, b); },
                          [&](std::int64_t a, std::int64_t b) {
                              const double v = std::pow(double(a), double(b));
                              if (!(std::abs(v) < 9.2e18))
                                  throw InputError(n.label() + ": integer overflow");
                              return std::int64_t(v);
                          }));
    }};
    r["Equal"] = {kBinary, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& a = input(n, in, 0);
        const Tensor& b = input(n, in, 1);
        const auto shape = broadcastShape(a.shape, b.shape, n.label());
        const auto ia = broadcastIndex(a.shape, shape), ib = broadcastIndex(b.shape, shape);
        Tensor out = Tensor::ints(shape);
        for (size_t k = 0; k < out.i.size(); ++k)
            out.i[k] = a.valueAt(ia[k]) == b.valueAt(ib[k]) ? 1 : 0;
        return one(std::move(out));
    }};
    r["Where"] = {OpContract{{{"condition"}, {"X"}, {"Y"}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& c = input(n, in, 0);
        const Tensor& x = input(n, in, 1);
        const Tensor& y = input(n, in, 2);
        const auto shape = broadcastShape(broadcastShape(c.shape, x.shape, n.label()), y.shape, n.label());
        const auto ic = broadcastIndex(c.shape, shape), ix = broadcastIndex(x.shape, shape), iy = broadcastIndex(y.shape, shape);
        if (!x.isFloat() && !y.isFloat()) {
            Tensor out = Tensor::ints(shape);
            for (size_t k = 0; k < out.i.size(); ++k)
                out.i[k] = c.valueAt(ic[k]) != 0 ? x.i[ix[k]] : y.i[iy[k]];
            return one(std::move(out));
        }
        Tensor out = Tensor::floats(shape);
        for (size_t k = 0; k < out.f.size(); ++k)
            out.f[k] = float(c.valueAt(ic[k]) != 0 ? x.valueAt(ix[k]) : y.valueAt(iy[k]));
        return one(std::move(out));
    }};
    r["Relu"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) { return one(unary(n, in, [](float v) { return v > 0 ? v : 0.0f; })); }};
    r["Sigmoid"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) {
        return one(unary(n, in, [](float v) { return 1.0f / (1.0f + std::exp(-v)); }));
    }};
    r["Tanh"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) { return one(unary(n, in, [](float v) { return std::tanh(v); })); }};
    r["Erf"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) { return one(unary(n, in, [](float v) { return std::erf(v); })); }};
    r["Sqrt"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) { return one(unary(n, in, [](float v) { return std::sqrt(v); })); }};
    r["Gelu"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) {
        const bool tanhApprox = n.has("approximate") && n.attrs.at("approximate").s == "tanh";
        return one(unary(n, in, [tanhApprox](float v) {
            if (tanhApprox)
                return 0.5f * v * (1.0f + std::tanh(0.7978845608f * (v + 0.044715f * v * v * v)));
            return 0.5f * v * (1.0f + std::erf(v * 0.70710678f));
        }));
    }};
    const OpContract clip{{{"input"}, {"min", ElemType::Any, 0, 1, true, 1}, {"max", ElemType::Any, 0, 1, true, 1}}};
    r["Clip"] = {clip, [](const Node& n, const Inputs& in, OpContext&) {
        float lo = n.floatAttr("min", -INFINITY), hi = n.floatAttr("max", INFINITY);
        if (in.size() > 1 && in[1])
            lo = float(in[1]->valueAt(0));
        if (in.size() > 2 && in[2])
            hi = float(in[2]->valueAt(0));
        return one(unary(n, in, [lo, hi](float v) { return std::min(std::max(v, lo), hi); }));
    }};
    r["Identity"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) { return one(input(n, in, 0)); }};
    r["Cast"] = {kUnary, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& a = input(n, in, 0);
        const std::int64_t to = n.intAttr("to", 1);
        // 1 float, 11 double -> float; 6 int32, 7 int64, 9 bool, 2/3 uint8/int8 -> int64.
        if (to == 1 || to == 11 || to == 10) {
            Tensor out = Tensor::floats(a.shape);
            for (size_t k = 0; k < out.f.size(); ++k)
                out.f[k] = float(a.valueAt(k));
            return one(std::move(out));
        }
        if (to == 6 || to == 7 || to == 9 || to == 2 || to == 3) {
            Tensor out = Tensor::ints(a.shape);
            for (size_t k = 0; k < out.i.size(); ++k)
                out.i[k] = to == 9 ? (a.valueAt(k) != 0 ? 1 : 0) : a.intAt(k);
            return one(std::move(out));
        }
        throw InputError(n.label() + ": unsupported cast target type " + std::to_string(to));
    }};
}

} // namespace kh::nn
