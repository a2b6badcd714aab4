#include "common/NormalZiggurat.h"

#include <cmath>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define KH_ZIGGURAT_AVX512 1
#include <immintrin.h>
#endif

namespace kh {

namespace {
constexpr double kR = 3.6541528853610088;      // x_1: where the tail starts
constexpr double kArea = 0.00492867323399;     // every layer's area under exp(−x²/2)
constexpr double kTwo52 = 4503599627370496.0;  // 2^52
double f(double x) { return std::exp(-0.5 * x * x); }
} // namespace

const NormalZiggurat& NormalZiggurat::instance()
{
    static const NormalZiggurat z;
    return z;
}

NormalZiggurat::NormalZiggurat()
{
    // Each layer i ≥ 1 is the strip between f(x_i) and f(x_{i+1}), x_i wide, of area v; the base
    // layer is the rectangle [0, r] × [0, f(r)] plus the tail beyond r, of the same area.
    x_[0] = kArea / f(kR);
    x_[1] = kR;
    for (int i = 1; i < kLayers - 1; ++i)
        x_[std::size_t(i) + 1] = std::sqrt(-2.0 * std::log(f(x_[std::size_t(i)]) + kArea / x_[std::size_t(i)]));
    x_[kLayers] = 0.0;
    for (int i = 0; i <= kLayers; ++i)
        f_[std::size_t(i)] = f(x_[std::size_t(i)]);
    for (int i = 0; i < kLayers; ++i) {
        scale_[std::size_t(i)] = x_[std::size_t(i)] / kTwo52;
        inner_[std::size_t(i)] = std::uint64_t(x_[std::size_t(i) + 1] / x_[std::size_t(i)] * kTwo52);
    }
#ifdef KH_ZIGGURAT_AVX512
    __builtin_cpu_init();
    vectorFill_ = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
#endif
}

void NormalZiggurat::fill(std::uint64_t base, unsigned first, int count, double* out) const
{
    if (vectorFill_) {
        fillAvx512(base, first, count, out);
        return;
    }
    for (int i = 0; i < count; ++i)
        out[i] = (*this)(base ^ unsigned(first + unsigned(i)));
}

#ifdef KH_ZIGGURAT_AVX512
// GCC 12's AVX-512 headers pass _mm512_undefined_* as the unused source of unmasked operations,
// which -Wmaybe-uninitialized reports once they are inlined here (a false positive of the headers).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// operator() on 8 keys per step, instruction for instruction: splitmix64 in 64-bit lanes, the layer's
// bound and scale gathered, the signed abscissa converted exactly (|j| ≤ 2^52) and multiplied. Lanes
// outside their layer's rectangle (0.7 %) take rare() one by one, as the scalar draw does.
__attribute__((target("avx512f,avx512dq"))) void NormalZiggurat::fillAvx512(std::uint64_t base, unsigned first, int count,
                                                                          double* out) const
{
    const __m512i lane = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), baseV = _mm512_set1_epi64(std::int64_t(base));
    const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFFLL), byte = _mm512_set1_epi64(0xFF);
    const __m512i gamma = _mm512_set1_epi64(std::int64_t(0x9E3779B97F4A7C15ULL));
    const __m512i m1 = _mm512_set1_epi64(std::int64_t(0xBF58476D1CE4E5B9ULL)), m2 = _mm512_set1_epi64(std::int64_t(0x94D049BB133111EBULL));
    for (int i = 0; i < count; i += 8) {
        const __mmask8 live = count - i >= 8 ? __mmask8(0xFF) : __mmask8((1u << (count - i)) - 1u);
        // (first + i + lane) wraps as a 32-bit unsigned, as in the scalar key.
        const __m512i column = _mm512_and_si512(_mm512_add_epi64(_mm512_set1_epi64(std::int64_t(first) + i), lane), low32);
        const __m512i key = _mm512_xor_si512(baseV, column);
        __m512i x = _mm512_add_epi64(key, gamma);
        x = _mm512_mullo_epi64(_mm512_xor_si512(x, _mm512_srli_epi64(x, 30)), m1);
        x = _mm512_mullo_epi64(_mm512_xor_si512(x, _mm512_srli_epi64(x, 27)), m2);
        const __m512i bits = _mm512_xor_si512(x, _mm512_srli_epi64(x, 31));
        const __m512i layer = _mm512_and_si512(bits, byte);
        const __m512i j = _mm512_srai_epi64(bits, 11);
        const __m512i inner = _mm512_i64gather_epi64(layer, reinterpret_cast<const long long*>(inner_.data()), 8);
        const __m512d scale = _mm512_i64gather_pd(layer, scale_.data(), 8);
        const __mmask8 fast = _mm512_cmplt_epu64_mask(_mm512_abs_epi64(j), inner);
        const __m512d v = _mm512_mul_pd(_mm512_cvtepi64_pd(j), scale);
        _mm512_mask_storeu_pd(out + i, live, v);
        const unsigned rareLanes = unsigned(live & ~fast);
        if (rareLanes != 0) {
            alignas(64) std::uint64_t keys[8], draws[8];
            _mm512_store_si512(keys, key);
            _mm512_store_si512(draws, bits);
            for (unsigned m = rareLanes; m != 0; m &= m - 1) {
                const int k = __builtin_ctz(m);
                out[i + k] = rare(keys[k], draws[k]);
            }
        }
    }
}
#pragma GCC diagnostic pop
#else
void NormalZiggurat::fillAvx512(std::uint64_t, unsigned, int, double*) const {}
#endif

double NormalZiggurat::rare(std::uint64_t key, std::uint64_t bits) const
{
    // Further uniforms come from the key's own stream, so the variate stays a function of the key.
    std::uint64_t stream = key;
    auto uniform = [&] {
        stream = splitmix64(stream ^ 0x7A3D1C5B9E2F4A61ULL);
        return (double(stream >> 11) + 0.5) * 0x1.0p-53;
    };
    for (;;) {
        const unsigned layer = unsigned(bits & 0xFF);
        const std::int64_t j = std::int64_t(bits) >> 11;
        const double x = double(j) * scale_[layer];
        if (std::uint64_t(j < 0 ? -j : j) < inner_[layer])
            return x;
        if (layer == 0) {
            // The tail beyond r (Marsaglia's exponential rejection).
            for (;;) {
                const double t = -std::log(uniform()) / kR;
                const double y = -std::log(uniform());
                if (2.0 * y > t * t)
                    return j < 0 ? -(kR + t) : kR + t;
            }
        }
        // The wedge between the rectangle and the curve.
        if (f_[layer] + uniform() * (f_[std::size_t(layer) + 1] - f_[layer]) < f(x))
            return x;
        bits = splitmix64(stream ^ 0x2545F4914F6CDD1DULL);
        stream = bits;
    }
}

} // namespace kh
