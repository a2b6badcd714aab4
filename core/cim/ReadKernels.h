#pragma once
// The inner loops of CimLayer's reads, each compiled for several instruction sets and chosen once
// at run time (AVX-512, AVX2 with POPCNT, or the x86-64 baseline Debian builds for). Every level
// computes exactly the same numbers; tests force each level and compare with the row-by-row reads.
// The AVX-512 level also takes VPOPCNTDQ: the popcount kernel then counts 8 words per instruction.
#include <cstddef>
#include <cstdint>

namespace kh::cim::kernels {

enum class SimdLevel { Baseline, Avx2, Avx512 };
SimdLevel bestSimdLevel();   // what this CPU supports (Baseline under sanitizers and off x86-64);
                             // Avx512 needs AVX512F and VPOPCNTDQ (Ice Lake and later, Zen 4)
SimdLevel simdLevel();       // in use: the best, unless lowered with setSimdLevel
// For tests and benchmarks: use at most 'level' (capped at the best). Not for concurrent use with reads.
void setSimdLevel(SimdLevel level);
const char* simdLevelName(SimdLevel level);

constexpr int kPlaneGroup = 4;   // input vectors read together by planeSums
constexpr int kTile = 64;        // columns per call of sumListedRows

// acc[c·4 + v] = Σ_w Σ_q Σ_k 2^(q+k) · popcount(xm[v][q][w] AND packed[w0+w][k][c]) over the nw
// words of a block: noise-free partial sums of 4 vectors (bit planes, 64 rows per word).
void planeSums(const std::uint64_t* packed, int cols, int levelPlanes, int w0, const std::uint64_t* xm, int digitPlanes, int nw,
               std::int32_t* acc);

// codes[i] += min(acc[i], top): the clip (or lossless) ADC of non-negative integer partial sums.
void addClippedSums(const std::int32_t* acc, std::size_t count, std::int32_t top, std::int32_t* codes);

// acc[c] = Σ_k digit[k] · g[row[k]·cols + c] for c < width ≤ kTile, rows in the listed order
// (ascending: the order of the row-by-row reads, so the float sums are the same). digit null:
// every digit is 1 (bit-serial inputs) and no product is formed.
void sumListedRows(const float* g, std::size_t cols, const std::int32_t* row, const float* digit, std::size_t count, int width,
                   float* acc);

// Two vectors' sums over one full tile (width kTile) with unit digits: the same numbers as two
// sumListedRows calls, with twice as many independent additions in flight (the single form
// waits on the latency of its accumulators' adds).
void sumListedRowsPair(const float* g, std::size_t cols, const std::int32_t* rowA, std::size_t countA, const std::int32_t* rowB,
                       std::size_t countB, float* accA, float* accB);

// codes[c] += clamp(round(analog[c]), 0, top) (round half away from zero; NaN gives 0): the same
// codes as AdcQuantizer's clip mode for top < 2^24.
void addClipCodes(const float* analog, int width, float top, std::int32_t* codes);

} // namespace kh::cim::kernels
