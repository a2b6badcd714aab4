#include "cim/CimNetworkHook.h"

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
        for (std::uint8_t v : e.level)
            p.levelSum += v / top;
        p.cells += double(e.level.size());
    }
    return p;
}

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
    std::vector<std::int64_t> xq(size_t(rows) * size_t(layer.in));
    Stats& st = stats_[layer.index];
    for (size_t k = 0; k < xq.size(); ++k) {
        xq[k] = std::int64_t(std::clamp(std::round(double(x[k]) / sx), lo, hi));
        st.bits += std::popcount(std::uint64_t(xq[k] & mask));
    }
    st.values += double(xq.size());
    Programmed& p = program(layer);
    const bool novel = p.parts.size() > 1;
    std::vector<double> acc(size_t(rows) * size_t(layer.out), 0.0);
    for (size_t part = 0; part < p.parts.size(); ++part) {
        std::vector<std::int64_t> sub;
        const std::vector<std::int64_t>* in = &xq;
        if (novel) {
            // Kernel position 'part' of every input channel: columns c·K·K + part of the im2col row.
            sub.resize(size_t(rows) * size_t(layer.cin));
            const int kk = layer.kh * layer.kw;
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < layer.cin; ++c)
                    sub[size_t(r) * size_t(layer.cin) + size_t(c)] = xq[size_t(r) * size_t(layer.in) + size_t(c * kk) + part];
            in = &sub;
        }
        if (!p.calibrated)
            p.parts[part]->calibrateAdc(*in, rows, signedInputs);
        p.parts[part]->setCancellation(cancel_);
        const std::vector<double> yi = p.parts[part]->run(*in, rows, signedInputs);
        for (size_t k = 0; k < acc.size(); ++k)
            acc[k] += yi[k];
    }
    p.calibrated = true;
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
