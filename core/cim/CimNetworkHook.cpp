#include "cim/CimNetworkHook.h"

#include "cim/InputQuantizer.h"

#include "common/InputError.h"
#include "nn/OpRegistry.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace kh::cim {

CimNetworkHook::CimNetworkHook(const DesignPoint& dp, std::vector<LayerInputRange> ranges, std::uint64_t chip)
    : dp_(dp), ranges_(std::move(ranges)), chip_(chip)
{
}

CimNetworkHook::Programmed& CimNetworkHook::program(const nn::LinearLayerInfo& layer)
{
    auto it = layers_.find(layer.index);
    if (it != layers_.end())
        return it->second;
    Programmed& p = layers_[layer.index];
    const int b = dp_.precision.weight_bits;
    const double qmax = double((1LL << (b - 1)) - 1);
    // Per-output-channel symmetric scale from max |w| (DESIGN.md §3 step 1).
    std::vector<std::int64_t> wq(size_t(layer.out) * size_t(layer.in));
    p.weight_scale.resize(size_t(layer.out));
    for (int m = 0; m < layer.out; ++m) {
        double mx = 0;
        for (int k = 0; k < layer.in; ++k)
            mx = std::max(mx, double(std::fabs(layer.weight[size_t(m) * size_t(layer.in) + size_t(k)])));
        const double s = mx > 0 ? mx / qmax : 1.0;
        p.weight_scale[size_t(m)] = s;
        for (int k = 0; k < layer.in; ++k) {
            const double q = std::round(double(layer.weight[size_t(m) * size_t(layer.in) + size_t(k)]) / s);
            wq[size_t(m) * size_t(layer.in) + size_t(k)] = std::int64_t(std::clamp(q, -qmax, qmax));
        }
    }
    const bool novel = layer.conv && dp_.mapping.conv == ConvMapping::Novel && layer.kh * layer.kw > 1;
    const int parts = novel ? layer.kh * layer.kw : 1;
    const int partIn = novel ? layer.cin : layer.in;
    // Each part gets its own chip stream so the kernel positions are different cells.
    for (int part = 0; part < parts; ++part) {
        std::vector<std::int64_t> sub(size_t(layer.out) * size_t(partIn));
        for (int m = 0; m < layer.out; ++m)
            for (int c = 0; c < partIn; ++c)
                sub[size_t(m) * size_t(partIn) + size_t(c)] =
                    novel ? wq[size_t(m) * size_t(layer.in) + size_t(c * layer.kh * layer.kw + part)] : wq[size_t(m) * size_t(layer.in) + size_t(c)];
        const std::uint64_t seed = (chip_ << 20) ^ (std::uint64_t(layer.index) << 8) ^ std::uint64_t(part);
        p.parts.push_back(std::make_unique<CimLayer>(sub, layer.out, partIn, dp_, seed));
        const EncodedWeights& e = p.parts.back()->encoded();
        const double top = double((1 << dp_.device.cell_bits) - 1);
        std::uint64_t levels = 0;   // an integer sum, divided once
        for (std::uint8_t v : e.level)
            levels += v;
        p.levelSum += double(levels) / top;
        p.cells += double(e.level.size());
    }
    return p;
}

namespace {
// Novel mapping: kernel position 'part' of every input channel, i.e. columns c·K·K + part of each
// im2col row; conventional mapping (one part): the rows as they are.
template <typename T>
const T* partInputs(const std::vector<T>& xq, const nn::LinearLayerInfo& layer, int rows, int part, bool novel, std::vector<T>& sub)
{
    if (!novel)
        return xq.data();
    sub.resize(size_t(rows) * size_t(layer.cin));
    const int kk = layer.kh * layer.kw;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < layer.cin; ++c)
            sub[size_t(r) * size_t(layer.cin) + size_t(c)] = xq[size_t(r) * size_t(layer.in) + size_t(c * kk) + size_t(part)];
    return sub.data();
}
} // namespace

void CimNetworkHook::matmul(const nn::LinearLayerInfo& layer, const float* x, int rows, float* y)
{
    if (cancel_ && cancel_->cancelled())
        throw Cancelled();
    if ((layer.index == 0 && dp_.mapping.first_layer_digital) || size_t(layer.index) >= ranges_.size()) {
        nn::floatLinear(x, rows, layer.in, layer.weight, layer.out, y);
        return;
    }
    const LayerInputRange& range = ranges_[size_t(layer.index)];
    const bool signedInputs = !range.non_negative;
    const double sx = range.scale(dp_.precision);
    const int b = dp_.precision.input_bits;
    const double lo = signedInputs ? -double((1LL << (b - 1)) - 1) : 0.0;
    const double hi = signedInputs ? double((1LL << (b - 1)) - 1) : double((1LL << b) - 1);
    const std::int64_t mask = (std::int64_t(1) << b) - 1;
    const size_t count = size_t(rows) * size_t(layer.in);
    Stats& st = stats_[layer.index];
    st.values += double(count);
    Programmed& p = program(layer);
    const bool novel = p.parts.size() > 1;
    // Lossless and noise-free: the inputs stay floats (integers below 2^24) for the exact float GEMM.
    const bool exact = b <= 24 && std::all_of(p.parts.begin(), p.parts.end(), [](const auto& l) { return l->usesExactShortcut(); });
    // Scratch kept across calls: the unrolled conv inputs are large, and fresh zeroed buffers
    // cost page faults on every call.
    std::vector<double>& acc = accScratch_;
    acc.resize(size_t(rows) * size_t(layer.out));
    auto add = [&](size_t part, const std::vector<double>& yi) {
        for (size_t k = 0; k < acc.size(); ++k)
            acc[k] = part ? acc[k] + yi[k] : yi[k];
    };
    if (exact) {
        std::vector<float>& xq = floatScratch_;
        xq.resize(count);
        st.bits += quantizeInputs(x, count, sx, lo, hi, mask, xq.data());
        std::vector<float> sub;
        for (size_t part = 0; part < p.parts.size(); ++part)
            p.parts[part]->runExact(partInputs(xq, layer, rows, int(part), novel, sub), rows, acc.data(), part > 0);
    } else {
        std::vector<std::int64_t>& xq = intScratch_;
        std::vector<std::int64_t> sub;
        xq.resize(count);
        st.bits += quantizeInputs(x, count, sx, lo, hi, mask, xq.data());
        for (size_t part = 0; part < p.parts.size(); ++part) {
            partInputs(xq, layer, rows, int(part), novel, sub);
            const std::vector<std::int64_t>& v = novel ? sub : xq;
            if (!p.calibrated)
                p.parts[part]->calibrateAdc(v, rows, signedInputs);
            p.parts[part]->setCancellation(cancel_);
            add(part, p.parts[part]->run(v, rows, signedInputs));
        }
    }
    p.calibrated = true;
#pragma omp parallel for schedule(static)
    for (int r = 0; r < rows; ++r)
        for (int m = 0; m < layer.out; ++m)
            y[size_t(r) * size_t(layer.out) + size_t(m)] = float(acc[size_t(r) * size_t(layer.out) + size_t(m)] * sx * p.weight_scale[size_t(m)]);
}

std::vector<LayerActivity> CimNetworkHook::activity() const
{
    std::vector<LayerActivity> out;
    for (const auto& [index, st] : stats_) {
        LayerActivity a;
        a.input_bit_density = st.values > 0 ? st.bits / (st.values * dp_.precision.input_bits) : 0.0;
        auto it = layers_.find(index);
        if (it != layers_.end() && it->second.cells > 0)
            a.weight_level_mean = it->second.levelSum / it->second.cells;
        if (size_t(index) >= out.size())
            out.resize(size_t(index) + 1);
        out[size_t(index)] = a;
    }
    return out;
}

} // namespace kh::cim
