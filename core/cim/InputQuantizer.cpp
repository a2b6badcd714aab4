#include "cim/InputQuantizer.h"

#include <algorithm>
#include <cmath>

namespace kh::cim {

namespace {
// q = clamp(round(x / s), lo, hi) for every input, into T; returns Σ popcount(q mod 2^b), the input
// bit statistics the PPA estimator needs. Branch-free in 32-bit integers (|q| < 2^24), so it
// vectorises: it runs over every element of the unrolled conv inputs.
//
// C is the type x · (1/s) is computed in: float (16 lanes per AVX-512 vector) when |q| ≤ 2^16,
// else double. Either lies within a few ulps of x / s, so it rounds the same way unless it lies
// near a half; those few are redone by division in double, the documented rule. "Near": within
// 4× the product's error bound, (max|q| + 2) · 2^−21 in float, 1e-9 in double (|q| < 2^24).
template <typename C, typename T>
__attribute__((always_inline)) inline double quantizeBody(const float* x, std::size_t count, double scale, double lo, double hi,
                                                          std::int64_t mask, T* q)
{
    constexpr std::int64_t kChunk = 256;
    std::uint64_t bits = 0;
    const std::int32_t lo32 = std::int32_t(lo), hi32 = std::int32_t(hi);
    const std::uint32_t mask32 = std::uint32_t(mask);
    const C inverse = C(1.0 / scale);
    const C nearTol = sizeof(C) == sizeof(float) ? C(std::ldexp(std::max(std::fabs(lo), std::fabs(hi)) + 2.0, -21)) : C(1e-9);
    const C loC = C(lo - 1.0), hiC = C(hi + 1.0);
    // q = clamp(round(t), lo, hi); 'near' tells whether t lies within nearTol of a half.
    auto quantize = [&](auto t, bool& near) {
        using U = decltype(t);
        t = t == t ? t : U(0);   // NaN (a diverged network) reads as 0
        t = t < U(loC) ? U(loC) : (t > U(hiC) ? U(hiC) : t);
        // Round half away from zero, exactly (t − trunc(t) is exact below 2^24), then clamp.
        const std::int32_t ti = std::int32_t(t);
        const U f = t - U(ti);
        const U away = (f < U(0) ? -f : f) - U(0.5);
        near = (away < U(0) ? -away : away) < U(nearTol);
        const std::int32_t v = ti + (f >= U(0.5) ? 1 : 0) - (f <= U(-0.5) ? 1 : 0);
        return v < lo32 ? lo32 : (v > hi32 ? hi32 : v);
    };
    const std::int64_t chunks = (std::int64_t(count) + kChunk - 1) / kChunk;
    for (std::int64_t ci = 0; ci < chunks; ++ci) {
        const std::size_t k0 = std::size_t(ci * kChunk), n = std::min(std::size_t(kChunk), count - k0);
        std::int32_t r[kChunk];
        bool nearHalf[kChunk];
        for (std::size_t k = 0; k < n; ++k)
            r[k] = quantize(C(x[k0 + k]) * inverse, nearHalf[k]);
        for (std::size_t k = 0; k < n; ++k)
            if (nearHalf[k])
                r[k] = quantize(double(x[k0 + k]) / scale, nearHalf[k]);
        for (std::size_t k = 0; k < n; ++k)
            q[k0 + k] = T(r[k]);
        std::uint32_t chunkBits = 0;
        for (std::size_t k = 0; k < n; ++k) {
            // Bit count of q mod 2^b, the SWAR way (vectorises, unlike the popcount call).
            std::uint32_t u = std::uint32_t(r[k]) & mask32;
            u = u - ((u >> 1) & 0x55555555U);
            u = (u & 0x33333333U) + ((u >> 2) & 0x33333333U);
            u = (u + (u >> 4)) & 0x0F0F0F0FU;
            chunkBits += (u * 0x01010101U) >> 24;
        }
        bits += chunkBits;
    }
    return double(bits);
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define KH_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define KH_VECTOR_CLONES
#endif

bool floatProducts(double lo, double hi) { return std::max(std::fabs(lo), std::fabs(hi)) <= 65536.0; }

KH_VECTOR_CLONES double quantizeToFloat(const float* x, std::size_t count, double scale, double lo, double hi, std::int64_t mask, float* q)
{
    return floatProducts(lo, hi) ? quantizeBody<float>(x, count, scale, lo, hi, mask, q) : quantizeBody<double>(x, count, scale, lo, hi, mask, q);
}

KH_VECTOR_CLONES double quantizeToInt(const float* x, std::size_t count, double scale, double lo, double hi, std::int64_t mask,
                                      std::int64_t* q)
{
    return floatProducts(lo, hi) ? quantizeBody<float>(x, count, scale, lo, hi, mask, q) : quantizeBody<double>(x, count, scale, lo, hi, mask, q);
}

// The quantizer over all inputs, in parallel blocks (each calls the vectorised clone; an OpenMP
// region inside a cloned function would be compiled for the baseline). The bit count is an
// integer sum: the same for any thread count.
template <typename T, typename F>
double quantizeAll(F quantize, const float* x, std::size_t count, double scale, double lo, double hi, std::int64_t mask, T* q)
{
    constexpr std::int64_t kBlock = 1 << 14;
    const std::int64_t blocks = (std::int64_t(count) + kBlock - 1) / kBlock;
    double bits = 0;
#pragma omp parallel for schedule(static) reduction(+ : bits)
    for (std::int64_t b = 0; b < blocks; ++b) {
        const std::size_t k0 = std::size_t(b * kBlock);
        bits += quantize(x + k0, std::min(std::size_t(kBlock), count - k0), scale, lo, hi, mask, q + k0);
    }
    return bits;
}

} // namespace

double quantizeInputs(const float* x, std::size_t count, double scale, double lo, double hi, std::int64_t mask, float* q)
{
    return quantizeAll(quantizeToFloat, x, count, scale, lo, hi, mask, q);
}

double quantizeInputs(const float* x, std::size_t count, double scale, double lo, double hi, std::int64_t mask, std::int64_t* q)
{
    return quantizeAll(quantizeToInt, x, count, scale, lo, hi, mask, q);
}

} // namespace kh::cim
