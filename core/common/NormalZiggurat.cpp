#include "common/NormalZiggurat.h"

#include <cmath>

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
}

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
