#pragma once
// Content digests for identities that must not depend on file locations or machines: a design
// point's hash in the results store, a network or model file's fingerprint. FNV-1a 64 (Fowler,
// Noll, Vo): not cryptographic, but collisions among even millions of points are ~1e-7 likely.
#include <cstdint>
#include <cstdio>
#include <string>

namespace kh {

inline std::uint64_t fnv1a64(const std::string& bytes, std::uint64_t h = 14695981039346656037ull)
{
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

// 32 hex digits: two FNV-1a passes with different offset bases, so a collision needs both to agree.
inline std::string digestHex(const std::string& bytes)
{
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", (unsigned long long)fnv1a64(bytes),
                  (unsigned long long)fnv1a64(bytes, 0x84222325cbf29ce4ull ^ 0x5bd1e9955bd1e995ull));
    return text;
}

} // namespace kh
