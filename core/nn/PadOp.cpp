// Pad (ONNX opsets 2–18): constant, reflect and edge modes on tensors of any rank, negative pads
// crop. PyTorch exports a zero Pad in front of AveragePool for F.avg_pool2d with padding and for
// the option-A shortcut of CIFAR ResNets, and reflect pads in image-to-image networks.
#include "common/InputError.h"
#include "nn/Broadcast.h"
#include "nn/OpHelpers.h"
#include "nn/OpRegistry.h"
#include "nn/TensorLimits.h"

#include <map>

namespace kh::nn {

namespace {

enum class PadMode { Constant, Reflect, Edge };

PadMode padMode(const Node& n)
{
    const std::string mode = n.has("mode") ? n.attrs.at("mode").s : "constant";
    if (mode == "constant")
        return PadMode::Constant;
    if (mode == "reflect")
        return PadMode::Reflect;
    if (mode == "edge")
        return PadMode::Edge;
    throw InputError(n.label() + ": mode '" + mode + "' is not one of constant, reflect, edge");
}

// Pads per axis (begin, end), from the 'pads' input (opset 11+) or attribute, over 'axes' if given.
void padsOf(const Node& n, const OpInputs& in, int rank, std::vector<std::int64_t>& begin, std::vector<std::int64_t>& end)
{
    std::vector<std::int64_t> pads;
    if (in.size() > 1 && in[1])
        for (size_t k = 0; k < in[1]->size(); ++k)
            pads.push_back(in[1]->intAt(k));
    else
        pads = n.intsAttr("pads");
    std::vector<std::int64_t> axes;
    if (in.size() > 3 && in[3])
        for (size_t k = 0; k < in[3]->size(); ++k)
            axes.push_back(normalizeAxis(in[3]->intAt(k), rank, n.label()));
    else
        for (int a = 0; a < rank; ++a)
            axes.push_back(a);
    if (pads.size() != 2 * axes.size())
        throw InputError(n.label() + ": pads has " + std::to_string(pads.size()) + " values, " + std::to_string(2 * axes.size())
                         + " expected (begin and end of each padded axis)");
    begin.assign(size_t(rank), 0);
    end.assign(size_t(rank), 0);
    for (size_t k = 0; k < axes.size(); ++k) {
        begin[size_t(axes[k])] = pads[k];
        end[size_t(axes[k])] = pads[k + axes.size()];
    }
}

// The source index along an axis of 'size' elements for i = output index − begin pad; -1 where the
// constant value goes.
std::int64_t sourceIndex(std::int64_t i, std::int64_t size, PadMode mode)
{
    if (i >= 0 && i < size)
        return i;
    switch (mode) {
    case PadMode::Constant: return -1;
    case PadMode::Edge: return i < 0 ? 0 : size - 1;
    case PadMode::Reflect: return i < 0 ? -i : 2 * (size - 1) - i;   // pads < size, checked before
    }
    return -1;
}

std::vector<Tensor> pad(const Node& n, const OpInputs& in, OpContext&)
{
    const Tensor& x = opInput(n, in, 0);
    const int rank = x.rank();
    const PadMode mode = padMode(n);
    std::vector<std::int64_t> begin, end;
    padsOf(n, in, rank, begin, end);
    std::vector<std::int64_t> shape(static_cast<size_t>(rank));
    // Bounds that no network comes near keep the index arithmetic far from overflow.
    constexpr std::int64_t kMaxPad = std::int64_t(1) << 24;
    for (int a = 0; a < rank; ++a) {
        const std::int64_t size = x.shape[size_t(a)], b = begin[size_t(a)], e = end[size_t(a)];
        if (b > kMaxPad || e > kMaxPad || b < -size || e < -size)
            throw InputError(n.label() + ": pad " + std::to_string(b) + ", " + std::to_string(e) + " on axis " + std::to_string(a)
                             + " of size " + std::to_string(size) + " is out of range");
        shape[size_t(a)] = size + b + e;
        if (shape[size_t(a)] < 0)
            throw InputError(n.label() + ": axis " + std::to_string(a) + " would have a negative size");
        const bool grows = b > 0 || e > 0;
        if (grows && mode != PadMode::Constant && size == 0)
            throw InputError(n.label() + ": cannot " + (mode == PadMode::Edge ? "repeat the edge of" : "reflect") + " an empty axis");
        if (mode == PadMode::Reflect && (b >= size || e >= size) && grows)
            throw InputError(n.label() + ": reflect pads must be smaller than the axis (" + std::to_string(size) + ")");
    }
    checkedElementCount(shape);
    double value = 0;
    if (in.size() > 2 && in[2] && in[2]->size() > 0)
        value = in[2]->valueAt(0);
    else if (n.has("value"))
        value = n.floatAttr("value", 0.0f);
    Tensor out = x.isFloat() ? Tensor::floats(shape) : Tensor::ints(shape);
    std::vector<std::int64_t> inStride(static_cast<size_t>(rank), 1);
    for (int a = rank - 1; a > 0; --a)
        inStride[size_t(a - 1)] = inStride[size_t(a)] * x.shape[size_t(a)];
    std::vector<std::int64_t> counter(static_cast<size_t>(rank), 0);
    for (size_t flat = 0; flat < out.size(); ++flat) {
        std::int64_t src = 0;
        for (int a = 0; a < rank && src >= 0; ++a) {
            const std::int64_t s = sourceIndex(counter[size_t(a)] - begin[size_t(a)], x.shape[size_t(a)], mode);
            src = s < 0 ? -1 : src + s * inStride[size_t(a)];
        }
        if (x.isFloat())
            out.f[flat] = src < 0 ? float(value) : x.f[size_t(src)];
        else
            out.i[flat] = src < 0 ? std::int64_t(value) : x.i[size_t(src)];
        for (int a = rank - 1; a >= 0; --a) {
            if (++counter[size_t(a)] < shape[size_t(a)])
                break;
            counter[size_t(a)] = 0;
        }
    }
    return single(std::move(out));
}

} // namespace

void registerPadOp(std::map<std::string, OpEntry>& r)
{
    r["Pad"] = {OpContract{{{"data"}, {"pads", ElemType::Int, 1, 1, true}, {"constant_value", ElemType::Any, 0, 1, true},
                            {"axes", ElemType::Int, 1, 1, true}}},
                pad};
}

} // namespace kh::nn
