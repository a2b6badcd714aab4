// CimLayer's device-mode reads (docs/simulation.md, "Device noise"): the table kernel over the
// drawn fixed-point cells, its row-by-row reference, and the per-read noise keys and conversions
// that both share. The rest of the layer is in CimLayer.cpp.
#include "cim/CimLayer.h"

#include "cim/InputEncoding.h"
#include "cim/ReadKernels.h"
#include "common/CounterRng.h"
#include "common/NormalZiggurat.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

namespace kh::cim {

void CimLayer::deviceColumnSums(const std::int64_t* x, int count, bool signedInputs, std::uint64_t firstKey,
                                std::vector<double>& ycols) const
{
    const int cols = enc_.columns, groups = lut_.groups();
    const int inputBits = dp_.precision.input_bits;
    const bool readNoise = dp_.noise.read_noise_rel > 0;
    const std::vector<InputCycle> cycles = inputCycles(inputBits, bitsPerConversion(dp_), signedInputs);
    const std::vector<RowBlock>& blocks = lut_.blocks();
    const std::size_t nb = blocks.size(), nc = cycles.size();
    // Cycle j reads planes firstPlane … + bits − 1 (ConductanceLut::tableIndices), weighing ±2^m.
    const bool signPlane = !cycles.empty() && cycles.back().signBit;
    std::vector<kernels::LutCycle> lutCycles(nc);
    for (std::size_t j = 0; j < nc; ++j)
        lutCycles[j] = {cycles[j].signBit ? inputBits : cycles[j].shift, cycles[j].signBit ? 1 : int(std::bit_width(std::uint64_t(cycles[j].mask))),
                        std::countr_zero(std::uint64_t(std::abs(cycles[j].weight))), cycles[j].weight < 0};
    const std::size_t planeStride = std::size_t(groups), vectorStride = std::size_t(inputBits + (signPlane ? 1 : 0)) * planeStride;
    std::vector<std::uint8_t> idx(std::size_t(count) * vectorStride);   // [v][plane][group]
    std::vector<std::int64_t> digitSums(readNoise ? std::size_t(count) * nc * nb : 0);   // [v][j][block]: read-noise current
    for (int v = 0; v < count; ++v) {
        const std::int64_t* xv = x + std::size_t(v) * std::size_t(enc_.inputs);
        lut_.tableIndices(xv, inputBits, signPlane, &idx[std::size_t(v) * vectorStride], planeStride);
        if (readNoise)
            for (std::size_t j = 0; j < nc; ++j)
                for (std::size_t bi = 0; bi < nb; ++bi) {
                    std::int64_t digitSum = 0;
                    for (int r = blocks[bi].first; r < blocks[bi].end; ++r)
                        digitSum += inputDigit(xv[r], cycles[j], inputBits);
                    digitSums[(std::size_t(v) * nc + j) * nb + bi] = digitSum;
                }
    }
    // Clip ADC codes are summed as integers, weighted by their cycle: the same double as adding
    // weight · code read by read, because every partial result is an integer below 2^53.
    const bool clipReads = !readNoise && integerClipCodes_;
    const bool noisyClip = readNoise && adc_.clips() && !adcErrors_.active() && adc_.levels() < (1 << 30);
    const std::int32_t clipTop = std::int32_t(adc_.levels() - 1);
    std::vector<std::int64_t> codes(clipReads ? std::size_t(count) * std::size_t(cols) : 0);
    std::vector<std::int32_t> sums(clipReads ? 0 : std::size_t(count) * ConductanceLut::kTileColumns);
    ycols.assign(std::size_t(count) * std::size_t(cols), 0.0);
    constexpr std::size_t kTileInts = std::size_t(ConductanceLut::kEntries) * ConductanceLut::kTileColumns;
    // A block's table tile (1 KB per group) is built once and used for every cycle of every vector;
    // 64-byte aligned, so a 16-column entry is one cache line.
    thread_local std::vector<std::int32_t> tableBuffer;
    std::size_t widestBlock = 0;
    for (const RowBlock& block : blocks)
        widestBlock = std::max(widestBlock, std::size_t(block.groups));
    if (tableBuffer.size() < widestBlock * kTileInts + 16)
        tableBuffer.resize(widestBlock * kTileInts + 16);
    std::int32_t* table = tableBuffer.data();
    while (reinterpret_cast<std::uintptr_t>(table) % 64 != 0)
        ++table;
    for (std::size_t bi = 0; bi < nb; ++bi) {
        const RowBlock& block = blocks[bi];
        for (int t = 0; t < lut_.tiles(); ++t) {
            lut_.buildTables(t, block, table);
            const int c0 = t * ConductanceLut::kTileColumns, width = std::min(ConductanceLut::kTileColumns, cols - c0);
            if (clipReads) {
                kernels::lutClipCodes(table, block.groups, idx.data() + std::size_t(block.firstGroup), vectorStride, planeStride,
                                      lutCycles.data(), int(nc), count, lut_.fractionBits(), clipTop, width, &codes[std::size_t(c0)],
                                      std::size_t(cols));
                continue;
            }
            for (std::size_t j = 0; j < nc; ++j) {
                const std::uint8_t* idxJ = idx.data() + std::size_t(lutCycles[j].firstPlane) * planeStride + std::size_t(block.firstGroup);
                const int bits = lutCycles[j].bits;
                const double weight = cycles[j].weight;
                kernels::lutSums(table, block.groups, idxJ, vectorStride, planeStride, bits, count, sums.data());
                for (int v = 0; v < count; ++v) {
                    const std::int32_t* s = &sums[std::size_t(v) * ConductanceLut::kTileColumns];
                    const std::size_t out = std::size_t(v) * std::size_t(cols) + std::size_t(c0);
                    const std::int64_t digitSum = readNoise ? digitSums[(std::size_t(v) * nc + j) * nb + bi] : 0;
                    const ReadKeys keys = readKeys(firstKey + std::uint64_t(v), (j << 32) | bi);
                    if (noisyClip) {
                        addNoisyClipReads(s, width, digitSum, keys, c0, weight, &ycols[out]);
                        continue;
                    }
                    for (int c = 0; c < width; ++c)
                        ycols[out + std::size_t(c)] += weight * convert(deviceRead(s[c], digitSum, keys, c0 + c), c0 + c, keys);
                }
            }
        }
    }
    if (clipReads)
        for (std::size_t k = 0; k < codes.size(); ++k)
            ycols[k] = double(codes[k]);
}

void CimLayer::addNoisyClipReads(const std::int32_t* sums, int width, std::int64_t digitSum, const ReadKeys& keys, int c0, double weight,
                                 double* y) const
{
    // deviceRead and adc_ of each column: the normals first (the ziggurat's rare paths branch),
    // then the arithmetic as one vector kernel, in the same order as noisyRead.
    double z[ConductanceLut::kTileColumns];
    NormalZiggurat::instance().fill(keys.readNoise, unsigned(c0), width, z);
    for (int c = width; c < ConductanceLut::kTileColumns; ++c)
        z[c] = 0;
    kernels::noisyClipReads(sums, z, lut_.stepsPerUnit(), g0Steps_ * double(digitSum), dp_.noise.read_noise_rel, double(adc_.levels() - 1),
                            weight, width, y);
}

CimLayer::ReadKeys CimLayer::readKeys(std::uint64_t vectorKey, std::uint64_t cycleBlock) const
{
    ReadKeys k;
    if (dp_.noise.read_noise_rel > 0 && dp_.noise.mode == NoiseMode::Device)
        k.readNoise = hashKey(seed_ ^ 0x8EAD, vectorKey, cycleBlock);
    if (circuitTable_)
        k.circuitNoise = hashKey(seed_ ^ 0xC1C, vectorKey, cycleBlock);
    if (adcErrors_.active() && !adcErrors_.isStatic())
        k.comparator = adcErrors_.noiseKey(hashKey(vectorKey, cycleBlock));
    return k;
}

double CimLayer::deviceRead(std::int64_t sum, std::int64_t digitSum, const ReadKeys& keys, int column) const
{
    // exact: a power of two times an integer < 2^53
    return noisyRead(double(sum) * lut_.stepsPerUnit(), digitSum, keys, column);
}

double CimLayer::noisyRead(double analog, std::int64_t digitSum, const ReadKeys& keys, int column) const
{
    if (!(dp_.noise.read_noise_rel > 0) || dp_.noise.mode != NoiseMode::Device)
        return analog;
    // Read noise scales with the whole current, Σ d·G/step = the reference-subtracted sum + g_0/step · Σ d.
    const double current = analog + g0Steps_ * double(digitSum);
    return analog + dp_.noise.read_noise_rel * current * fastNormalAt(keys.readNoise ^ unsigned(column));
}

void CimLayer::deviceColumnSumsRowByRow(const std::int64_t* x, bool signedInputs, std::uint64_t vectorKey, std::vector<double>& ycol) const
{
    const int cols = enc_.columns;
    const std::vector<InputCycle> cycles = inputCycles(dp_.precision.input_bits, bitsPerConversion(dp_), signedInputs);
    std::vector<std::int64_t> sums(static_cast<size_t>(cols));   // fixed-point conductance sums: exact
    ycol.assign(size_t(cols), 0.0);
    const std::vector<RowBlock>& blocks = lut_.blocks();
    // Blocks outermost, then cycles: the order deviceColumnSums adds the ADC outputs in.
    for (size_t bi = 0; bi < blocks.size(); ++bi)
        for (size_t j = 0; j < cycles.size(); ++j) {
            std::fill(sums.begin(), sums.end(), 0);
            std::int64_t digitSum = 0;
            for (int r = blocks[bi].first; r < blocks[bi].end; ++r) {
                const std::int64_t d = inputDigit(x[r], cycles[j], dp_.precision.input_bits);
                digitSum += d;
                if (d != 0)
                    for (int c = 0; c < cols; ++c)
                        sums[size_t(c)] += d * lut_.cell(r, c);
            }
            const ReadKeys keys = readKeys(vectorKey, (j << 32) | bi);
            for (int c = 0; c < cols; ++c)
                ycol[size_t(c)] += cycles[j].weight * convert(deviceRead(sums[size_t(c)], digitSum, keys, c), c, keys);
        }
}

} // namespace kh::cim
