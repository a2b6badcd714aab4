#include "cim/CimLayer.h"


#include "common/CounterRng.h"
#include "common/NormalZiggurat.h"
#include "cim/InputEncoding.h"
#include "cim/ReadKernels.h"
#include "common/InputError.h"
#include "io/DeviceTables.h"

#include <Eigen/Core>

#include <algorithm>
#include <numeric>
#include <atomic>
#include <bit>
#include <cmath>
#include <omp.h>

namespace kh::cim {

CimLayer::CimLayer(const std::vector<std::int64_t>& w, int outputs, int inputs, const DesignPoint& dp, std::uint64_t chipSeed)
    : dp_(dp), w_(w), enc_(encodeWeights(w, outputs, inputs, dp)), seed_(hashKey(dp.evaluation.seed, chipSeed))
{
    pMax_ = kh::maxPartialSum(dp);
    if (pMax_ >= (1LL << 31))
        throw InputError("array.parallel_rows x DAC levels x cell levels exceeds 2^31 partial-sum levels");
    adc_ = AdcQuantizer(dp.precision.adc_mode, dp.precision.adc_bits, pMax_);
    // The device's states: for the drawn cells (device mode) and for the wires' currents (IR drop).
    const bool irDrop = dp.noise.ir_drop.enabled && !IrDropArrays::wires(dp).ideal();
    const std::vector<MemState> states = dp.noise.mode == NoiseMode::Device || irDrop ? deviceStates(dp) : std::vector<MemState>{};
    if (dp.noise.mode == NoiseMode::Device) {
        const ProgrammedCells cells = programCells(enc_, dp, states, seed_);
        g0Steps_ = states[0].g_mean_s / (states[1].g_mean_s - states[0].g_mean_s);
        const int maxDigit = int((std::int64_t(1) << std::min(bitsPerConversion(dp), dp.precision.input_bits)) - 1);
        lut_ = ConductanceLut(cells.normalized, inputs, enc_.columns, dp.array.rows, dp.array.parallel_rows, maxDigit);
        drift_ = DriftCompensator(enc_, dp, states, cells, seed_);
    }
    if (dp.noise.mode == NoiseMode::Circuit && dp.noise.output_noise_path.empty() && dp.noise.output_noise.empty()) {
        // One sigma for every level: mean = ideal level.
        noiseMean_.resize(size_t(pMax_) + 1);
        noiseStd_.assign(size_t(pMax_) + 1, dp.noise.output_sigma);
        for (long long p = 0; p <= pMax_; ++p)
            noiseMean_[size_t(p)] = double(p);
        circuitTable_ = true;
    } else if (dp.noise.mode == NoiseMode::Circuit) {
        OutputNoiseTable table;
        if (!dp.noise.output_noise.empty()) {
            table.rows = dp.noise.output_noise;
        } else {
            table = readOutputNoiseCsv(dp.noise.output_noise_path);
        }
        const std::string source = dp.noise.output_noise.empty() ? dp.noise.output_noise_path : std::string("noise.output_noise");
        if (table.rows.size() > (size_t(1) << std::min(dp.precision.adc_bits, 30)) + 1)
            throw InputError(source + ": " + std::to_string(table.rows.size()) + " rows; at most 2^adc_bits + 1 allowed");
        // Every ideal level takes the row of the nearest listed output level.
        noiseMean_.resize(size_t(pMax_) + 1);
        noiseStd_.resize(size_t(pMax_) + 1);
        size_t r = 0;
        for (long long p = 0; p <= pMax_; ++p) {
            while (r + 1 < table.rows.size() && std::llabs(table.rows[r + 1].output - p) <= std::llabs(table.rows[r].output - p))
                ++r;
            const OutputNoiseRow& row = table.rows[r];
            // A row describes its own level; other levels keep the row's error relative to it.
            noiseMean_[size_t(p)] = row.mean + double(p - row.output);
            noiseStd_[size_t(p)] = row.std;
        }
        circuitTable_ = true;
    }
    if (irDrop) {
        // Cells as (G − g_0)/(g_1 − g_0): the drawn chip in device mode, the nominal levels otherwise.
        std::vector<double> normalized(size_t(inputs) * size_t(enc_.columns));
        for (int r = 0; r < inputs; ++r)
            for (int c = 0; c < enc_.columns; ++c) {
                const size_t at = size_t(r) * size_t(enc_.columns) + size_t(c);
                normalized[at] = dp.noise.mode == NoiseMode::Device ? double(lut_.cell(r, c)) * lut_.stepsPerUnit() : double(enc_.level[at]);
            }
        irDrop_ = IrDropArrays(std::move(normalized), inputs, enc_.columns, dp, states[0].g_mean_s, states[1].g_mean_s);
    }
    adcErrors_ = AdcErrors(dp, adc_, enc_.columns, seed_);
    // Integer cells read by a rounding ADC: IR-drop reads that provably lose under half a step are
    // taken as ideal without a solve (IrDropArrays::idealIfNegligible).
    irDrop_.setRoundedReads(dp.noise.mode == NoiseMode::None && (adc_.lossless() || dp.precision.adc_mode == AdcMode::Clip)
                            && !adcErrors_.active());
    buildAdcTable();
    if (dp.noise.mode == NoiseMode::None && adc_.lossless() && !irDrop_.active() && !adcErrors_.active())
        planExactChunks();
    else
        std::vector<std::int64_t>().swap(w_);   // only the exact shortcut reads the integer weights
    {
        // Clip (or lossless) ADC codes summed as integers per cycle: a cycle's sum over every block
        // must fit 31 bits and the weighted total 53 bits (see packedColumnSums, deviceColumnSums).
        const double top = double(adc_.levels() - 1);
        const double blocks = double((inputs + dp.array.rows - 1) / dp.array.rows)
                              * double((dp.array.rows + dp.array.parallel_rows - 1) / dp.array.parallel_rows);
        const double weights = std::ldexp(1.0, dp.precision.input_bits + 1);   // Σ |cycle weight| < 2^(b+1)
        integerClipCodes_ = (adc_.lossless() || dp.precision.adc_mode == AdcMode::Clip) && adc_.levels() <= (1 << 24)
                            && top * blocks < std::ldexp(1.0, 31) && top * blocks * weights < std::ldexp(1.0, 53)
                            && !adcErrors_.active();
    }
    if (dp.noise.mode != NoiseMode::Device) {
        const int n = enc_.inputs, cols = enc_.columns;
        const std::uint8_t top = enc_.level.empty() ? 0 : *std::max_element(enc_.level.begin(), enc_.level.end());
        levelPlanes_ = std::max(1, int(std::bit_width(unsigned(top))));
        words_ = (n + 63) / 64;
        packedLevels_.assign(size_t(levelPlanes_) * size_t(cols) * size_t(words_), 0);
        for (int r = 0; r < n; ++r) {
            const std::uint8_t* level = &enc_.level[size_t(r) * size_t(cols)];
            for (int k = 0; k < levelPlanes_; ++k) {
                // Branch-free over the columns (contiguous on both sides): it vectorises.
                std::uint64_t* word = &packedLevels_[(size_t(r / 64) * size_t(levelPlanes_) + size_t(k)) * size_t(cols)];
                for (int c = 0; c < cols; ++c)
                    word[c] |= std::uint64_t((level[c] >> k) & 1U) << (r % 64);
            }
        }
    }
}

void CimLayer::buildAdcTable()
{
    adcTable_.clear();
    if (pMax_ > (1LL << 16))
        return;
    if (adcErrors_.active()) {
        // Static errors: one table per column (while it stays small); comparator noise: none.
        const size_t entries = size_t(pMax_) + 1;
        if (!adcErrors_.isStatic() || entries * size_t(enc_.columns) > (size_t(1) << 22))
            return;
        adcTable_.resize(entries * size_t(enc_.columns));
        for (int c = 0; c < enc_.columns; ++c)
            for (long long p = 0; p <= pMax_; ++p)
                adcTable_[size_t(c) * entries + size_t(p)] = adcErrors_.convert(adc_, double(p), c, 0);
        return;
    }
    adcTable_.resize(size_t(pMax_) + 1);
    for (long long p = 0; p <= pMax_; ++p)
        adcTable_[size_t(p)] = adc_(double(p));
}

void CimLayer::checkInputs(const std::vector<std::int64_t>& x, bool signedInputs) const
{
    const int b = dp_.precision.input_bits;
    const std::int64_t lo = signedInputs ? -(std::int64_t(1) << (b - 1)) : 0;
    const std::int64_t hi = signedInputs ? (std::int64_t(1) << (b - 1)) - 1 : (std::int64_t(1) << b) - 1;
    for (size_t i = 0; i < x.size(); ++i)
        if (x[i] < lo || x[i] > hi)
            throw InputError("inputs: element " + std::to_string(i) + " = " + std::to_string(x[i]) + " outside the "
                             + (signedInputs ? "signed " : "unsigned ") + std::to_string(b) + "-bit range ["
                             + std::to_string(lo) + ", " + std::to_string(hi) + "]");
}

namespace {
constexpr int kGroup = kernels::kPlaneGroup;   // input vectors read together: each packed word is loaded once for all
// Input vectors read together in device mode: each table tile is loaded once for all of them, so
// the more the better, up to 256 (their table indices then stay in L2); fewer when a small batch
// would leave threads idle. Every grouping gives the same numbers.
int deviceGroupSize(int batch)
{
    const int tasks = 4 * std::max(1, omp_get_max_threads());
    return std::clamp((batch + tasks - 1) / tasks, 16, 256);
}
} // namespace

void CimLayer::packedBlockSums(const std::vector<std::uint64_t>& digitPlanes, int digitPlaneCount, int b0, int b1,
                               std::int32_t* acc, std::vector<std::uint64_t>& xm) const
{
    const int w0 = b0 / 64, w1 = (b1 - 1) / 64, nw = w1 - w0 + 1;
    // The block's rows of every vector's digit planes, masked to [b0, b1).
    xm.resize(size_t(kGroup) * size_t(digitPlaneCount) * size_t(nw));
    for (int vq = 0; vq < kGroup * digitPlaneCount; ++vq)
        for (int w = w0; w <= w1; ++w) {
            std::uint64_t mask = ~std::uint64_t(0);
            if (w == w0 && b0 % 64)
                mask &= ~std::uint64_t(0) << (b0 % 64);
            if (w == w1 && b1 % 64)
                mask &= ~std::uint64_t(0) >> (64 - b1 % 64);
            xm[size_t(vq) * size_t(nw) + size_t(w - w0)] = digitPlanes[size_t(vq) * size_t(words_) + size_t(w)] & mask;
        }
    kernels::planeSums(packedLevels_.data(), enc_.columns, levelPlanes_, w0, xm.data(), digitPlaneCount, nw, acc);
}

void CimLayer::packedColumnSums(const std::int64_t* x, int count, bool signedInputs, std::uint64_t firstKey,
                                std::vector<double>& ycols) const
{
    const int n = enc_.inputs, cols = enc_.columns;
    const int rows = dp_.array.rows, par = dp_.array.parallel_rows;
    const std::vector<InputCycle> cycles = inputCycles(dp_.precision.input_bits, bitsPerConversion(dp_), signedInputs);
    const size_t vectorPlanes = size_t(kGroup) * size_t(words_);
    std::vector<std::uint64_t> planes, blockPlanes;   // reused across cycles and blocks
    std::vector<std::uint64_t> bitPlanes;             // bit-serial: every cycle's plane, built in one pass
    const bool bitSerial = bitsPerConversion(dp_) == 1;
    if (bitSerial) {
        // Cycle q reads bit q of x mod 2^b (the sign sits in the last cycle's weight).
        bitPlanes.assign(cycles.size() * vectorPlanes, 0);
        const std::uint64_t mask = (std::uint64_t(1) << dp_.precision.input_bits) - 1;
        for (int v = 0; v < count; ++v)
            for (int i = 0; i < n; ++i)
                for (std::uint64_t u = std::uint64_t(x[size_t(v) * size_t(n) + size_t(i)]) & mask; u; u &= u - 1)
                    bitPlanes[size_t(std::countr_zero(u)) * vectorPlanes + size_t(v) * size_t(words_) + size_t(i / 64)] |=
                        std::uint64_t(1) << (i % 64);
    }
    // The clip ADC's codes summed as integers per cycle, then weighted: the same double as adding
    // weight · code read by read, because every partial result is an integer below 2^53.
    const bool integerCodes = !circuitTable_ && integerClipCodes_;
    const std::int32_t top = std::int32_t(std::min<long long>(adc_.levels() - 1, pMax_));
    std::vector<std::int32_t> acc(size_t(kGroup) * size_t(cols)), codes(integerCodes ? acc.size() : 0);
    ycols.assign(size_t(count) * size_t(cols), 0.0);
    for (size_t j = 0; j < cycles.size(); ++j) {
        // Digit planes of each vector (absent vectors of a short group stay zero: they read nothing).
        const int digitPlanes = std::max(1, int(std::bit_width(std::uint64_t(cycles[j].mask))));
        if (bitSerial) {
            planes.assign(bitPlanes.begin() + std::ptrdiff_t(j * vectorPlanes), bitPlanes.begin() + std::ptrdiff_t((j + 1) * vectorPlanes));
        } else {
            planes.assign(size_t(kGroup) * size_t(digitPlanes) * size_t(words_), 0);
            for (int v = 0; v < count; ++v)
                for (int i = 0; i < n; ++i) {
                    const std::int64_t d = inputDigit(x[size_t(v) * size_t(n) + size_t(i)], cycles[j], dp_.precision.input_bits);
                    for (int q = 0; q < digitPlanes; ++q)
                        if ((d >> q) & 1)
                            planes[(size_t(v) * size_t(digitPlanes) + size_t(q)) * size_t(words_) + size_t(i / 64)] |= std::uint64_t(1) << (i % 64);
                }
        }
        const double weight = cycles[j].weight;
        std::fill(codes.begin(), codes.end(), 0);
        int blockId = 0;
        for (int arrayStart = 0; arrayStart < n; arrayStart += rows) {
            const int arrayEnd = std::min(n, arrayStart + rows);
            for (int b0 = arrayStart; b0 < arrayEnd; b0 += par, ++blockId) {
                packedBlockSums(planes, digitPlanes, b0, std::min(arrayEnd, b0 + par), acc.data(), blockPlanes);
                if (integerCodes) {
                    kernels::addClippedSums(acc.data(), acc.size(), top, codes.data());
                    continue;
                }
                for (int v = 0; v < count; ++v)   // acc[c · kGroup + v]: vector v's sum of column c
                    addIntegerReads(acc.data() + v, kGroup, weight, firstKey + std::uint64_t(v), (j << 32) | unsigned(blockId),
                                    &ycols[size_t(v) * size_t(cols)]);
            }
        }
        if (integerCodes)
            for (int v = 0; v < count; ++v)
                for (int c = 0; c < cols; ++c)
                    ycols[size_t(v) * size_t(cols) + size_t(c)] += weight * double(codes[size_t(c) * kGroup + size_t(v)]);
    }
}

void CimLayer::irDropColumnSums(const std::int64_t* x, bool signedInputs, std::uint64_t vectorKey, std::vector<double>& ycol) const
{
    const int n = enc_.inputs, cols = enc_.columns;
    const int rows = dp_.array.rows, par = dp_.array.parallel_rows;
    const std::vector<InputCycle> cycles = inputCycles(dp_.precision.input_bits, bitsPerConversion(dp_), signedInputs);
    std::vector<std::int64_t> digits(static_cast<size_t>(n));
    std::vector<double> reads(static_cast<size_t>(cols));
    ycol.assign(size_t(cols), 0.0);
    // Blocks outermost, then cycles, with the device path's block numbering (its read-noise keys).
    unsigned blockId = 0;
    for (int arrayStart = 0; arrayStart < n; arrayStart += rows) {
        const int arrayEnd = std::min(n, arrayStart + rows);
        for (int b0 = arrayStart; b0 < arrayEnd; b0 += par, ++blockId) {
            const int b1 = std::min(arrayEnd, b0 + par);
            for (size_t j = 0; j < cycles.size(); ++j) {
                std::int64_t digitSum = 0;
                for (int r = b0; r < b1; ++r) {
                    digits[size_t(r)] = inputDigit(x[r], cycles[j], dp_.precision.input_bits);
                    digitSum += digits[size_t(r)];
                }
                irDrop_.blockReads(digits.data(), arrayStart, b0, b1, reads.data());
                const ReadKeys keys = readKeys(vectorKey, (j << 32) | blockId);
                for (int c = 0; c < cols; ++c)
                    ycol[size_t(c)] += cycles[j].weight * convert(noisyRead(reads[size_t(c)], digitSum, keys, c), c, keys);
            }
        }
    }
}

void CimLayer::columnSums(const std::int64_t* x, bool signedInputs, std::uint64_t vectorKey, std::vector<double>& ycol,
                          std::vector<double>* idealSamples) const
{
    if (irDrop_.active()) {
        irDropColumnSums(x, signedInputs, vectorKey, ycol);
        return;
    }
    if (dp_.noise.mode == NoiseMode::Device) {
        deviceColumnSumsRowByRow(x, signedInputs, vectorKey, ycol);
        return;
    }
    const int n = enc_.inputs, cols = enc_.columns;
    const int rows = dp_.array.rows, par = dp_.array.parallel_rows;
    const std::vector<InputCycle> cycles = inputCycles(dp_.precision.input_bits, bitsPerConversion(dp_), signedInputs);
    std::vector<std::int64_t> digits(static_cast<size_t>(n));
    // Partial sums fit in 32 bits for every practical array (P_max < 2^31); 32-bit lanes vectorise
    // twice as wide as 64-bit ones.
    std::vector<std::int32_t> acc(static_cast<size_t>(cols));
    ycol.assign(size_t(cols), 0.0);
    for (size_t j = 0; j < cycles.size(); ++j) {
        for (int i = 0; i < n; ++i)
            digits[size_t(i)] = inputDigit(x[i], cycles[j], dp_.precision.input_bits);
        int blockId = 0;
        for (int arrayStart = 0; arrayStart < n; arrayStart += rows) {
            const int arrayEnd = std::min(n, arrayStart + rows);
            for (int b0 = arrayStart; b0 < arrayEnd; b0 += par, ++blockId) {
                const int b1 = std::min(arrayEnd, b0 + par);
                std::fill(acc.begin(), acc.end(), 0);
                for (int r = b0; r < b1; ++r) {
                    const std::int64_t d = digits[size_t(r)];
                    if (d == 0)
                        continue;
                    const std::uint8_t* lv = &enc_.level[size_t(r) * size_t(cols)];
                    const std::int32_t d32 = std::int32_t(d);
                    std::int32_t* a = acc.data();
                    for (int c = 0; c < cols; ++c)
                        a[c] += d32 * std::int32_t(lv[c]);
                }
                if (idealSamples)
                    idealSamples->insert(idealSamples->end(), acc.begin(), acc.end());
                addIntegerReads(acc.data(), 1, cycles[j].weight, vectorKey, (j << 32) | unsigned(blockId), ycol.data());
            }
        }
    }
}

void CimLayer::addIntegerReads(const std::int32_t* acc, std::size_t stride, double weight, std::uint64_t vectorKey,
                               std::uint64_t cycleBlock, double* y) const
{
    const int cols = enc_.columns;
    if (!circuitTable_ && !adcTable_.empty()) {
        const double* table = adcTable_.data();
        if (adcErrors_.active()) {   // one table per column
            const size_t entries = size_t(pMax_) + 1;
            for (int c = 0; c < cols; ++c)
                y[c] += weight * table[size_t(c) * entries + size_t(acc[size_t(c) * stride])];
            return;
        }
        for (int c = 0; c < cols; ++c)
            y[c] += weight * table[acc[size_t(c) * stride]];
        return;
    }
    const ReadKeys keys = readKeys(vectorKey, cycleBlock);
    if (circuitTable_ && adc_.clips() && !adcErrors_.active()) {
        // The loop below without calls: a rounded integer needs no second rounding, so the clip ADC
        // of round(mean + σ·z) is clipCode of the sum itself (roundHalfAway is std::round here).
        const double top = double(adc_.levels() - 1);
        thread_local std::vector<double> z;
        z.resize(size_t(cols));
        NormalZiggurat::instance().fill(keys.circuitNoise, 0, cols, z.data());
        for (int c = 0; c < cols; ++c) {
            const size_t level = size_t(std::min<std::int64_t>(acc[size_t(c) * stride], pMax_));
            y[c] += weight * AdcQuantizer::clipCode(noiseMean_[level] + noiseStd_[level] * z[size_t(c)], top);
        }
        return;
    }
    for (int c = 0; c < cols; ++c) {
        const std::int32_t p = acc[size_t(c) * stride];
        double v = double(p);
        if (circuitTable_) {
            const size_t level = size_t(std::min<std::int64_t>(p, pMax_));
            v = std::round(noiseMean_[level] + noiseStd_[level] * fastNormalAt(keys.circuitNoise ^ unsigned(c)));
        }
        y[c] += weight * convert(v, c, keys);
    }
}

std::size_t CimLayer::heldBytes() const
{
    return w_.capacity() * sizeof(std::int64_t) + wFloat_.capacity() * sizeof(float) + enc_.level.capacity()
           + packedLevels_.capacity() * sizeof(std::uint64_t) + lut_.storedBytes() + irDrop_.heldBytes()
           + (adcTable_.capacity() + noiseMean_.capacity() + noiseStd_.capacity()) * sizeof(double);
}

bool CimLayer::usesExactShortcut() const
{
    return exactShortcut_ && dp_.noise.mode == NoiseMode::None && adc_.lossless() && !irDrop_.active() && !adcErrors_.active();
}

std::vector<double> CimLayer::run(const std::vector<std::int64_t>& x, int batch, bool signedInputs) const
{
    const int n = enc_.inputs, m = enc_.outputs;
    if (x.size() != size_t(batch) * size_t(n))
        throw InputError("inputs: expected " + std::to_string(batch) + " x " + std::to_string(n) + " values");
    checkInputs(x, signedInputs);
    if (usesExactShortcut() && dp_.precision.input_bits <= 24) {
        const std::vector<float> xf(x.begin(), x.end());   // exact: |x| < 2^24
        std::vector<double> y(size_t(batch) * size_t(m));
        runExact(xf.data(), batch, y.data(), false);
        return y;
    }
    if (usesExactShortcut())
        return exactDouble(x.data(), batch);
    const bool shift = dp_.mapping.weight_encoding == WeightEncoding::NeuroSimShift;
    // neurosim_shift: inputs shifted by r = −min x to be non-negative, read unsigned.
    std::int64_t r = 0;
    std::vector<std::int64_t> shifted;
    const std::int64_t* data = x.data();
    if (shift) {
        const std::int64_t xmin = x.empty() ? 0 : *std::min_element(x.begin(), x.end());
        r = std::max<std::int64_t>(0, -xmin);
        shifted.resize(x.size());
        for (size_t i = 0; i < x.size(); ++i)
            shifted[i] = x[i] + r;
        data = shifted.data();
        signedInputs = false;
        if (r > 0 && (std::int64_t(1) << dp_.precision.input_bits) - 1 < *std::max_element(shifted.begin(), shifted.end()))
            throw InputError("inputs: after the neurosim_shift input shift the values exceed " + std::to_string(dp_.precision.input_bits) + " bits");
    }
    // Dummy row: the input shift r on every row, read through the same arrays (once per chip/batch).
    std::vector<double> dummyRow(size_t(m), 0.0);
    if (shift && r > 0) {
        std::vector<std::int64_t> rv(size_t(n), r);
        std::vector<double> ycol;
        columnSums(rv.data(), false, ~std::uint64_t(0), ycol, nullptr);
        const double rvSum = double(n) * double(r);
        for (int o = 0; o < m; ++o)
            for (const OutputTerm& t : enc_.terms[size_t(o)])
                if (t.coef > 0)   // data columns only: r · Σ W'
                    dummyRow[size_t(o)] += t.coef * (drift_.active() ? drift_.apply(t.column, ycol[size_t(t.column)], rvSum)
                                                                     : ycol[size_t(t.column)]);
    }
    const double corner = double(n) * double(enc_.weight_shift) * double(r);   // N · wmin · xmin

    std::vector<double> y(size_t(batch) * size_t(m));
    auto emit = [&](int bi, const double* ycol) {
        const std::int64_t* xv = data + size_t(bi) * size_t(n);
        const double xSum = drift_.active() ? double(std::accumulate(xv, xv + n, std::int64_t(0))) : 0.0;
        for (int o = 0; o < m; ++o) {
            double v = 0;
            if (!drift_.active())
                for (const OutputTerm& t : enc_.terms[size_t(o)])
                    v += t.coef * ycol[size_t(t.column)];
            else   // drift compensation: each column's reads scaled digitally
                for (const OutputTerm& t : enc_.terms[size_t(o)])
                    v += t.coef * drift_.apply(t.column, ycol[size_t(t.column)], xSum);
            y[size_t(bi) * size_t(m) + size_t(o)] = shift ? v - dummyRow[size_t(o)] + corner : v;
        }
    };
    std::atomic<bool> stop{false};   // no exception may leave an OpenMP region: flag, then throw
    if (packedReads_ && !irDrop_.active()) {
        // Groups of vectors read together: each packed word (noise-free) or tile of conductances
        // (device mode) is loaded once per group. Integer sums, or the same float order: any
        // grouping gives the same numbers.
        const bool device = dp_.noise.mode == NoiseMode::Device;
        const int group = device ? deviceGroupSize(batch) : kGroup;
        const int groups = (batch + group - 1) / group;
#pragma omp parallel for schedule(dynamic, 1)
        for (int gi = 0; gi < groups; ++gi) {
            if (stop.load(std::memory_order_relaxed) || (cancel_ && cancel_->cancelled())) {
                stop = true;
                continue;
            }
            const int first = gi * group, count = std::min(group, batch - first);
            std::vector<double> ycols;
            if (device)
                deviceColumnSums(data + size_t(first) * size_t(n), count, signedInputs, std::uint64_t(first), ycols);
            else
                packedColumnSums(data + size_t(first) * size_t(n), count, signedInputs, std::uint64_t(first), ycols);
            for (int v = 0; v < count; ++v)
                emit(first + v, &ycols[size_t(v) * size_t(enc_.columns)]);
        }
    } else {
#pragma omp parallel for schedule(dynamic, 4)
        for (int bi = 0; bi < batch; ++bi) {
            if (stop.load(std::memory_order_relaxed) || (cancel_ && cancel_->cancelled())) {
                stop = true;
                continue;
            }
            std::vector<double> ycol;
            columnSums(data + size_t(bi) * size_t(n), signedInputs, std::uint64_t(bi), ycol, nullptr);
            emit(bi, ycol.data());
        }
    }
    if (stop)
        throw Cancelled();
    return y;
}

void CimLayer::planExactChunks()
{
    // Chunks of inputs [k0, k1) in which every output's Σ|w| · max|x| stays ≤ 2^24, with max|x|
    // the input range's bound 2^b: then every partial sum of a chunk's float GEMM, in whatever
    // order it adds, is an integer below 2^24, exact in float. Planned once per layer.
    const int n = enc_.inputs, m = enc_.outputs;
    const double limit = std::ldexp(1.0, 24), xMax = std::ldexp(1.0, dp_.precision.input_bits);
    std::vector<int> bounds{0};
    std::vector<double> l1(size_t(m), 0.0);
    for (int k = 0; k < n; ++k) {
        bool fits = true;
        for (int o = 0; o < m && fits; ++o)
            fits = (l1[size_t(o)] + double(std::abs(w_[size_t(o) * size_t(n) + size_t(k)]))) * xMax <= limit;
        if (!fits && k == bounds.back())
            return;   // one input alone is too wide for float: the double GEMM serves
        if (!fits) {
            bounds.push_back(k);
            std::fill(l1.begin(), l1.end(), 0.0);
        }
        for (int o = 0; o < m; ++o)
            l1[size_t(o)] += double(std::abs(w_[size_t(o) * size_t(n) + size_t(k)]));
    }
    bounds.push_back(n);
    if (bounds.size() > 2)
        for (size_t i = 1; i < bounds.size(); ++i)
            if (bounds[i] - bounds[i - 1] < 32)
                return;   // chunks this narrow are slower than the double GEMM
    exactChunks_ = std::move(bounds);
    wFloat_.assign(w_.begin(), w_.end());   // exact: every |w| · 2^b ≤ 2^24
}

std::vector<double> CimLayer::exactDouble(const std::int64_t* x, int batch) const
{
    // Products of ≤ 16-bit integers summed over ≤ 2^20 terms stay below 2^53: exact in double.
    using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const int n = enc_.inputs, m = enc_.outputs;
    Mat X(batch, n), W(m, n);
    for (size_t k = 0; k < size_t(batch) * size_t(n); ++k)
        X.data()[k] = double(x[k]);
    for (size_t k = 0; k < w_.size(); ++k)
        W.data()[k] = double(w_[k]);
    Mat Y = X * W.transpose();
    return std::vector<double>(Y.data(), Y.data() + Y.size());
}

void CimLayer::runExact(const float* x, int batch, double* y, bool accumulate) const
{
    const int n = enc_.inputs, m = enc_.outputs;
    if (exactChunks_.empty()) {   // too wide for exact float chunks
        const std::vector<std::int64_t> xi(x, x + size_t(batch) * size_t(n));
        const std::vector<double> yd = exactDouble(xi.data(), batch);
        for (size_t k = 0; k < yd.size(); ++k)
            y[k] = accumulate ? y[k] + yd[k] : yd[k];
        return;
    }
    const std::vector<int>& bounds = exactChunks_;
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using Strided = Eigen::Map<const RowMajor, 0, Eigen::OuterStride<>>;
    constexpr int kBlock = 64;
    const int blocks = (batch + kBlock - 1) / kBlock;
#pragma omp parallel for schedule(static)
    for (int b = 0; b < blocks; ++b) {
        const int r0 = b * kBlock, rows = std::min(kBlock, batch - r0);
        RowMajor part(rows, m);
        double* out = y + size_t(r0) * size_t(m);
        for (size_t ci = 0; ci + 1 < bounds.size(); ++ci) {
            const int k0 = bounds[ci], kc = bounds[ci + 1] - k0;
            const Strided X(x + std::ptrdiff_t(r0) * n + k0, rows, kc, Eigen::OuterStride<>(n));
            const Strided W(wFloat_.data() + k0, m, kc, Eigen::OuterStride<>(n));
            part.noalias() = X * W.transpose();
            const bool add = accumulate || k0 > 0;
            for (size_t k = 0; k < size_t(rows) * size_t(m); ++k)
                out[k] = add ? out[k] + double(part.data()[k]) : double(part.data()[k]);
        }
    }
}

void CimLayer::calibrateAdc(const std::vector<std::int64_t>& x, int batch, bool signedInputs)
{
    const bool rangeCalibrated = dp_.precision.adc_mode == AdcMode::Linear && dp_.precision.adc_range != AdcRange::Full;
    if ((dp_.precision.adc_mode != AdcMode::Nonlinear && !rangeCalibrated) || adc_.lossless())
        return;
    const int n = enc_.inputs;
    std::vector<double> samples, ycol;
    const int vectors = std::min(batch, 64);
    const DesignPoint saved = dp_;
    dp_.noise.mode = NoiseMode::None;   // calibrate on ideal partial sums
    const bool circuit = circuitTable_;
    circuitTable_ = false;
    IrDropArrays irDrop = std::move(irDrop_);   // calibrate on ideal partial sums
    irDrop_ = IrDropArrays();
    for (int bi = 0; bi < vectors; ++bi) {
        std::vector<std::int64_t> v(x.begin() + std::ptrdiff_t(bi) * n, x.begin() + std::ptrdiff_t(bi + 1) * n);
        if (dp_.mapping.weight_encoding == WeightEncoding::NeuroSimShift) {
            const std::int64_t xmin = *std::min_element(x.begin(), x.end());
            for (auto& e : v)
                e += std::max<std::int64_t>(0, -xmin);
            columnSums(v.data(), false, 0, ycol, &samples);
        } else {
            columnSums(v.data(), signedInputs, 0, ycol, &samples);
        }
    }
    dp_ = saved;
    circuitTable_ = circuit;
    irDrop_ = std::move(irDrop);
    if (rangeCalibrated && !samples.empty()) {
        // The largest sum, or the given percentile of them (nearest rank).
        const double q = dp_.precision.adc_range == AdcRange::Max ? 1.0 : dp_.precision.adc_range_percentile / 100.0;
        const size_t rank = std::min(samples.size() - 1, size_t(std::ceil(q * double(samples.size()))) - (q > 0 ? 1 : 0));
        std::nth_element(samples.begin(), samples.begin() + std::ptrdiff_t(rank), samples.end());
        adc_.setRange(samples[rank]);
    } else {
        adc_.calibrate(std::move(samples));
    }
    buildAdcTable();
}

std::vector<std::int64_t> CimLayer::exactProduct(const std::vector<std::int64_t>& w, int outputs, int inputs,
                                                 const std::vector<std::int64_t>& x, int batch)
{
    std::vector<std::int64_t> y(size_t(batch) * size_t(outputs), 0);
    for (int b = 0; b < batch; ++b)
        for (int o = 0; o < outputs; ++o) {
            std::int64_t s = 0;
            for (int i = 0; i < inputs; ++i)
                s += w[size_t(o) * size_t(inputs) + size_t(i)] * x[size_t(b) * size_t(inputs) + size_t(i)];
            y[size_t(b) * size_t(outputs) + size_t(o)] = s;
        }
    return y;
}

} // namespace kh::cim
