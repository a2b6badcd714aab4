#pragma once
// Counter-based random numbers: every draw is a pure function of (seed, stream, index), so results
// do not depend on how work is split across threads (docs/simulation.md, determinism invariant).
#include <cmath>
#include <cstdint>

namespace kh {

inline std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

inline std::uint64_t hashKey(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0)
{
    return splitmix64(splitmix64(splitmix64(seed ^ 0x5851F42D4C957F2DULL) ^ a) ^ (b * 0x9E3779B97F4A7C15ULL)) ^ c;
}

// Uniform in (0, 1).
inline double uniformAt(std::uint64_t key) { return (double(splitmix64(key) >> 11) + 0.5) * 0x1.0p-53; }

// Standard normal via Box–Muller on two independent uniforms derived from the key.
inline double normalAt(std::uint64_t key)
{
    const double u1 = uniformAt(key), u2 = uniformAt(key ^ 0xD1B54A32D192ED03ULL);
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

} // namespace kh
