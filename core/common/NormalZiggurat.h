#pragma once
// Standard normal variates from a counter-based key by Marsaglia and Tsang's ziggurat method
// (G. Marsaglia, W. W. Tsang, "The Ziggurat Method for Generating Random Variables", J. Stat.
// Software 5(8), 2000; 256 layers, r = 3.6541528853610088, layer area v = 0.00492867323399).
//
// Why: the per-read noises (read noise, circuit noise, comparator noise) draw one normal per
// simulated conversion, tens of millions per image. Box–Muller costs two hashes, a log, a sqrt and
// a cosine per draw; here 99.3 % of draws cost one hash, one table lookup, one compare and one
// multiply. The method is exact in distribution (up to the 53-bit abscissa): the rare draws outside
// a layer's inner rectangle take the wedge or tail test, fed by further hashes of the same key, so
// every variate is still a pure function of its key.
#include "common/CounterRng.h"

#include <array>
#include <cstdint>

namespace kh {

class NormalZiggurat {
public:
    static constexpr int kLayers = 256;
    static const NormalZiggurat& instance();

    double operator()(std::uint64_t key) const
    {
        const std::uint64_t bits = splitmix64(key);
        const unsigned layer = unsigned(bits & 0xFF);
        const std::int64_t j = std::int64_t(bits) >> 11;   // signed, |j| ≤ 2^52: exact as a double
        if (std::uint64_t(j < 0 ? -j : j) < inner_[layer])
            return double(j) * scale_[layer];
        return rare(key, bits);
    }

    // out[i] = (*this)(base ^ (first + i)) for i < count, the (first + i) as a 32-bit unsigned: the
    // per-column draws of one read (each column's key is the read's key xor the column). The same
    // numbers as one call per key; with AVX-512 (F and DQ) the common path runs 8 keys at a time.
    void fill(std::uint64_t base, unsigned first, int count, double* out) const;

    // Layer edges x_0 > x_1 = r > … > x_256 = 0 (x_0 = v / f(r) is the base layer's virtual width).
    double edge(int i) const { return x_[std::size_t(i)]; }

private:
    NormalZiggurat();
    double rare(std::uint64_t key, std::uint64_t bits) const;
    void fillAvx512(std::uint64_t base, unsigned first, int count, double* out) const;
    bool vectorFill_ = false;   // the CPU has AVX-512 F and DQ (64-bit lane multiplies and conversions)
    std::array<double, kLayers + 1> x_{}, f_{};     // edges and exp(−x²/2) at them
    std::array<double, kLayers> scale_{};           // x_i / 2^52
    std::array<std::uint64_t, kLayers> inner_{};    // |j| below this: inside layer i's rectangle
};

// One standard normal for the key (the ziggurat above).
inline double fastNormalAt(std::uint64_t key) { return NormalZiggurat::instance()(key); }

} // namespace kh
