#pragma once
// The inner loops of CimLayer's reads, each compiled for several instruction sets and chosen once
// at run time (AVX-512, AVX2 with POPCNT, or the x86-64 baseline Debian builds for). Every level
// computes exactly the same numbers; tests force each level and compare with the row-by-row reads.
// The AVX-512 level also takes VPOPCNTDQ: the popcount kernel then counts 8 words per instruction.
#include <cstddef>
#include <cstdint>

namespace kh::cim::kernels {

enum class SimdLevel { Baseline, Avx2, Avx512 };
SimdLevel bestSimdLevel();   // what this CPU supports (Baseline off x86-64 and with clang);
                             // Avx512 needs AVX512F and VPOPCNTDQ (Ice Lake and later, Zen 4)
SimdLevel simdLevel();       // in use: the best, unless lowered with setSimdLevel
// For tests and benchmarks: use at most 'level' (capped at the best). Not for concurrent use with reads.
void setSimdLevel(SimdLevel level);
const char* simdLevelName(SimdLevel level);

constexpr int kPlaneGroup = 4;   // input vectors read together by planeSums
constexpr int kLutColumns = 16;  // columns of one ConductanceLut tile

// acc[c·4 + v] = Σ_w Σ_q Σ_k 2^(q+k) · popcount(xm[v][q][w] AND packed[w0+w][k][c]) over the nw
// words of a block: noise-free partial sums of 4 vectors (bit planes, 64 rows per word).
void planeSums(const std::uint64_t* packed, int cols, int levelPlanes, int w0, const std::uint64_t* xm, int digitPlanes, int nw,
               std::int32_t* acc);

// codes[i] += min(acc[i], top): the clip (or lossless) ADC of non-negative integer partial sums.
void addClippedSums(const std::int32_t* acc, std::size_t count, std::int32_t top, std::int32_t* codes);

// Device-mode block sums from ConductanceLut tables, for 'count' vectors over one 16-column tile:
// out[v·16 + c] = Σ_b 2^b · Σ_g lut[(g·16 + idx[v·vectorStride + b·bitStride + g])·16 + c] over the
// block's 'groups' groups (lut points at its first) and the 'bits' bits of the cycle's digits
// (idx: per group, the group's rows' digit bit b as a 4-bit number). Integer sums: exact.
void lutSums(const std::int32_t* lut, int groups, const std::uint8_t* idx, std::size_t vectorStride, std::size_t bitStride, int bits,
             int count, std::int32_t* out);

// One input cycle of lutClipCodes: its digits' bit planes and its weight ±2^weightShift.
struct LutCycle {
    int firstPlane = 0, bits = 1, weightShift = 0;
    bool negative = false;
};

// lutSums fused with the clip ADC, for every cycle of a block: codes[v·codeStride + c] +=
// Σ_j ±2^weightShift_j · clamp(round(sum_j · 2^−shift), 0, top) for c < width, where sum_j is
// lutSums over cycle j's planes (idx + firstPlane_j · bitStride), rounding half away from zero
// (negative sums give code 0). All in integers: exact. Entry 0 of every group (no rows) must be 0:
// cycles whose planes have no 1 in the block are skipped.
void lutClipCodes(const std::int32_t* lut, int groups, const std::uint8_t* idx, std::size_t vectorStride, std::size_t bitStride,
                  const LutCycle* cycles, int cycleCount, int count, int shift, std::int32_t top, int width, std::int64_t* codes,
                  std::size_t codeStride);

// Device-mode reads with read noise through a clip (or lossless) ADC, for one 16-column tile
// (sums: 16 block sums in fixed point, z: 16 standard normals): for c < width,
// y[c] += weight · clamp(round(a + rel·(a + base)·z[c]), 0, top) with a = sums[c]·stepsPerUnit,
// rounding half away from zero; the numbers of CimLayer's scalar noisyRead and AdcQuantizer.
void noisyClipReads(const std::int32_t* sums, const double* z, double stepsPerUnit, double baseCurrent, double readNoiseRel, double top,
                    double weight, int width, double* y);

} // namespace kh::cim::kernels
