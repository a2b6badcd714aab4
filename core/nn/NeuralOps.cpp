// Network operators: Conv, Gemm, MatMul (linear layers go through the LinearHook), pooling,
// BatchNormalization, Softmax, ReduceMean, LayerNormalization.
#include "common/InputError.h"
#include "nn/Broadcast.h"
#include "nn/OpHelpers.h"
#include "nn/OpRegistry.h"
#include "nn/TensorLimits.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <omp.h>

namespace kh::nn {

namespace {

using Inputs = OpInputs;
// Rows of the unrolled input handed to a linear layer at once: bounds memory, and a fixed size
// keeps results independent of thread count.
constexpr std::int64_t kChunkRows = 8192;

const Tensor& input(const Node& n, const Inputs& in, size_t k) { return opInput(n, in, k); }

const Tensor& floatInput(const Node& n, const Inputs& in, size_t k)
{
    const Tensor& t = input(n, in, k);
    if (!t.isFloat())
        throw InputError(n.label() + ": input " + std::to_string(k) + " must be float");
    return t;
}

std::vector<Tensor> one(Tensor t) { return single(std::move(t)); }

// y (rows × out) = x (rows × in) · Wᵀ through the hook (if any) in fixed-size chunks.
void linear(const LinearLayerInfo& info, const float* x, std::int64_t rows, float* y, OpContext& ctx)
{
    for (std::int64_t r0 = 0; r0 < rows; r0 += kChunkRows) {
        const int r = int(std::min(kChunkRows, rows - r0));
        if (ctx.hook)
            ctx.hook->matmul(info, x + r0 * info.in, r, y + r0 * info.out);
        else
            floatLinear(x + r0 * info.in, r, info.in, info.weight, info.out, y + r0 * info.out);
    }
}

struct Window {
    std::int64_t kh, kw, sh, sw, pt, pl, pb, pr, dh = 1, dw = 1;
};

// padsBelowKernel: pooling requires every pad to be smaller than the kernel's extent (as PyTorch
// and ONNX Runtime do), so each output reads at least one input and the window loops stay bounded;
// a convolution may pad more (PyTorch allows it; its work is bounded by checkWork).
Window windowOf(const Node& n, std::int64_t h, std::int64_t w, std::int64_t kh, std::int64_t kw, bool padsBelowKernel)
{
    const auto strides = n.intsAttr("strides", {1, 1});
    const auto dil = n.intsAttr("dilations", {1, 1});
    auto pads = n.intsAttr("pads", {0, 0, 0, 0});
    if (strides.size() != 2 || pads.size() != 4 || dil.size() != 2)
        throw InputError(n.label() + ": only 2-D windows are supported");
    Window win{kh, kw, strides[0], strides[1], pads[0], pads[1], pads[2], pads[3], dil[0], dil[1]};
    // Bounds that no real network comes near keep the window arithmetic far from overflow.
    constexpr std::int64_t kMaxWindow = std::int64_t(1) << 20;
    if (win.sh < 1 || win.sw < 1 || win.kh < 1 || win.kw < 1 || win.dh < 1 || win.dw < 1 || win.sh > kMaxWindow || win.sw > kMaxWindow
        || win.kh > kMaxWindow || win.kw > kMaxWindow || win.dh > kMaxWindow || win.dw > kMaxWindow)
        throw InputError(n.label() + ": invalid kernel, stride or dilation");
    const std::string autoPad = n.has("auto_pad") ? n.attrs.at("auto_pad").s : "NOTSET";
    if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
        for (int a = 0; a < 2; ++a) {
            const std::int64_t size = a ? w : h, s = a ? win.sw : win.sh, k = (a ? win.kw - 1 : win.kh - 1) * (a ? win.dw : win.dh) + 1;
            const std::int64_t out = (size + s - 1) / s, total = std::max<std::int64_t>(0, (out - 1) * s + k - size);
            const std::int64_t small = total / 2, big = total - small;
            (a ? win.pl : win.pt) = autoPad == "SAME_UPPER" ? small : big;
            (a ? win.pr : win.pb) = autoPad == "SAME_UPPER" ? big : small;
        }
    }
    const std::int64_t extentH = (win.kh - 1) * win.dh + 1, extentW = (win.kw - 1) * win.dw + 1;
    const std::int64_t maxPadH = padsBelowKernel ? extentH - 1 : kMaxWindow, maxPadW = padsBelowKernel ? extentW - 1 : kMaxWindow;
    for (std::int64_t p : {win.pt, win.pb})
        if (p < 0 || p > maxPadH)
            throw InputError(n.label() + ": pad " + std::to_string(p) + " outside [0, " + std::to_string(maxPadH) + "]");
    for (std::int64_t p : {win.pl, win.pr})
        if (p < 0 || p > maxPadW)
            throw InputError(n.label() + ": pad " + std::to_string(p) + " outside [0, " + std::to_string(maxPadW) + "]");
    return win;
}

std::int64_t outSize(std::int64_t in, std::int64_t k, std::int64_t s, std::int64_t p0, std::int64_t p1, std::int64_t d, bool ceil)
{
    const std::int64_t eff = (k - 1) * d + 1, span = in + p0 + p1 - eff;
    if (span < 0)
        return 0;
    return (ceil ? (span + s - 1) / s : span / s) + 1;
}

std::vector<Tensor> conv(const Node& n, const Inputs& in, OpContext& ctx)
{
    const Tensor& x = floatInput(n, in, 0);
    const Tensor& w = floatInput(n, in, 1);
    if (x.rank() != 4 || w.rank() != 4)
        throw InputError(n.label() + ": only 2-D convolutions (NCHW) are supported");
    const std::int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
    const std::int64_t M = w.shape[0], kh = w.shape[2], kw = w.shape[3];
    if (C < 1 || M < 1)
        throw InputError(n.label() + ": needs at least one input and one output channel");
    // Grouped (and depthwise) convolution: group g maps channels [g·C/G, (g+1)·C/G) to outputs
    // [g·M/G, (g+1)·M/G), each group its own linear layer (its own arrays on the chip).
    const std::int64_t G = n.intAttr("group", 1);
    if (G < 1 || C % G != 0 || M % G != 0)
        throw InputError(n.label() + ": group " + std::to_string(G) + " must divide the " + std::to_string(C) + " input and "
                         + std::to_string(M) + " output channels");
    const std::int64_t Cg = C / G, Mg = M / G;
    if (w.shape[1] != Cg)
        throw InputError(n.label() + ": weight expects " + std::to_string(w.shape[1]) + " input channels per group, got "
                         + std::to_string(Cg));
    const Window win = windowOf(n, H, W, kh, kw, false);
    const std::int64_t Ho = outSize(H, kh, win.sh, win.pt, win.pb, win.dh, false), Wo = outSize(W, kw, win.sw, win.pl, win.pr, win.dw, false);
    const std::int64_t K = Cg * kh * kw, rows = N * Ho * Wo;
    Tensor out = Tensor::floats({N, M, Ho, Wo});
    checkWork({rows, K, M}, "the convolution");
    // A hook sees the layer in chunks of kChunkRows (its statistics and noise draws are fixed by
    // them). The float product's results depend only on its fixed 256-row blocks (FloatGemm.cpp),
    // so without a hook the chunks shrink to keep the unrolled rows near 8 MB, in cache, not the
    // 150 MB of 8192 rows of a 3×3×512 conv; enough blocks remain for every thread.
    std::int64_t chunkRows = kChunkRows;
    if (!ctx.hook) {
        constexpr std::int64_t kBlock = 256, kTargetFloats = std::int64_t(1) << 21;
        const std::int64_t wanted = std::max<std::int64_t>(kTargetFloats / K, kBlock * omp_get_max_threads());
        chunkRows = std::clamp<std::int64_t>(wanted / kBlock * kBlock, kBlock, kChunkRows);
    }
    chunkRows = std::min(rows, chunkRows);
    std::vector<float> patches(size_t(checkedSizeProduct(chunkRows, K))), y(size_t(checkedSizeProduct(chunkRows, Mg))), prepared;
    const Tensor* bias = in.size() > 2 ? in[2] : nullptr;
    if (bias && (!bias->isFloat() || std::int64_t(bias->f.size()) != M))
        throw InputError(n.label() + ": bias must hold " + std::to_string(M) + " floats");
    // How many unrolled rows read each input row / column (for a hook's input statistics; only
    // a hook needs them).
    std::vector<int> rowUses(ctx.hook ? size_t(H) : 0, 0), colUses(ctx.hook ? size_t(W) : 0, 0);
    for (std::int64_t oy = 0; ctx.hook && oy < Ho; ++oy)
        for (std::int64_t i = 0; i < kh; ++i)
            if (const std::int64_t iy = oy * win.sh - win.pt + i * win.dh; iy >= 0 && iy < H)
                ++rowUses[size_t(iy)];
    for (std::int64_t ox = 0; ctx.hook && ox < Wo; ++ox)
        for (std::int64_t j = 0; j < kw; ++j)
            if (const std::int64_t ix = ox * win.sw - win.pl + j * win.dw; ix >= 0 && ix < W)
                ++colUses[size_t(ix)];
    const int tableLayer = ctx.nextLayer++;
    for (std::int64_t g = 0; g < G; ++g) {
        LinearLayerInfo info{ctx.nextLinear++, G > 1 ? n.name + "/group" + std::to_string(g) : n.name, int(Mg), int(K), true, int(Cg),
                             int(kh), int(kw), w.f.data() + size_t(g * Mg * K), n.outputs.empty() ? std::string() : n.outputs[0],
                             int(g), int(G)};
        info.layer = tableLayer;
        info.inH = int(H);
        info.inW = int(W);
        info.outH = int(Ho);
        info.outW = int(Wo);
        info.strideH = int(win.sh);
        info.strideW = int(win.sw);
        // The group's channels of image b start at src + b · imageStride (the hook may have
        // transformed them once, before the unrolling copies them).
        const float* src = x.f.data() + size_t(g * Cg * H * W);
        std::int64_t imageStride = C * H * W;
        if (ctx.hook) {
            prepared.resize(size_t(N * Cg * H * W));
            const ConvInputMap map{src, int(N), int(Cg), int(H), int(W), size_t(imageStride), &rowUses, &colUses};
            if (ctx.hook->prepareConvInput(info, map, prepared.data())) {
                info.inputsPrepared = true;
                src = prepared.data();
                imageStride = Cg * H * W;
            }
        }
        // Unrolled and multiplied one chunk of rows at a time: the unrolled input of a whole
        // batch would be kh·kw times the input map (gigabytes for a 224×224 batch of 100).
        for (std::int64_t r0 = 0; r0 < rows; r0 += chunkRows) {
            const std::int64_t chunk = std::min(chunkRows, rows - r0);
#pragma omp parallel for schedule(static)
            for (std::int64_t r = r0; r < r0 + chunk; ++r) {
                const std::int64_t b = r / (Ho * Wo), oy = (r / Wo) % Ho, ox = r % Wo;
                float* dst = &patches[size_t((r - r0) * K)];
                for (std::int64_t c = 0; c < Cg; ++c)
                    for (std::int64_t i = 0; i < kh; ++i) {
                        const std::int64_t iy = oy * win.sh - win.pt + i * win.dh;
                        for (std::int64_t j = 0; j < kw; ++j) {
                            const std::int64_t ix = ox * win.sw - win.pl + j * win.dw;
                            const bool inside = iy >= 0 && iy < H && ix >= 0 && ix < W;
                            dst[(c * kh + i) * kw + j] = inside ? src[size_t(b * imageStride + (c * H + iy) * W + ix)] : 0.0f;
                        }
                    }
            }
            linear(info, patches.data(), chunk, y.data(), ctx);
            // Back to N×C×H×W in tiles of rows, so each thread writes runs of one channel.
            constexpr std::int64_t kTile = 64;
#pragma omp parallel for schedule(static)
            for (std::int64_t t0 = r0; t0 < r0 + chunk; t0 += kTile) {
                const std::int64_t t1 = std::min(t0 + kTile, r0 + chunk);
                for (std::int64_t m = 0; m < Mg; ++m) {
                    const std::int64_t channel = g * Mg + m;
                    const float add = bias ? bias->f[size_t(channel)] : 0.0f;
                    for (std::int64_t r = t0; r < t1; ++r) {
                        const std::int64_t b = r / (Ho * Wo), pos = r % (Ho * Wo);
                        out.f[size_t((b * M + channel) * Ho * Wo + pos)] = y[size_t((r - r0) * Mg + m)] + add;
                    }
                }
            }
        }
    }
    return one(std::move(out));
}

std::vector<Tensor> gemm(const Node& n, const Inputs& in, OpContext& ctx)
{
    const Tensor& a = floatInput(n, in, 0);
    const Tensor& b = floatInput(n, in, 1);
    if (a.rank() != 2 || b.rank() != 2)
        throw InputError(n.label() + ": Gemm needs 2-D inputs");
    const bool ta = n.intAttr("transA", 0) != 0, tb = n.intAttr("transB", 0) != 0;
    const float alpha = n.floatAttr("alpha", 1.0f), beta = n.floatAttr("beta", 1.0f);
    const std::int64_t M = ta ? a.shape[1] : a.shape[0], K = ta ? a.shape[0] : a.shape[1];
    const std::int64_t Kb = tb ? b.shape[1] : b.shape[0], N = tb ? b.shape[0] : b.shape[1];
    if (K != Kb)
        throw InputError(n.label() + ": inner dimensions " + std::to_string(K) + " and " + std::to_string(Kb) + " differ");
    if (K < 1)
        throw InputError(n.label() + ": inner dimension 0");
    // C must broadcast to the M × N output by itself (ONNX's unidirectional broadcasting).
    const Tensor* c = in.size() > 2 ? in[2] : nullptr;
    if (c && broadcastShape(c->shape, {M, N}, n.label()) != std::vector<std::int64_t>{M, N})
        throw InputError(n.label() + ": C of shape " + shapeText(c->shape) + " does not broadcast to the output " + shapeText({M, N}));
    checkWork({M, K, N}, "the Gemm");
    std::vector<float> xa(a.f);
    if (ta) {
        for (std::int64_t i = 0; i < M; ++i)
            for (std::int64_t k = 0; k < K; ++k)
                xa[size_t(i * K + k)] = a.f[size_t(k * M + i)];
    }
    std::vector<float> wt;
    const float* weight = b.f.data();
    if (!tb) {
        wt.resize(b.f.size());
        for (std::int64_t k = 0; k < K; ++k)
            for (std::int64_t j = 0; j < N; ++j)
                wt[size_t(j * K + k)] = b.f[size_t(k * N + j)];
        weight = wt.data();
    }
    Tensor out = Tensor::floats({M, N});
    LinearLayerInfo info{0, n.name, int(N), int(K), false, int(K), 1, 1, weight, n.outputs.empty() ? std::string() : n.outputs[0]};
    if (ctx.isConstant(1)) {
        info.index = ctx.nextLinear++;
        info.layer = ctx.nextLayer++;
        linear(info, xa.data(), M, out.f.data(), ctx);
    } else {
        if (ctx.hook)
            ctx.hook->digitalMatmul(n.name, 1, M, K, N);
        floatLinear(xa.data(), int(M), int(K), weight, int(N), out.f.data());
    }
    if (alpha != 1.0f)
        for (float& v : out.f)
            v *= alpha;
    if (c) {
        const auto idx = broadcastIndex(c->shape, out.shape);
        for (size_t k = 0; k < out.f.size(); ++k)
            out.f[k] += beta * float(c->valueAt(idx[k]));
    }
    return one(std::move(out));
}

std::vector<Tensor> matmul(const Node& n, const Inputs& in, OpContext& ctx)
{
    const Tensor& a = floatInput(n, in, 0);
    const Tensor& b = floatInput(n, in, 1);
    if (a.rank() < 1 || b.rank() < 1)
        throw InputError(n.label() + ": scalar operands");
    if (b.rank() == 2 && ctx.isConstant(1)) {
        // Activation × constant weight: a linear layer on the arrays.
        const std::int64_t K = b.shape[0], N = b.shape[1];
        if (a.shape.back() != K)
            throw InputError(n.label() + ": inner dimensions differ");
        if (K < 1)
            throw InputError(n.label() + ": inner dimension 0");
        checkWork({std::int64_t(a.size()) / K, K, N}, "the MatMul");
        std::vector<float> wt(b.f.size());
        for (std::int64_t k = 0; k < K; ++k)
            for (std::int64_t j = 0; j < N; ++j)
                wt[size_t(j * K + k)] = b.f[size_t(k * N + j)];
        std::vector<std::int64_t> shape = a.shape;
        shape.back() = N;
        Tensor out = Tensor::floats(shape);
        LinearLayerInfo info{ctx.nextLinear++, n.name, int(N), int(K), false, int(K), 1, 1, wt.data(), n.outputs.empty() ? std::string() : n.outputs[0]};
        info.layer = ctx.nextLayer++;
        linear(info, a.f.data(), std::int64_t(a.size()) / K, out.f.data(), ctx);
        return one(std::move(out));
    }
    // Activation × activation (attention's QKᵀ and AV): digital, batched with broadcasting.
    std::vector<std::int64_t> as = a.shape, bs = b.shape;
    if (as.size() == 1)
        as.insert(as.begin(), 1);
    if (bs.size() == 1)
        bs.push_back(1);
    const std::int64_t M = as[as.size() - 2], K = as.back(), N = bs.back();
    if (bs[bs.size() - 2] != K)
        throw InputError(n.label() + ": inner dimensions " + std::to_string(K) + " and " + std::to_string(bs[bs.size() - 2]) + " differ");
    const std::vector<std::int64_t> batchA(as.begin(), as.end() - 2), batchB(bs.begin(), bs.end() - 2);
    const std::vector<std::int64_t> batch = broadcastShape(batchA, batchB, n.label());
    std::int64_t batchCount = 1;
    for (std::int64_t d : batch)
        batchCount *= d;
    checkWork({batchCount, M, K, N}, "the MatMul");
    if (ctx.hook)
        ctx.hook->digitalMatmul(n.name, batchCount, M, K, N);
    const auto ia = broadcastIndex(batchA, batch), ib = broadcastIndex(batchB, batch);
    std::vector<std::int64_t> shape = batch;
    shape.push_back(M);
    shape.push_back(N);
    Tensor out = Tensor::floats(shape);
    const std::int64_t count = std::int64_t(ia.size());
#pragma omp parallel for schedule(static)
    for (std::int64_t q = 0; q < count; ++q) {
        const float* pa = &a.f[ia[size_t(q)] * size_t(M * K)];
        const float* pb = &b.f[ib[size_t(q)] * size_t(K * N)];
        float* po = &out.f[size_t(q * M * N)];
        for (std::int64_t i = 0; i < M; ++i)
            for (std::int64_t k = 0; k < K; ++k) {
                const float av = pa[i * K + k];
                for (std::int64_t j = 0; j < N; ++j)
                    po[i * N + j] += av * pb[k * N + j];
            }
    }
    if (a.rank() == 1 || b.rank() == 1) {
        std::vector<std::int64_t> s(batch);
        if (a.rank() != 1)
            s.push_back(M);
        if (b.rank() != 1)
            s.push_back(N);
        out.shape = s;
    }
    return one(std::move(out));
}

std::vector<Tensor> pool(const Node& n, const Inputs& in, bool isMax)
{
    const Tensor& x = floatInput(n, in, 0);
    if (x.rank() != 4)
        throw InputError(n.label() + ": only 2-D pooling (NCHW) is supported");
    const auto k = n.intsAttr("kernel_shape");
    if (k.size() != 2)
        throw InputError(n.label() + ": kernel_shape must have 2 values");
    const std::int64_t N = x.shape[0], C = x.shape[1], H = x.shape[2], W = x.shape[3];
    const Window win = windowOf(n, H, W, k[0], k[1], true);
    const bool ceil = n.intAttr("ceil_mode", 0) != 0, includePad = n.intAttr("count_include_pad", 0) != 0;
    const std::int64_t Ho = outSize(H, k[0], win.sh, win.pt, win.pb, 1, ceil), Wo = outSize(W, k[1], win.sw, win.pl, win.pr, 1, ceil);
    Tensor out = Tensor::floats({N, C, Ho, Wo});
    checkWork({N * C, Ho * Wo, k[0], k[1]}, "the pooling");
#pragma omp parallel for schedule(static)
    for (std::int64_t bc = 0; bc < N * C; ++bc)
        for (std::int64_t oy = 0; oy < Ho; ++oy)
            for (std::int64_t ox = 0; ox < Wo; ++ox) {
                float acc = isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
                int count = 0;
                for (std::int64_t i = 0; i < k[0]; ++i)
                    for (std::int64_t j = 0; j < k[1]; ++j) {
                        const std::int64_t iy = oy * win.sh - win.pt + i, ix = ox * win.sw - win.pl + j;
                        const bool inside = iy >= 0 && iy < H && ix >= 0 && ix < W;
                        if (inside) {
                            const float v = x.f[size_t((bc * H + iy) * W + ix)];
                            acc = isMax ? std::max(acc, v) : acc + v;
                            ++count;
                        } else if (includePad && iy < H + win.pb && ix < W + win.pr) {
                            ++count;
                        }
                    }
                out.f[size_t((bc * Ho + oy) * Wo + ox)] = isMax ? acc : (count ? acc / float(count) : 0.0f);
            }
    return one(std::move(out));
}

} // namespace

void registerNeuralOps(std::map<std::string, OpEntry>& r)
{
    r["Conv"] = {OpContract{{{"X", ElemType::Float, 4, 4}, {"W", ElemType::Float, 4, 4}, {"B", ElemType::Float, 1, 1, true}}}, conv};
    r["Gemm"] = {OpContract{{{"A", ElemType::Float, 2, 2}, {"B", ElemType::Float, 2, 2}, {"C", ElemType::Any, 0, 2, true}}}, gemm};
    r["MatMul"] = {OpContract{{{"A", ElemType::Float, 1}, {"B", ElemType::Float, 1}}}, matmul};
    const OpContract pooling{{{"X", ElemType::Float, 4, 4}}};
    r["MaxPool"] = {pooling, [](const Node& n, const Inputs& in, OpContext&) { return pool(n, in, true); }};
    r["AveragePool"] = {pooling, [](const Node& n, const Inputs& in, OpContext&) { return pool(n, in, false); }};
    r["GlobalAveragePool"] = {OpContract{{{"X", ElemType::Float, 3}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& x = floatInput(n, in, 0);
        std::int64_t S = 1;   // the spatial size, from the shape (N · C may be 0)
        for (int k = 2; k < x.rank(); ++k)
            S *= x.shape[size_t(k)];
        const std::int64_t N = x.shape[0], C = x.shape[1];
        std::vector<std::int64_t> shape(x.shape.size(), 1);
        shape[0] = N;
        shape[1] = C;
        Tensor out = Tensor::floats(shape);
        for (std::int64_t q = 0; q < N * C; ++q) {
            double s = 0;
            for (std::int64_t k = 0; k < S; ++k)
                s += x.f[size_t(q * S + k)];
            out.f[size_t(q)] = S > 0 ? float(s / double(S)) : 0.0f;
        }
        return one(std::move(out));
    }};
    const InputRule channelParam{"parameter", ElemType::Float, 1, 1};
    r["BatchNormalization"] = {OpContract{{{"X", ElemType::Float, 1}, channelParam, channelParam, channelParam, channelParam}},
                               [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& x = floatInput(n, in, 0);
        const Tensor &scale = floatInput(n, in, 1), &bias = floatInput(n, in, 2), &mean = floatInput(n, in, 3), &var = floatInput(n, in, 4);
        const float eps = n.floatAttr("epsilon", 1e-5f);
        const std::int64_t N = x.shape[0], C = x.rank() > 1 ? x.shape[1] : 1, S = std::int64_t(x.size()) / std::max<std::int64_t>(1, N * C);
        for (const Tensor* p : {&scale, &bias, &mean, &var})
            if (std::int64_t(p->size()) != C)
                throw InputError(n.label() + ": scale, bias, mean and var must hold " + std::to_string(C) + " values (one per channel), got "
                                 + shapeText(p->shape));
        Tensor out = x;
        for (std::int64_t b = 0; b < N; ++b)
            for (std::int64_t c = 0; c < C; ++c) {
                const float g = scale.f[size_t(c)] / std::sqrt(var.f[size_t(c)] + eps), o = bias.f[size_t(c)] - mean.f[size_t(c)] * g;
                for (std::int64_t k = 0; k < S; ++k) {
                    float& v = out.f[size_t((b * C + c) * S + k)];
                    v = v * g + o;
                }
            }
        return one(std::move(out));
    }};
    r["Softmax"] = {OpContract{{{"input", ElemType::Float, 1}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& x = floatInput(n, in, 0);
        const int axis = normalizeAxis(n.intAttr("axis", -1), x.rank(), n.label());
        std::int64_t outer = 1, dim = x.shape[size_t(axis)], inner = 1;
        for (int k = 0; k < axis; ++k)
            outer *= x.shape[size_t(k)];
        for (int k = axis + 1; k < x.rank(); ++k)
            inner *= x.shape[size_t(k)];
        Tensor out = x;
        for (std::int64_t o = 0; o < outer; ++o)
            for (std::int64_t i = 0; i < inner; ++i) {
                float mx = -std::numeric_limits<float>::infinity();
                for (std::int64_t d = 0; d < dim; ++d)
                    mx = std::max(mx, x.f[size_t((o * dim + d) * inner + i)]);
                double sum = 0;
                for (std::int64_t d = 0; d < dim; ++d) {
                    float& v = out.f[size_t((o * dim + d) * inner + i)];
                    v = std::exp(v - mx);
                    sum += v;
                }
                for (std::int64_t d = 0; d < dim; ++d)
                    out.f[size_t((o * dim + d) * inner + i)] /= float(sum);
            }
        return one(std::move(out));
    }};
    r["ReduceMean"] = {OpContract{{{"data", ElemType::Float}, {"axes", ElemType::Any, 1, 1, true}}}, [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& x = floatInput(n, in, 0);
        std::vector<std::int64_t> axes = n.intsAttr("axes");
        if (in.size() > 1 && in[1])
            for (size_t k = 0; k < in[1]->size(); ++k)
                axes.push_back(in[1]->intAt(k));
        std::vector<bool> reduce(x.shape.size(), axes.empty());
        for (std::int64_t a : axes)
            reduce[size_t(normalizeAxis(a, x.rank(), n.label()))] = true;
        std::vector<std::int64_t> keep = x.shape;
        for (size_t k = 0; k < keep.size(); ++k)
            if (reduce[k])
                keep[k] = 1;
        Tensor out = Tensor::floats(keep);
        const auto idx = broadcastIndex(keep, x.shape);   // input element -> output element
        std::vector<double> sums(out.size(), 0.0);
        for (size_t k = 0; k < x.size(); ++k)
            sums[idx[k]] += x.f[k];
        const double count = double(x.size()) / double(std::max<size_t>(1, out.size()));
        for (size_t k = 0; k < out.size(); ++k)
            out.f[k] = float(sums[k] / count);
        if (n.intAttr("keepdims", 1) == 0) {
            std::vector<std::int64_t> s;
            for (size_t k = 0; k < keep.size(); ++k)
                if (!reduce[k])
                    s.push_back(keep[k]);
            out.shape = s;
        }
        return one(std::move(out));
    }};
    r["LayerNormalization"] = {OpContract{{{"X", ElemType::Float, 1}, {"Scale", ElemType::Float}, {"B", ElemType::Float, 0, 64, true}}},
                               [](const Node& n, const Inputs& in, OpContext&) {
        const Tensor& x = floatInput(n, in, 0);
        const Tensor& scale = floatInput(n, in, 1);
        const Tensor* bias = in.size() > 2 ? in[2] : nullptr;
        const int axis = normalizeAxis(n.intAttr("axis", -1), x.rank(), n.label());
        const float eps = n.floatAttr("epsilon", 1e-5f);
        std::int64_t outer = 1, inner = 1;
        for (int k = 0; k < axis; ++k)
            outer *= x.shape[size_t(k)];
        for (int k = axis; k < x.rank(); ++k)
            inner *= x.shape[size_t(k)];
        if (std::int64_t(scale.size()) != inner)
            throw InputError(n.label() + ": scale has " + std::to_string(scale.size()) + " values, " + std::to_string(inner) + " expected");
        if (bias && std::int64_t(bias->size()) != inner)
            throw InputError(n.label() + ": bias has " + std::to_string(bias->size()) + " values, " + std::to_string(inner) + " expected");
        Tensor out = x;
        for (std::int64_t o = 0; o < outer; ++o) {
            double mean = 0, var = 0;
            for (std::int64_t k = 0; k < inner; ++k)
                mean += x.f[size_t(o * inner + k)];
            mean /= double(inner);
            for (std::int64_t k = 0; k < inner; ++k) {
                const double d = x.f[size_t(o * inner + k)] - mean;
                var += d * d;
            }
            const double inv = 1.0 / std::sqrt(var / double(inner) + eps);
            for (std::int64_t k = 0; k < inner; ++k)
                out.f[size_t(o * inner + k)] = float((x.f[size_t(o * inner + k)] - mean) * inv) * scale.f[size_t(k)]
                                               + (bias ? bias->f[size_t(k)] : 0.0f);
        }
        return one(std::move(out));
    }};
}

} // namespace kh::nn
