#include "cim/ReadKernels.h"

#include <algorithm>
#include <atomic>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define KH_X86_DISPATCH 1
#endif

namespace kh::cim::kernels {

namespace {
// GCC vector types; aligned(4) allows unaligned loads from any row of the conductance matrix.
// Each level gets the width of its registers: a 16-float type compiled for AVX2 ran 4× slower.
typedef float Float4 __attribute__((vector_size(16), aligned(4)));
typedef float Float8 __attribute__((vector_size(32), aligned(4)));
typedef float Float16 __attribute__((vector_size(64), aligned(4)));

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

// Explicit vectors: GCC's own vectoriser interleaved rows and left the sums scalar. No FMA is
// enabled at any level, so d·g + a always rounds twice, as in the row-by-row reads.
template <typename V, bool UnitDigits>
KH_INLINE void sumRowsBody(const float* g, std::size_t cols, const std::int32_t* row, const float* digit, std::size_t count,
                           int width, float* acc)
{
    constexpr int kLanes = int(sizeof(V) / sizeof(float));
    constexpr int kVectors = kTile / kLanes;
    V a[kVectors] = {};
    if (width == kTile) {
        // The common case on its own, so the accumulators live in registers.
        for (std::size_t k = 0; k < count; ++k) {
            const V* gv = reinterpret_cast<const V*>(g + std::size_t(row[k]) * cols);
            const float d = UnitDigits ? 1.0f : digit[k];
            for (int i = 0; i < kVectors; ++i)
                a[i] += UnitDigits ? gv[i] : d * gv[i];
        }
        for (int i = 0; i < kVectors; ++i)
            for (int e = 0; e < kLanes; ++e)
                acc[i * kLanes + e] = a[i][e];
        return;
    }
    // A narrow last tile: whole vectors, then single columns.
    const int full = width / kLanes;
    float r[kLanes] = {};
    for (std::size_t k = 0; k < count; ++k) {
        const float* gr = g + std::size_t(row[k]) * cols;
        const V* gv = reinterpret_cast<const V*>(gr);
        const float d = UnitDigits ? 1.0f : digit[k];
        for (int i = 0; i < full; ++i)
            a[i] += UnitDigits ? gv[i] : d * gv[i];
        for (int c = full * kLanes; c < width; ++c)
            r[c - full * kLanes] += UnitDigits ? gr[c] : d * gr[c];
    }
    for (int i = 0; i < full; ++i)
        for (int e = 0; e < kLanes; ++e)
            acc[i * kLanes + e] = a[i][e];
    for (int c = full * kLanes; c < width; ++c)
        acc[c] = r[c - full * kLanes];
}

template <typename V>
KH_INLINE void sumListedRowsBody(const float* g, std::size_t cols, const std::int32_t* row, const float* digit, std::size_t count,
                                 int width, float* acc)
{
    if (digit)
        sumRowsBody<V, false>(g, cols, row, digit, count, width, acc);
    else
        sumRowsBody<V, true>(g, cols, row, digit, count, width, acc);
}

template <typename V>
KH_INLINE void sumPairBody(const float* g, std::size_t cols, const std::int32_t* rowA, std::size_t countA, const std::int32_t* rowB,
                           std::size_t countB, float* accA, float* accB)
{
    constexpr int kLanes = int(sizeof(V) / sizeof(float));
    constexpr int kVectors = kTile / kLanes;
    V a[kVectors] = {}, b[kVectors] = {};
    const std::size_t both = std::min(countA, countB);
    for (std::size_t k = 0; k < both; ++k) {
        const V* ga = reinterpret_cast<const V*>(g + std::size_t(rowA[k]) * cols);
        const V* gb = reinterpret_cast<const V*>(g + std::size_t(rowB[k]) * cols);
        for (int i = 0; i < kVectors; ++i) {
            a[i] += ga[i];
            b[i] += gb[i];
        }
    }
    for (std::size_t k = both; k < countA; ++k) {
        const V* ga = reinterpret_cast<const V*>(g + std::size_t(rowA[k]) * cols);
        for (int i = 0; i < kVectors; ++i)
            a[i] += ga[i];
    }
    for (std::size_t k = both; k < countB; ++k) {
        const V* gb = reinterpret_cast<const V*>(g + std::size_t(rowB[k]) * cols);
        for (int i = 0; i < kVectors; ++i)
            b[i] += gb[i];
    }
    for (int i = 0; i < kVectors; ++i)
        for (int e = 0; e < kLanes; ++e) {
            accA[i * kLanes + e] = a[i][e];
            accB[i * kLanes + e] = b[i][e];
        }
}

KH_INLINE void addClipCodesBody(const float* analog, int width, float top, std::int32_t* codes)
{
    for (int c = 0; c < width; ++c) {
        float x = analog[c] > -1.0f ? analog[c] : -1.0f;   // NaN reads as −1: code 0, as AdcQuantizer
        x = x < top + 1.0f ? x : top + 1.0f;
        // Round half away from zero, exactly: x − trunc(x) is exact in float.
        const std::int32_t t = std::int32_t(x);
        const float f = x - float(t);
        std::int32_t code = t + (f >= 0.5f ? 1 : 0) - (f <= -0.5f ? 1 : 0);
        code = code < 0 ? 0 : code;
        codes[c] += code > std::int32_t(top) ? std::int32_t(top) : code;
    }
}

// One set of entry points per level.
struct Kernels {
    decltype(&kernels::planeSums) planes;
    decltype(&kernels::addClippedSums) clippedSums;
    decltype(&kernels::sumListedRows) listedRows;
    decltype(&kernels::sumListedRowsPair) listedRowsPair;
    decltype(&kernels::addClipCodes) clipCodes;
};

#define KH_LEVEL(name, attr, Vec)                                                                                              \
    attr void planeSums_##name(const std::uint64_t* p, int c, int l, int w0, const std::uint64_t* x, int d, int n,  \
                                         std::int32_t* a)                                                                     \
    {                                                                                                                         \
        planeSumsBody(p, c, l, w0, x, d, n, a);                                                                              \
    }                                                                                                                         \
    attr void addClippedSums_##name(const std::int32_t* a, std::size_t n, std::int32_t t, std::int32_t* c)          \
    {                                                                                                                         \
        addClippedSumsBody(a, n, t, c);                                                                                       \
    }                                                                                                                         \
    attr void sumListedRows_##name(const float* g, std::size_t c, const std::int32_t* r, const float* d, std::size_t n, \
                                             int w, float* a)                                                                 \
    {                                                                                                                         \
        sumListedRowsBody<Vec>(g, c, r, d, n, w, a);                                                                          \
    }                                                                                                                         \
    attr void sumListedRowsPair_##name(const float* g, std::size_t c, const std::int32_t* ra, std::size_t na,                  \
                                       const std::int32_t* rb, std::size_t nb, float* aa, float* ab)                          \
    {                                                                                                                         \
        sumPairBody<Vec>(g, c, ra, na, rb, nb, aa, ab);                                                                      \
    }                                                                                                                         \
    attr void addClipCodes_##name(const float* a, int w, float t, std::int32_t* c) { addClipCodesBody(a, w, t, c); } \
    const Kernels kernels_##name{planeSums_##name, addClippedSums_##name, sumListedRows_##name, sumListedRowsPair_##name,       \
                                 addClipCodes_##name};

#ifdef KH_X86_DISPATCH
KH_LEVEL(avx512, __attribute__((target("avx512f,avx512vpopcntdq,avx2,popcnt"))), Float16)
KH_LEVEL(avx2, __attribute__((target("avx2,popcnt"))), Float8)
#endif
KH_LEVEL(baseline, , Float4)

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

void sumListedRows(const float* g, std::size_t cols, const std::int32_t* row, const float* digit, std::size_t count, int width,
                   float* acc)
{
    active().listedRows(g, cols, row, digit, count, width, acc);
}

void sumListedRowsPair(const float* g, std::size_t cols, const std::int32_t* rowA, std::size_t countA, const std::int32_t* rowB,
                       std::size_t countB, float* accA, float* accB)
{
    active().listedRowsPair(g, cols, rowA, countA, rowB, countB, accA, accB);
}

void addClipCodes(const float* analog, int width, float top, std::int32_t* codes)
{
    active().clipCodes(analog, width, top, codes);
}

} // namespace kh::cim::kernels
