// Shape plumbing of exported graphs: Reshape, Flatten, Transpose, Concat, Shape, Gather, Unsqueeze,
// Squeeze, Slice, Expand, ConstantOfShape, Constant. Work on float and int64 tensors alike.
#include "common/InputError.h"
#include "nn/Broadcast.h"
#include "nn/OpHelpers.h"
#include "nn/OpRegistry.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace kh::nn {

namespace {

using Inputs = OpInputs;

const Tensor& input(const Node& n, const Inputs& in, size_t k) { return opInput(n, in, k); }

std::vector<std::int64_t> intsOf(const Tensor& t)
{
    std::vector<std::int64_t> v(t.size());
    for (size_t k = 0; k < v.size(); ++k)
        v[k] = t.intAt(k);
    return v;
}

std::vector<Tensor> one(Tensor t) { return single(std::move(t)); }

// Copies element 'from' of src to element 'to' of dst (same type).
inline void copyElement(const Tensor& src, size_t from, Tensor& dst, size_t to)
{
    if (src.isFloat())
        dst.f[to] = src.f[from];
    else
        dst.i[to] = src.i[from];
}

Tensor like(const Tensor& t, std::vector<std::int64_t> shape)
{
    return t.isFloat() ? Tensor::floats(std::move(shape)) : Tensor::ints(std::move(shape));
}

std::vector<std::int64_t> stridesOf(const std::vector<std::int64_t>& shape)
{
    std::vector<std::int64_t> s(shape.size(), 1);
    for (size_t k = shape.size(); k-- > 1;)
        s[k - 1] = s[k] * shape[k];
    return s;
}

Tensor reshaped(const Node& n, const Tensor& t, std::vector<std::int64_t> shape)
{
    std::int64_t known = 1;
    int infer = -1;
    for (size_t k = 0; k < shape.size(); ++k) {
        if (shape[k] == 0 && !(n.intAttr("allowzero", 0)))
            shape[k] = k < t.shape.size() ? t.shape[k] : 1;
        if (shape[k] == -1) {
            if (infer >= 0)
                throw InputError(n.label() + ": more than one -1 in the target shape");
            infer = int(k);
        } else if (shape[k] < 0) {
            throw InputError(n.label() + ": negative dimension in the target shape");
        } else if (__builtin_mul_overflow(known, shape[k], &known)) {
            throw InputError(n.label() + ": target shape " + shapeText(shape) + " overflows");
        }
    }
    if (infer >= 0)
        shape[size_t(infer)] = known == 0 ? 0 : std::int64_t(t.size()) / known;
    if (std::int64_t(t.size()) != known * (infer >= 0 ? shape[size_t(infer)] : 1))
        throw InputError(n.label() + ": cannot reshape " + shapeText(t.shape) + " to " + shapeText(shape));
    Tensor out = t;
    out.shape = shape;
    return out;
}

} // namespace

void registerShapeOps(std::map<std::string, OpEntry>& r)
{
    r["Reshape"] = {OpContract{{{"data"}, {"shape", ElemType::Any, 1, 1}}}, [](const Node& n, const Inputs& in, OpContext&) {
        return one(reshaped(n, input(n, in, 0), intsOf(input(n, in, 1))));
    }};
    r["Flatten"] = {OpContract{{{"input"}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& t = input(n, in, 0);
        const int axis = normalizeAxis(n.intAttr("axis", 1), t.rank() + 1, n.label());
        std::int64_t a = 1, b = 1;
        for (int k = 0; k < t.rank(); ++k)
            (k < axis ? a : b) *= t.shape[size_t(k)];
        Tensor out = t;
        out.shape = {a, b};
        return one(std::move(out));
    }};
    r["Transpose"] = {OpContract{{{"data"}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& t = input(n, in, 0);
        std::vector<std::int64_t> perm = n.intsAttr("perm");
        if (perm.empty()) {
            perm.resize(t.shape.size());
            std::iota(perm.rbegin(), perm.rend(), 0);
        }
        if (perm.size() != t.shape.size())
            throw InputError(n.label() + ": perm has the wrong length");
        std::vector<bool> seen(perm.size(), false);
        for (std::int64_t p : perm) {
            if (p < 0 || p >= t.rank() || seen[size_t(p)])
                throw InputError(n.label() + ": perm " + shapeText(perm) + " is not a permutation of the " + std::to_string(t.rank()) + " axes");
            seen[size_t(p)] = true;
        }
        std::vector<std::int64_t> shape(perm.size());
        for (size_t k = 0; k < perm.size(); ++k)
            shape[k] = t.shape[size_t(perm[k])];
        Tensor out = like(t, shape);
        const auto inStride = stridesOf(t.shape);
        std::vector<std::int64_t> srcStride(perm.size());
        for (size_t k = 0; k < perm.size(); ++k)
            srcStride[k] = inStride[size_t(perm[k])];
        std::vector<std::int64_t> counter(shape.size(), 0);
        std::int64_t src = 0;
        for (size_t flat = 0; flat < out.size(); ++flat) {
            copyElement(t, size_t(src), out, flat);
            for (size_t k = shape.size(); k-- > 0;) {
                if (++counter[k] < shape[k]) {
                    src += srcStride[k];
                    break;
                }
                src -= srcStride[k] * (shape[k] - 1);
                counter[k] = 0;
            }
        }
        return one(std::move(out));
    }};
    r["Concat"] = {OpContract{{{"inputs", ElemType::Any, 1}}, true}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& first = input(n, in, 0);
        const int axis = normalizeAxis(n.intAttr("axis", 0), first.rank(), n.label());
        std::vector<std::int64_t> shape = first.shape;
        shape[size_t(axis)] = 0;
        bool anyFloat = false;
        for (const Tensor* t : in) {
            if (!t)
                continue;
            if (t->rank() != first.rank())
                throw InputError(n.label() + ": inputs of different rank");
            for (int k = 0; k < first.rank(); ++k)
                if (k != axis && t->shape[size_t(k)] != first.shape[size_t(k)])
                    throw InputError(n.label() + ": input shapes " + shapeText(first.shape) + " and " + shapeText(t->shape)
                                     + " differ outside axis " + std::to_string(axis));
            shape[size_t(axis)] += t->shape[size_t(axis)];
            anyFloat = anyFloat || t->isFloat();
        }
        Tensor out = anyFloat ? Tensor::floats(shape) : Tensor::ints(shape);
        std::int64_t outer = 1, inner = 1;
        for (int k = 0; k < axis; ++k)
            outer *= shape[size_t(k)];
        for (int k = axis + 1; k < first.rank(); ++k)
            inner *= shape[size_t(k)];
        std::int64_t offset = 0;
        for (const Tensor* t : in) {
            if (!t)
                continue;
            const std::int64_t chunk = t->shape[size_t(axis)] * inner;
            for (std::int64_t o = 0; o < outer; ++o)
                for (std::int64_t k = 0; k < chunk; ++k) {
                    const size_t to = size_t(o * shape[size_t(axis)] * inner + offset + k), from = size_t(o * chunk + k);
                    if (anyFloat)
                        out.f[to] = float(t->valueAt(from));
                    else
                        out.i[to] = t->i[from];
                }
            offset += chunk;
        }
        return one(std::move(out));
    }};
    r["Shape"] = {OpContract{{{"data"}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& t = input(n, in, 0);
        const std::int64_t rank = t.rank();
        std::int64_t start = n.intAttr("start", 0), end = n.intAttr("end", rank);
        start = std::clamp(start < 0 ? start + rank : start, std::int64_t(0), rank);
        end = std::clamp(end < 0 ? end + rank : end, std::int64_t(0), rank);
        std::vector<std::int64_t> dims(t.shape.begin() + start, t.shape.begin() + std::max(start, end));
        return one(Tensor::ints({std::int64_t(dims.size())}, dims.empty() ? std::vector<std::int64_t>{} : dims));
    }};
    r["Gather"] = {OpContract{{{"data", ElemType::Any, 1}, {"indices"}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& data = input(n, in, 0);
        const Tensor& idx = input(n, in, 1);
        const int axis = normalizeAxis(n.intAttr("axis", 0), data.rank(), n.label());
        std::vector<std::int64_t> shape(data.shape.begin(), data.shape.begin() + axis);
        shape.insert(shape.end(), idx.shape.begin(), idx.shape.end());
        shape.insert(shape.end(), data.shape.begin() + axis + 1, data.shape.end());
        Tensor out = like(data, shape);
        std::int64_t outer = 1, inner = 1;
        for (int k = 0; k < axis; ++k)
            outer *= data.shape[size_t(k)];
        for (int k = axis + 1; k < data.rank(); ++k)
            inner *= data.shape[size_t(k)];
        const std::int64_t dim = data.shape[size_t(axis)];
        const size_t count = idx.size();
        for (std::int64_t o = 0; o < outer; ++o)
            for (size_t j = 0; j < count; ++j) {
                std::int64_t g = idx.intAt(j);
                if (g < 0)
                    g += dim;
                if (g < 0 || g >= dim)
                    throw InputError(n.label() + ": index " + std::to_string(idx.intAt(j)) + " out of range");
                for (std::int64_t k = 0; k < inner; ++k)
                    copyElement(data, size_t((o * dim + g) * inner + k), out, size_t((o * std::int64_t(count) + std::int64_t(j)) * inner + k));
            }
        return one(std::move(out));
    }};
    r["Unsqueeze"] = {OpContract{{{"data"}, {"axes", ElemType::Any, 0, 1, true}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& t = input(n, in, 0);
        std::vector<std::int64_t> axes = in.size() > 1 && in[1] ? intsOf(*in[1]) : n.intsAttr("axes");
        const int rank = t.rank() + int(axes.size());
        for (auto& a : axes)
            a = normalizeAxis(a, rank, n.label());
        std::sort(axes.begin(), axes.end());
        if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
            throw InputError(n.label() + ": repeated axis");
        std::vector<std::int64_t> shape = t.shape;
        for (std::int64_t a : axes)
            shape.insert(shape.begin() + a, 1);
        Tensor out = t;
        out.shape = shape;
        return one(std::move(out));
    }};
    r["Squeeze"] = {OpContract{{{"data"}, {"axes", ElemType::Any, 0, 1, true}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& t = input(n, in, 0);
        std::vector<std::int64_t> axes = in.size() > 1 && in[1] ? intsOf(*in[1]) : n.intsAttr("axes");
        std::vector<bool> drop(t.shape.size(), false);
        if (axes.empty())
            for (size_t k = 0; k < t.shape.size(); ++k)
                drop[k] = t.shape[k] == 1;
        for (std::int64_t a : axes) {
            const int axis = normalizeAxis(a, t.rank(), n.label());
            if (t.shape[size_t(axis)] != 1)
                throw InputError(n.label() + ": cannot squeeze axis " + std::to_string(a) + " of " + shapeText(t.shape));
            drop[size_t(axis)] = true;
        }
        Tensor out = t;
        out.shape.clear();
        for (size_t k = 0; k < t.shape.size(); ++k)
            if (!drop[k])
                out.shape.push_back(t.shape[k]);
        return one(std::move(out));
    }};
    r["Slice"] = {OpContract{{{"data"}, {"starts", ElemType::Any, 1, 1}, {"ends", ElemType::Any, 1, 1}, {"axes", ElemType::Any, 1, 1, true}, {"steps", ElemType::Any, 1, 1, true}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& t = input(n, in, 0);
        const std::vector<std::int64_t> starts = intsOf(input(n, in, 1)), ends = intsOf(input(n, in, 2));
        std::vector<std::int64_t> axes = in.size() > 3 && in[3] ? intsOf(*in[3]) : std::vector<std::int64_t>{};
        std::vector<std::int64_t> steps = in.size() > 4 && in[4] ? intsOf(*in[4]) : std::vector<std::int64_t>{};
        if (axes.empty())
            for (size_t k = 0; k < starts.size(); ++k)
                axes.push_back(std::int64_t(k));
        if (steps.empty())
            steps.assign(starts.size(), 1);
        if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
            throw InputError(n.label() + ": starts/ends/axes/steps lengths differ");
        std::vector<std::int64_t> begin(t.shape.size(), 0), step(t.shape.size(), 1), shape = t.shape;
        for (size_t k = 0; k < starts.size(); ++k) {
            const size_t a = size_t(normalizeAxis(axes[k], t.rank(), n.label()));
            // A step beyond the dimension takes one element, as any step ≥ dim does; clamping it
            // keeps the arithmetic below far from overflow.
            const std::int64_t dim = t.shape[a], st = std::clamp(steps[k], -(std::int64_t(1) << 40), std::int64_t(1) << 40);
            if (st == 0)
                throw InputError(n.label() + ": step 0");
            auto clampIndex = [&](std::int64_t v, bool isEnd) {
                if (v < 0)
                    v += dim;
                return st > 0 ? std::clamp(v, std::int64_t(0), dim) : std::clamp(v, std::int64_t(isEnd ? -1 : 0), dim - 1);
            };
            const std::int64_t s = clampIndex(starts[k], false), e = clampIndex(ends[k], true);
            begin[a] = s;
            step[a] = st;
            shape[a] = st > 0 ? std::max<std::int64_t>(0, (e - s + st - 1) / st) : std::max<std::int64_t>(0, (s - e - st - 1) / -st);
        }
        Tensor out = like(t, shape);
        const auto stride = stridesOf(t.shape);
        std::vector<std::int64_t> counter(shape.size(), 0);
        for (size_t flat = 0; flat < out.size(); ++flat) {
            std::int64_t src = 0;
            for (size_t k = 0; k < shape.size(); ++k)
                src += (begin[k] + counter[k] * step[k]) * stride[k];
            copyElement(t, size_t(src), out, flat);
            for (size_t k = shape.size(); k-- > 0;) {
                if (++counter[k] < shape[k])
                    break;
                counter[k] = 0;
            }
        }
        return one(std::move(out));
    }};
    r["Expand"] = {OpContract{{{"input"}, {"shape", ElemType::Any, 1, 1}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& t = input(n, in, 0);
        const auto shape = broadcastShape(t.shape, intsOf(input(n, in, 1)), n.label());
        const auto idx = broadcastIndex(t.shape, shape);
        Tensor out = like(t, shape);
        for (size_t k = 0; k < out.size(); ++k)
            copyElement(t, idx[k], out, k);
        return one(std::move(out));
    }};
    r["ConstantOfShape"] = {OpContract{{{"input", ElemType::Any, 0, 1}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const std::vector<std::int64_t> shape = intsOf(input(n, in, 0));
        for (std::int64_t d : shape)
            if (d < 0)
                throw InputError(n.label() + ": negative dimension");
        if (n.has("value") && n.attrs.at("value").hasTensor && !n.attrs.at("value").t.isFloat()) {
            Tensor out = Tensor::ints(shape);
            std::fill(out.i.begin(), out.i.end(), n.attrs.at("value").t.i.empty() ? 0 : n.attrs.at("value").t.i[0]);
            return one(std::move(out));
        }
        Tensor out = Tensor::floats(shape);
        const float v = n.has("value") && n.attrs.at("value").hasTensor && !n.attrs.at("value").t.f.empty() ? n.attrs.at("value").t.f[0] : 0.0f;
        std::fill(out.f.begin(), out.f.end(), v);
        return one(std::move(out));
    }};
    r["Constant"] = {OpContract{}, [](const Node& n, const Inputs&, OpContext&) {
        if (n.has("value") && n.attrs.at("value").hasTensor)
            return one(n.attrs.at("value").t);
        if (n.has("value_float"))
            return one(Tensor::floats({}, {n.attrs.at("value_float").f}));
        if (n.has("value_floats"))
            return one(Tensor::floats({std::int64_t(n.attrs.at("value_floats").floats.size())}, n.attrs.at("value_floats").floats));
        if (n.has("value_int"))
            return one(Tensor::ints({}, {n.attrs.at("value_int").i}));
        if (n.has("value_ints"))
            return one(Tensor::ints({std::int64_t(n.attrs.at("value_ints").ints.size())}, n.attrs.at("value_ints").ints));
        throw InputError(n.label() + ": no supported value attribute");
    }};
}

} // namespace kh::nn
