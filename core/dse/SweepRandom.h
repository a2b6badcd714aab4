#pragma once
// The samplers' random numbers: SplitMix64 (Steele, Lea, Flood, OOPSLA 2014) with our own integer
// and unit-interval mappings, so a seed gives the same sweep on every platform and standard
// library (std::uniform_int_distribution is implementation-defined).
#include <cstdint>

namespace kh {

class SweepRandom {
public:
    explicit SweepRandom(std::uint64_t seed) : state_(seed ^ 0x6a09e667f3bcc909ull) {}
    std::uint64_t next()
    {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 53 random bits.
    double unit() { return double(next() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias < n / 2^64).
    std::uint64_t below(std::uint64_t n) { return std::uint64_t((unsigned __int128)next() * n >> 64); }

private:
    std::uint64_t state_;
};

} // namespace kh
