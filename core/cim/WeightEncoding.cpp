#include "cim/WeightEncoding.h"

#include "common/InputError.h"

#include <algorithm>

namespace kh::cim {

EncodedWeights encodeWeights(const std::vector<std::int64_t>& w, int outputs, int inputs, const DesignPoint& dp,
                             const std::string& what)
{
    const int b = dp.precision.weight_bits, cb = dp.device.cell_bits;
    const int ncell = cellsPerWeight(dp);
    const std::int64_t lo = -(std::int64_t(1) << (b - 1)), hi = (std::int64_t(1) << (b - 1)) - 1;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w[i] < lo || w[i] > hi)
            throw InputError(what + ": element " + std::to_string(i) + " = " + std::to_string(w[i]) + " does not fit "
                             + std::to_string(b) + "-bit signed weights [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");

    const WeightEncoding enc = dp.mapping.weight_encoding;
    const bool hasReference = enc == WeightEncoding::Offset || enc == WeightEncoding::NeuroSimShift;
    EncodedWeights e;
    e.inputs = inputs;
    e.outputs = outputs;
    e.cell_bits = cb;
    const int cpw = columnsPerWeight(dp);
    e.data_columns = outputs * cpw;
    e.column_arrays = std::max(1, (e.data_columns + dp.array.cols - 1) / dp.array.cols);
    e.columns = e.data_columns + (hasReference ? e.column_arrays * ncell : 0);
    e.level.assign(std::size_t(inputs) * std::size_t(e.columns), 0);
    e.terms.resize(std::size_t(outputs));
    e.column_array.resize(std::size_t(e.columns));
    for (int c = 0; c < e.data_columns; ++c)
        e.column_array[std::size_t(c)] = c / dp.array.cols;
    for (int c = e.data_columns; c < e.columns; ++c)
        e.column_array[std::size_t(c)] = (c - e.data_columns) / ncell;

    std::int64_t shift = 0;   // value added before slicing (offset / neurosim_shift)
    if (enc == WeightEncoding::Offset)
        shift = std::int64_t(1) << (b - 1);
    if (enc == WeightEncoding::NeuroSimShift) {
        const std::int64_t wmin = w.empty() ? 0 : *std::min_element(w.begin(), w.end());
        shift = std::max<std::int64_t>(0, -wmin);
        e.weight_shift = shift;
    }
    const std::int64_t cellMask = (std::int64_t(1) << cb) - 1;
    const std::int64_t modMask = (std::int64_t(1) << b) - 1;
    auto setLevel = [&](int row, int col, std::int64_t v) {
        e.level[std::size_t(row) * std::size_t(e.columns) + std::size_t(col)] = std::uint8_t(v);
    };

    // Levels in blocks of 16 inputs: W is outputs × inputs and the cells inputs × columns, so a
    // block keeps both the reads and the writes within a few cache lines (a plain transpose
    // order made encoding the slowest part of programming a chip).
    constexpr int kBlock = 16;
    for (int n0 = 0; n0 < inputs; n0 += kBlock)
        for (int m = 0; m < outputs; ++m) {
            const int base = m * cpw;
            for (int n = n0; n < std::min(inputs, n0 + kBlock); ++n) {
                const std::int64_t wv = w[std::size_t(m) * std::size_t(inputs) + std::size_t(n)];
                switch (enc) {
                case WeightEncoding::Offset:
                case WeightEncoding::NeuroSimShift: {
                    const std::int64_t u = wv + shift;
                    for (int i = 0; i < ncell; ++i)
                        setLevel(n, base + i, (u >> (i * cb)) & cellMask);
                    break;
                }
                case WeightEncoding::Differential: {
                    const std::int64_t pos = std::max<std::int64_t>(wv, 0), neg = std::max<std::int64_t>(-wv, 0);
                    for (int i = 0; i < ncell; ++i) {
                        setLevel(n, base + i, (pos >> (i * cb)) & cellMask);
                        setLevel(n, base + ncell + i, (neg >> (i * cb)) & cellMask);
                    }
                    break;
                }
                case WeightEncoding::TwosComplement: {
                    const std::int64_t u = wv & modMask;
                    for (int i = 0; i < ncell; ++i)
                        setLevel(n, base + i, (u >> (i * cb)) & cellMask);
                    if (cb > 1)
                        setLevel(n, base + ncell, (u >> (b - 1)) & 1);
                    break;
                }
                }
            }
        }
    for (int m = 0; m < outputs; ++m) {
        const int base = m * cpw;
        std::vector<OutputTerm>& t = e.terms[std::size_t(m)];
        for (int i = 0; i < ncell; ++i) {
            const double scale = double(std::int64_t(1) << (i * cb));
            switch (enc) {
            case WeightEncoding::Offset:
            case WeightEncoding::NeuroSimShift: {
                const int array = e.column_array[std::size_t(base + i)];
                t.push_back({base + i, scale});
                t.push_back({e.data_columns + array * ncell + i, -scale});
                break;
            }
            case WeightEncoding::Differential:
                t.push_back({base + i, scale});
                t.push_back({base + ncell + i, -scale});
                break;
            case WeightEncoding::TwosComplement:
                t.push_back({base + i, (cb == 1 && i == ncell - 1) ? -scale : scale});
                break;
            }
        }
        if (enc == WeightEncoding::TwosComplement && cb > 1)
            t.push_back({base + ncell, -double(std::int64_t(1) << b)});
    }
    if (hasReference) {
        const std::int64_t ref = shift;   // offset: 2^(b−1); neurosim_shift: s
        for (int a = 0; a < e.column_arrays; ++a)
            for (int i = 0; i < ncell; ++i)
                for (int n = 0; n < inputs; ++n)
                    setLevel(n, e.data_columns + a * ncell + i, (ref >> (i * cb)) & cellMask);
    }
    return e;
}

} // namespace kh::cim
