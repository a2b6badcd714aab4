#include "cim/ReadKernels.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <utility>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define KH_X86_DISPATCH 1
#endif

namespace kh::cim::kernels {

namespace {
// GCC vector types; aligned(4) allows loads from any address (the tables are 64-byte aligned, the
// callers' buffers need not be).
// Each level gets the width of its registers: a 16-float type compiled for AVX2 ran 4× slower.
typedef std::int32_t Int4 __attribute__((vector_size(16), aligned(4)));
typedef std::int32_t Int8 __attribute__((vector_size(32), aligned(4)));
typedef std::int32_t Int16 __attribute__((vector_size(64), aligned(4)));
// Half the lanes, 64 bits wide: one register. A 64-bit type with all the lanes spans two, and
// GCC kept such accumulators in memory.
typedef std::int64_t Long2 __attribute__((vector_size(16)));
typedef std::int64_t Long4 __attribute__((vector_size(32)));
typedef std::int64_t Long8 __attribute__((vector_size(64)));

// Doubles for the noisy conversions, with int32 vectors of the same lane count for truncation
// (values are pre-clamped to [−1, top + 1] with top < 2^31, where int32 and int64 truncation agree).
typedef double Double2 __attribute__((vector_size(16), aligned(8)));
typedef double Double4 __attribute__((vector_size(32), aligned(8)));
typedef double Double8 __attribute__((vector_size(64), aligned(8)));
typedef std::int32_t Int2 __attribute__((vector_size(8), aligned(4)));

#define KH_INLINE __attribute__((always_inline)) inline

KH_INLINE void planeSumsBody(const std::uint64_t* packed, int cols, int levelPlanes, int w0, const std::uint64_t* xm,
                             int digitPlanes, int nw, std::int32_t* acc)
{
    std::fill(acc, acc + std::size_t(kPlaneGroup) * std::size_t(cols), 0);
    for (int w = 0; w < nw; ++w)
        for (int q = 0; q < digitPlanes; ++q) {
            std::uint64_t x[kPlaneGroup];
            std::uint64_t any = 0;
            for (int v = 0; v < kPlaneGroup; ++v) {
                x[v] = xm[(v * digitPlanes + q) * nw + w];
                any |= x[v];
            }
            if (any == 0)
                continue;   // 64 rows without a 1 in this digit plane of any vector: nothing to read
            for (int k = 0; k < levelPlanes; ++k) {
                // One word of every column, contiguous: the reads stream through memory.
                const std::uint64_t* L = packed + (std::size_t(w0 + w) * std::size_t(levelPlanes) + std::size_t(k)) * std::size_t(cols);
                const int shift = q + k;
                for (int c = 0; c < cols; ++c) {
                    const std::uint64_t l = L[c];
                    for (int v = 0; v < kPlaneGroup; ++v)
                        acc[std::size_t(c) * kPlaneGroup + std::size_t(v)] += std::int32_t(__builtin_popcountll(x[v] & l)) << shift;
                }
            }
        }
}

KH_INLINE void addClippedSumsBody(const std::int32_t* acc, std::size_t count, std::int32_t top, std::int32_t* codes)
{
    for (std::size_t i = 0; i < count; ++i)
        codes[i] += acc[i] < top ? acc[i] : top;
}

// The table sums of one vector over one 16-column tile, in registers.
template <typename V>
struct TileSums {
    static constexpr int kLanes = int(sizeof(V) / sizeof(std::int32_t));
    static constexpr int kVectors = kLutColumns / kLanes;
    V total[kVectors];
};

// Σ_g of one bit plane's table entries. Four groups per step from one 32-bit load of their indices,
// into two sets of sums: a loop of one load, index arithmetic and one add per group ran at half
// the speed (about 2 ns against 1 per 64-byte entry in a microbenchmark).
template <typename V>
KH_INLINE void planeSum(const std::int32_t* lut, int groups, const std::uint8_t* ix, V (&sum)[TileSums<V>::kVectors])
{
    constexpr int kVectors = TileSums<V>::kVectors;
    constexpr std::size_t kGroupInts = std::size_t(16) * kLutColumns;   // one group's 16 entries
    V a[kVectors] = {}, b[kVectors] = {};
    // 'offset8': the entry's byte offset / 8, so the address is one x86 operand (scale 8); the
    // indices, at most 15, times 8 stay within their bytes: one shift scales all four.
    auto add = [&](V(&s)[kVectors], const std::int32_t* group, std::size_t offset8) {
        const V* e = reinterpret_cast<const V*>(reinterpret_cast<const char*>(group) + offset8 * 8);
        for (int i = 0; i < kVectors; ++i)
            s[i] += e[i];
    };
    static_assert(kLutColumns * sizeof(std::int32_t) == 64, "an entry is 64 bytes: index · 8 · 8");
    int g = 0;
    for (; g + 4 <= groups; g += 4, lut += 4 * kGroupInts) {
        std::uint32_t four;
        std::memcpy(&four, ix + g, sizeof four);
        four <<= 3;
        add(a, lut, four & 255U);
        add(b, lut + kGroupInts, (four >> 8) & 255U);
        add(a, lut + 2 * kGroupInts, (four >> 16) & 255U);
        add(b, lut + 3 * kGroupInts, four >> 24);
    }
    for (; g < groups; ++g, lut += kGroupInts)
        add(a, lut, std::size_t(ix[g]) * 8);
    for (int i = 0; i < kVectors; ++i)
        sum[i] = a[i] + b[i];
}

template <typename V>
KH_INLINE TileSums<V> tileSums(const std::int32_t* lut, int groups, const std::uint8_t* ix, std::size_t bitStride, int bits)
{
    TileSums<V> t{};
    for (int b = 0; b < bits; ++b, ix += bitStride) {
        V s[TileSums<V>::kVectors];
        planeSum<V>(lut, groups, ix, s);
        for (int i = 0; i < TileSums<V>::kVectors; ++i)
            t.total[i] += s[i] << b;   // exact: the table's bound covers the weighted sum
    }
    return t;
}

template <typename V>
KH_INLINE void lutSumsBody(const std::int32_t* lut, int groups, const std::uint8_t* idx, std::size_t vectorStride, std::size_t bitStride,
                           int bits, int count, std::int32_t* out)
{
    for (int v = 0; v < count; ++v) {
        const TileSums<V> t = tileSums<V>(lut, groups, idx + std::size_t(v) * vectorStride, bitStride, bits);
        for (int i = 0; i < TileSums<V>::kVectors; ++i)
            for (int e = 0; e < TileSums<V>::kLanes; ++e)
                out[std::size_t(v) * kLutColumns + std::size_t(i * TileSums<V>::kLanes + e)] = t.total[i][e];
    }
}

template <int kOffset, std::size_t... I>
constexpr std::index_sequence<(kOffset + I)...> offsetSequence(std::index_sequence<I...>)
{
    return {};
}

// acc += (lanes I of v, widened to 64 bits) · 2^shift.
template <typename W, typename V, std::size_t... I>
KH_INLINE void addWidened(W& acc, const V& v, int shift, std::index_sequence<I...>)
{
    acc += __builtin_convertvector(__builtin_shufflevector(v, v, int(I)...), W) << shift;
}

// True when no row of the block has a 1 in planes first … first + bits − 1: the sums are 0, and so
// are their codes. High bit planes of ReLU activations often are.
KH_INLINE bool planesEmpty(const std::uint8_t* ix, int groups, std::size_t bitStride, int bits)
{
    std::uint64_t any = 0;
    for (int b = 0; b < bits; ++b, ix += bitStride) {
        int g = 0;
        for (; g + 8 <= groups; g += 8) {
            std::uint64_t eight;
            std::memcpy(&eight, ix + g, sizeof eight);
            any |= eight;
        }
        if (g + 4 <= groups) {
            std::uint32_t four;
            std::memcpy(&four, ix + g, sizeof four);
            any |= four;
            g += 4;
        }
        for (; g < groups; ++g)
            any |= ix[g];
    }
    return any == 0;
}

// kWide: codes weighted by their cycles are summed in 64-bit lanes, needed when Σ_j 2^m_j · top
// may pass 2^31 (wide inputs with a wide ADC); otherwise in 32-bit lanes, a third of the work.
template <typename V, typename W, bool kWide>
KH_INLINE void lutClipCodesBody(const std::int32_t* lut, int groups, const std::uint8_t* idx, std::size_t vectorStride, std::size_t bitStride,
                                const LutCycle* cycles, int cycleCount, int count, int shift, std::int32_t top, int width,
                                std::int64_t* codes, std::size_t codeStride)
{
    constexpr int kLanes = TileSums<V>::kLanes, kVectors = TileSums<V>::kVectors, kHalf = kLanes / 2;
    for (int v = 0; v < count; ++v) {
        V narrow[kVectors] = {};
        W wide[2 * kVectors] = {};   // two per V: its low and high lanes
        for (int j = 0; j < cycleCount; ++j) {
            const LutCycle& cy = cycles[j];
            const std::uint8_t* ix = idx + std::size_t(v) * vectorStride + std::size_t(cy.firstPlane) * bitStride;
            if (planesEmpty(ix, groups, bitStride, cy.bits))
                continue;
            const std::int32_t negate = cy.negative ? -1 : 0;
            const TileSums<V> t = tileSums<V>(lut, groups, ix, bitStride, cy.bits);
            for (int i = 0; i < kVectors; ++i) {
                // round(s · 2^−k) for s ≥ 0 is floor(s/2^k + 1/2) = (floor(s/2^(k−1)) + 1) >> 1, with no
                // overflow near 2^31; every negative s gives a code ≤ 0, as round() does.
                V c = shift > 0 ? ((t.total[i] >> (shift - 1)) + 1) >> 1 : t.total[i];
                c = c < 0 ? V{} : c;
                c = c > top ? V{} + top : c;
                // ±: (c XOR m) − m with m all ones negates c, with m zero keeps it (no branch; in
                // 32-bit lanes, where a 64-bit broadcast of m went through the stack).
                c = (c ^ negate) - negate;
                if constexpr (kWide) {
                    addWidened(wide[2 * i], c, cy.weightShift, std::make_index_sequence<kHalf>{});
                    addWidened(wide[2 * i + 1], c, cy.weightShift, offsetSequence<kHalf>(std::make_index_sequence<kHalf>{}));
                } else {
                    narrow[i] += c << cy.weightShift;
                }
            }
        }
        if constexpr (!kWide)
            for (int i = 0; i < kVectors; ++i) {
                addWidened(wide[2 * i], narrow[i], 0, std::make_index_sequence<kHalf>{});
                addWidened(wide[2 * i + 1], narrow[i], 0, offsetSequence<kHalf>(std::make_index_sequence<kHalf>{}));
            }
        std::int64_t* out = codes + std::size_t(v) * codeStride;
        if (width == kLutColumns) {   // whole registers (one code per lane, added in place)
            for (int i = 0; i < 2 * kVectors; ++i) {
                W o;
                std::memcpy(&o, out + i * kHalf, sizeof o);
                o += wide[i];
                std::memcpy(out + i * kHalf, &o, sizeof o);
            }
        } else {
            for (int c = 0; c < width; ++c)
                out[c] += wide[c / kHalf][c % kHalf];
        }
    }
}

template <typename V, typename W>
KH_INLINE void lutClipCodesLevel(const std::int32_t* lut, int groups, const std::uint8_t* idx, std::size_t vectorStride, std::size_t bitStride,
                                 const LutCycle* cycles, int cycleCount, int count, int shift, std::int32_t top, int width,
                                 std::int64_t* codes, std::size_t codeStride)
{
    // Σ_j 2^m_j · top bounds |Σ_j ±2^m_j · code_j|; checked term by term, so nothing overflows.
    bool wide = false;
    std::int64_t bound = 0;
    for (int j = 0; j < cycleCount && !wide; ++j) {
        wide = cycles[j].weightShift >= 31;
        if (!wide)
            bound += std::int64_t(top) << cycles[j].weightShift;
        wide = wide || bound >= (std::int64_t(1) << 31);
    }
    if (!wide)
        lutClipCodesBody<V, W, false>(lut, groups, idx, vectorStride, bitStride, cycles, cycleCount, count, shift, top, width, codes, codeStride);
    else
        lutClipCodesBody<V, W, true>(lut, groups, idx, vectorStride, bitStride, cycles, cycleCount, count, shift, top, width, codes, codeStride);
}

// One set of entry points per level.
// noisyClipReads, D lanes at a time: the scalar expressions of CimLayer::noisyRead and
// AdcQuantizer::clipCode, operation for operation (no contraction: -ffp-contract=off), so every
// level gives the scalar path's numbers.
template <typename D, typename I>
KH_INLINE void noisyClipReadsBody(const std::int32_t* sums, const double* z, double spu, double base, double rel, double top, double weight,
                                  int width, double* y)
{
    constexpr int kLanes = int(sizeof(D) / sizeof(double));
    const D zero = D{} + 0.0, one = zero + 1.0, half = zero + 0.5, minusOne = zero - 1.0, topV = zero + top, top1 = zero + (top + 1.0);
    for (int c0 = 0; c0 < kLutColumns; c0 += kLanes) {
        if (c0 >= width)
            break;
        I s;
        D zv;
        std::memcpy(&s, sums + c0, sizeof(I));
        std::memcpy(&zv, z + c0, sizeof(D));
        const D analog = __builtin_convertvector(s, D) * spu;
        const D current = analog + base;
        D v = analog + rel * current * zv;
        v = v < minusOne ? minusOne : v;
        v = top1 < v ? top1 : v;
        const D t = __builtin_convertvector(__builtin_convertvector(v, I), D);
        const D f = v - t;
        D r = t + (f >= half ? one : zero) - (f <= -half ? one : zero);
        r = r < zero ? zero : r;
        r = r > topV ? topV : r;
        const D add = weight * r;
        if (c0 + kLanes <= width) {
            D out;
            std::memcpy(&out, y + c0, sizeof(D));
            out += add;
            std::memcpy(y + c0, &out, sizeof(D));
        } else {
            for (int c = 0; c < width - c0; ++c)
                y[c0 + c] += add[c];
        }
    }
}

struct Kernels {
    decltype(&kernels::planeSums) planes;
    decltype(&kernels::addClippedSums) clippedSums;
    decltype(&kernels::lutSums) lutSums;
    decltype(&kernels::lutClipCodes) lutClipCodes;
    decltype(&kernels::noisyClipReads) noisyClipReads;
};

#define KH_LEVEL(name, attr, Vec, Wide, Dbl, HalfInt)                                                                                              \
    attr void planeSums_##name(const std::uint64_t* p, int c, int l, int w0, const std::uint64_t* x, int d, int n,  \
                                         std::int32_t* a)                                                                     \
    {                                                                                                                         \
        planeSumsBody(p, c, l, w0, x, d, n, a);                                                                              \
    }                                                                                                                         \
    attr void addClippedSums_##name(const std::int32_t* a, std::size_t n, std::int32_t t, std::int32_t* c)          \
    {                                                                                                                         \
        addClippedSumsBody(a, n, t, c);                                                                                       \
    }                                                                                                                         \
    attr void lutSums_##name(const std::int32_t* l, int g, const std::uint8_t* i, std::size_t vs, std::size_t bs, int b, int n,  \
                             std::int32_t* o)                                                                                 \
    {                                                                                                                         \
        lutSumsBody<Vec>(l, g, i, vs, bs, b, n, o);                                                                          \
    }                                                                                                                         \
    attr void lutClipCodes_##name(const std::int32_t* l, int g, const std::uint8_t* i, std::size_t vs, std::size_t bs,        \
                                  const LutCycle* cy, int nc, int n, int k, std::int32_t t, int w, std::int64_t* c, std::size_t cs) \
    {                                                                                                                         \
        lutClipCodesLevel<Vec, Wide>(l, g, i, vs, bs, cy, nc, n, k, t, w, c, cs);                                             \
    }                                                                                                                         \
    attr void noisyClipReads_##name(const std::int32_t* s, const double* z, double spu, double b, double r, double t, double w, int n, \
                                    double* y)                                                                                \
    {                                                                                                                         \
        noisyClipReadsBody<Dbl, HalfInt>(s, z, spu, b, r, t, w, n, y);                                                        \
    }                                                                                                                         \
    const Kernels kernels_##name{planeSums_##name, addClippedSums_##name, lutSums_##name, lutClipCodes_##name, noisyClipReads_##name};

#ifdef KH_X86_DISPATCH
KH_LEVEL(avx512, __attribute__((target("avx512f,avx512vpopcntdq,avx2,popcnt"))), Int16, Long8, Double8, Int8)
KH_LEVEL(avx2, __attribute__((target("avx2,popcnt"))), Int8, Long4, Double4, Int4)
#endif
KH_LEVEL(baseline, , Int4, Long2, Double2, Int2)

SimdLevel detectBest()
{
#ifdef KH_X86_DISPATCH
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq") && __builtin_cpu_supports("avx2")
        && __builtin_cpu_supports("popcnt"))
        return SimdLevel::Avx512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
        return SimdLevel::Avx2;
#endif
    return SimdLevel::Baseline;
}

std::atomic<SimdLevel>& level()
{
    static std::atomic<SimdLevel> current{bestSimdLevel()};
    return current;
}

const Kernels& active()
{
#ifdef KH_X86_DISPATCH
    switch (level().load(std::memory_order_relaxed)) {
    case SimdLevel::Avx512: return kernels_avx512;
    case SimdLevel::Avx2: return kernels_avx2;
    case SimdLevel::Baseline: break;
    }
#endif
    return kernels_baseline;
}
} // namespace

SimdLevel bestSimdLevel()
{
    static const SimdLevel best = detectBest();
    return best;
}

SimdLevel simdLevel() { return level().load(); }

void setSimdLevel(SimdLevel l) { level().store(std::min(l, bestSimdLevel())); }

const char* simdLevelName(SimdLevel l)
{
    switch (l) {
    case SimdLevel::Avx512: return "AVX-512";
    case SimdLevel::Avx2: return "AVX2";
    case SimdLevel::Baseline: break;
    }
    return "baseline";
}

void planeSums(const std::uint64_t* packed, int cols, int levelPlanes, int w0, const std::uint64_t* xm, int digitPlanes, int nw,
               std::int32_t* acc)
{
    active().planes(packed, cols, levelPlanes, w0, xm, digitPlanes, nw, acc);
}

void addClippedSums(const std::int32_t* acc, std::size_t count, std::int32_t top, std::int32_t* codes)
{
    active().clippedSums(acc, count, top, codes);
}

void lutSums(const std::int32_t* lut, int groups, const std::uint8_t* idx, std::size_t vectorStride, std::size_t bitStride, int bits,
             int count, std::int32_t* out)
{
    active().lutSums(lut, groups, idx, vectorStride, bitStride, bits, count, out);
}

void lutClipCodes(const std::int32_t* lut, int groups, const std::uint8_t* idx, std::size_t vectorStride, std::size_t bitStride,
                  const LutCycle* cycles, int cycleCount, int count, int shift, std::int32_t top, int width, std::int64_t* codes,
                  std::size_t codeStride)
{
    active().lutClipCodes(lut, groups, idx, vectorStride, bitStride, cycles, cycleCount, count, shift, top, width, codes, codeStride);
}

void noisyClipReads(const std::int32_t* sums, const double* z, double stepsPerUnit, double baseCurrent, double readNoiseRel, double top,
                    double weight, int width, double* y)
{
    active().noisyClipReads(sums, z, stepsPerUnit, baseCurrent, readNoiseRel, top, weight, width, y);
}

} // namespace kh::cim::kernels
