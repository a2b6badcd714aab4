#include "cim/LayerProgramming.h"

#include "cim/CellProgramming.h"
#include "cim/DriftCompensator.h"
#include "cim/WeightEncoding.h"
#include "common/CounterRng.h"
#include "common/InputError.h"

#include <algorithm>
#include <cmath>

namespace kh::cim {

QuantizedLayerWeights quantizeLayerWeights(const float* w, int out, int in, int bits, const std::string& layerName)
{
    const double qmax = double((1LL << (bits - 1)) - 1);
    QuantizedLayerWeights r;
    r.q.resize(size_t(out) * size_t(in));
    r.scale.resize(size_t(out));
    for (int m = 0; m < out; ++m) {
        const float* row = w + size_t(m) * size_t(in);
        double mx = 0;
        for (int k = 0; k < in; ++k) {
            if (!std::isfinite(row[k]))
                throw InputError(layerName + ": weight (" + std::to_string(m) + ", " + std::to_string(k) + ") is " + std::to_string(row[k])
                                 + "; arrays can only hold finite weights");
            mx = std::max(mx, double(std::fabs(row[k])));
        }
        const double s = mx > 0 ? mx / qmax : 1.0;
        r.scale[size_t(m)] = s;
        for (int k = 0; k < in; ++k)
            r.q[size_t(m) * size_t(in) + size_t(k)] = std::int64_t(std::clamp(std::round(double(row[k]) / s), -qmax, qmax));
    }
    return r;
}

bool layerIsDigital(int index, const DesignPoint& dp, std::size_t calibratedLayers)
{
    return (index == 0 && dp.mapping.first_layer_digital) || std::size_t(index) >= calibratedLayers;
}

InputGrid inputGrid(const LayerInputRange& range, const PrecisionSpec& precision)
{
    const int b = precision.input_bits;
    InputGrid g;
    g.signedInputs = !range.non_negative;
    g.scale = range.scale(precision);
    g.lo = g.signedInputs ? -double((1LL << (b - 1)) - 1) : 0.0;
    g.hi = g.signedInputs ? double((1LL << (b - 1)) - 1) : double((1LL << b) - 1);
    return g;
}

int layerParts(const nn::LinearLayerInfo& layer, const DesignPoint& dp)
{
    const bool novel = layer.conv && dp.mapping.conv == ConvMapping::Novel && layer.kh * layer.kw > 1;
    return novel ? layer.kh * layer.kw : 1;
}

std::vector<std::int64_t> partWeights(const std::vector<std::int64_t>& q, const nn::LinearLayerInfo& layer, int part, int parts)
{
    if (parts == 1)
        return q;
    std::vector<std::int64_t> sub(size_t(layer.out) * size_t(layer.cin));
    for (int m = 0; m < layer.out; ++m)
        for (int c = 0; c < layer.cin; ++c)
            sub[size_t(m) * size_t(layer.cin) + size_t(c)] = q[size_t(m) * size_t(layer.in) + size_t(c * parts + part)];
    return sub;
}

std::uint64_t partChipSeed(std::uint64_t chip, int layerIndex, int part)
{
    return (chip << 20) ^ (std::uint64_t(layerIndex) << 8) ^ std::uint64_t(part);
}

std::vector<double> effectiveWeights(const std::vector<std::int64_t>& w, int out, int in, const DesignPoint& dp, std::uint64_t chipSeed)
{
    std::vector<double> eff(w.begin(), w.end());
    if (dp.noise.mode != NoiseMode::Device)
        return eff;
    const EncodedWeights enc = encodeWeights(w, out, in, dp);
    const std::vector<MemState> states = deviceStates(dp);
    // The seed CimLayer draws the same chip's cells from.
    const std::uint64_t seed = hashKey(dp.evaluation.seed, chipSeed);
    const ProgrammedCells cells = programCells(enc, dp, states, seed);
    const DriftCompensator drift(enc, dp, states, cells, seed);
    // A compensated column reads s·(reads + g0·Σx) − g0·Σx: per input, s·n + (s − 1)·g0 (steps).
    const double g0Steps = states[0].g_mean_s / (states[1].g_mean_s - states[0].g_mean_s);
    const std::vector<double>& s = drift.scales();
#pragma omp parallel for schedule(static)
    for (int m = 0; m < out; ++m)
        for (int k = 0; k < in; ++k) {
            const float* cell = &cells.normalized[size_t(k) * size_t(enc.columns)];
            double v = 0;
            for (const OutputTerm& t : enc.terms[size_t(m)]) {
                const double n = double(cell[t.column]);
                v += t.coef * (s.empty() ? n : s[size_t(t.column)] * n + (s[size_t(t.column)] - 1.0) * g0Steps);
            }
            eff[size_t(m) * size_t(in) + size_t(k)] = v;
        }
    return eff;
}

std::vector<float> chipLayerWeights(const nn::LinearLayerInfo& layer, const DesignPoint& dp, std::uint64_t chip)
{
    const QuantizedLayerWeights qw = quantizeLayerWeights(layer.weight, layer.out, layer.in, dp.precision.weight_bits, layer.name);
    const int parts = layerParts(layer, dp);
    const int partIn = parts > 1 ? layer.cin : layer.in;
    std::vector<float> out(size_t(layer.out) * size_t(layer.in));
    for (int part = 0; part < parts; ++part) {
        const std::vector<double> eff =
            effectiveWeights(partWeights(qw.q, layer, part, parts), layer.out, partIn, dp, partChipSeed(chip, layer.index, part));
        for (int m = 0; m < layer.out; ++m)
            for (int c = 0; c < partIn; ++c) {
                const size_t k = parts > 1 ? size_t(c * parts + part) : size_t(c);
                out[size_t(m) * size_t(layer.in) + k] = float(qw.scale[size_t(m)] * eff[size_t(m) * size_t(partIn) + size_t(c)]);
            }
    }
    return out;
}

} // namespace kh::cim
