#include "cim/CimNetworkHook.h"

#include "cim/InputQuantizer.h"
#include "cim/LayerProgramming.h"

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
    // Per-output-channel symmetric scale from max |w| (docs/simulation.md, step 1).
    QuantizedLayerWeights qw = quantizeLayerWeights(layer.weight, layer.out, layer.in, dp_.precision.weight_bits, layer.name);
    p.weight_scale = std::move(qw.scale);
    const int parts = layerParts(layer, dp_);
    const int partIn = parts > 1 ? layer.cin : layer.in;
    // Each part gets its own chip stream so the kernel positions are different cells.
    for (int part = 0; part < parts; ++part) {
        const std::vector<std::int64_t> sub = partWeights(qw.q, layer, part, parts);
        const std::uint64_t seed = partChipSeed(chip_, layer.index, part);
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
const T* partInputs(const T* xq, const nn::LinearLayerInfo& layer, int rows, int part, bool novel, std::vector<T>& sub)
{
    if (!novel)
        return xq;
    sub.resize(size_t(rows) * size_t(layer.cin));
    const int kk = layer.kh * layer.kw;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < layer.cin; ++c)
            sub[size_t(r) * size_t(layer.cin) + size_t(c)] = xq[size_t(r) * size_t(layer.in) + size_t(c * kk) + size_t(part)];
    return sub.data();
}

// Σ popcount(q mod 2^b) over the unrolled rows of a quantized conv map: each value counted as
// often as the rows read it (padding zeros have no bits). An integer sum: any thread count.
double unrolledBits(const float* q, const nn::ConvInputMap& map, std::int64_t mask)
{
    const std::int64_t planes = std::int64_t(map.images) * map.channels, plane = std::int64_t(map.height) * map.width;
    const std::vector<int>& rowUses = *map.rowUses;
    const std::vector<int>& colUses = *map.colUses;
    std::int64_t bits = 0;
#pragma omp parallel for schedule(static) reduction(+ : bits)
    for (std::int64_t p = 0; p < planes; ++p)
        for (int y = 0; y < map.height; ++y) {
            const float* row = q + p * plane + std::int64_t(y) * map.width;
            std::int64_t rowBits = 0;
            for (int x = 0; x < map.width; ++x)
                rowBits += std::int64_t(std::popcount(std::uint32_t(std::int32_t(row[x])) & std::uint32_t(mask))) * colUses[size_t(x)];
            bits += rowBits * rowUses[size_t(y)];
        }
    return double(bits);
}
} // namespace

CimNetworkHook::InputQuantization CimNetworkHook::inputQuantization(const nn::LinearLayerInfo& layer) const
{
    InputQuantization q;
    if (layerIsDigital(layer.index, dp_, ranges_.size()))
        return q;
    const InputGrid grid = inputGrid(ranges_[size_t(layer.index)], dp_.precision);
    const int b = dp_.precision.input_bits;
    q.digital = false;
    q.signedInputs = grid.signedInputs;
    q.scale = grid.scale;
    q.lo = grid.lo;
    q.hi = grid.hi;
    q.mask = (std::int64_t(1) << b) - 1;
    return q;
}

bool CimNetworkHook::prepareConvInput(const nn::LinearLayerInfo& layer, const nn::ConvInputMap& map, float* out)
{
    const InputQuantization q = inputQuantization(layer);
    if (!quantizeConvMaps_ || q.digital)
        return false;
    const std::size_t perImage = std::size_t(map.channels) * std::size_t(map.height) * std::size_t(map.width);
    if (map.imageStride == perImage) {   // one group: the images are contiguous
        quantizeInputs(map.data, perImage * std::size_t(map.images), q.scale, q.lo, q.hi, q.mask, out);
    } else {
        for (int i = 0; i < map.images; ++i)
            quantizeInputs(map.data + std::size_t(i) * map.imageStride, perImage, q.scale, q.lo, q.hi, q.mask, out + std::size_t(i) * perImage);
    }
    tableLayer_[layer.index] = layer.layer;
    stats_[layer.index].bits += unrolledBits(out, map, q.mask);
    return true;
}

void CimNetworkHook::matmul(const nn::LinearLayerInfo& layer, const float* x, int rows, float* y)
{
    if (cancel_ && cancel_->cancelled())
        throw Cancelled();
    const InputQuantization q = inputQuantization(layer);
    if (q.digital) {
        nn::floatLinear(x, rows, layer.in, layer.weight, layer.out, y);
        return;
    }
    const size_t count = size_t(rows) * size_t(layer.in);
    tableLayer_[layer.index] = layer.layer;
    Stats& st = stats_[layer.index];
    st.values += double(count);
    Programmed& p = program(layer);
    const bool novel = p.parts.size() > 1;
    // Lossless and noise-free: the inputs stay floats (integers below 2^24) for the exact float GEMM.
    const bool exact = dp_.precision.input_bits <= 24
                       && std::all_of(p.parts.begin(), p.parts.end(), [](const auto& l) { return l->usesExactShortcut(); });
    // Scratch kept across calls: the unrolled conv inputs are large, and fresh zeroed buffers
    // cost page faults on every call.
    std::vector<double>& acc = accScratch_;
    acc.resize(size_t(rows) * size_t(layer.out));
    auto add = [&](size_t part, const std::vector<double>& yi) {
        for (size_t k = 0; k < acc.size(); ++k)
            acc[k] = part ? acc[k] + yi[k] : yi[k];
    };
    // Inputs prepared by prepareConvInput are quantized already (integers held in floats).
    if (exact) {
        const float* xq = x;
        if (!layer.inputsPrepared) {
            floatScratch_.resize(count);
            st.bits += quantizeInputs(x, count, q.scale, q.lo, q.hi, q.mask, floatScratch_.data());
            xq = floatScratch_.data();
        }
        std::vector<float> sub;
        for (size_t part = 0; part < p.parts.size(); ++part)
            p.parts[part]->runExact(partInputs(xq, layer, rows, int(part), novel, sub), rows, acc.data(), part > 0);
    } else {
        std::vector<std::int64_t>& xq = intScratch_;
        std::vector<std::int64_t> sub;
        xq.resize(count);
        if (layer.inputsPrepared) {
#pragma omp parallel for schedule(static)
            for (std::int64_t k = 0; k < std::int64_t(count); ++k)
                xq[size_t(k)] = std::int64_t(x[k]);
        } else {
            st.bits += quantizeInputs(x, count, q.scale, q.lo, q.hi, q.mask, xq.data());
        }
        for (size_t part = 0; part < p.parts.size(); ++part) {
            partInputs(xq.data(), layer, rows, int(part), novel, sub);
            const std::vector<std::int64_t>& v = novel ? sub : xq;
            if (!p.calibrated)
                p.parts[part]->calibrateAdc(v, rows, q.signedInputs);
            p.parts[part]->setCancellation(cancel_);
            add(part, p.parts[part]->run(v, rows, q.signedInputs));
        }
    }
    p.calibrated = true;
    const double sx = q.scale;
#pragma omp parallel for schedule(static)
    for (int r = 0; r < rows; ++r)
        for (int m = 0; m < layer.out; ++m)
            y[size_t(r) * size_t(layer.out) + size_t(m)] = float(acc[size_t(r) * size_t(layer.out) + size_t(m)] * sx * p.weight_scale[size_t(m)]);
}

CimNetworkHook::HeldMemory CimNetworkHook::heldMemory() const
{
    HeldMemory m;
    for (const auto& [index, programmed] : layers_)
        for (const auto& part : programmed.parts) {
            m.bytes += part->heldBytes();
            m.cells += double(part->encoded().inputs) * double(part->encoded().columns);
        }
    return m;
}

std::vector<LayerActivity> CimNetworkHook::activity() const
{
    // One entry per layer of the layer table: the groups of a grouped conv pool their statistics.
    struct Sums {
        double bits = 0, values = 0, levels = 0, cells = 0;
    };
    std::map<int, Sums> byLayer;
    for (const auto& [index, st] : stats_) {
        const auto table = tableLayer_.find(index);
        Sums& s = byLayer[table == tableLayer_.end() ? index : table->second];
        s.bits += st.bits;
        s.values += st.values;
        if (auto it = layers_.find(index); it != layers_.end()) {
            s.levels += it->second.levelSum;
            s.cells += it->second.cells;
        }
    }
    std::vector<LayerActivity> out;
    for (const auto& [layer, s] : byLayer) {
        LayerActivity a;
        a.input_bit_density = s.values > 0 ? s.bits / (s.values * dp_.precision.input_bits) : 0.0;
        if (s.cells > 0)
            a.weight_level_mean = s.levels / s.cells;
        if (size_t(layer) >= out.size())
            out.resize(size_t(layer) + 1);
        out[size_t(layer)] = a;
    }
    return out;
}

} // namespace kh::cim
