#pragma once
// Integer helpers of the mapping and circuit models.
namespace kh {

// ⌈a / b⌉ for a ≥ 0, b > 0.
constexpr long long ceilDiv(long long a, long long b) { return (a + b - 1) / b; }

// ⌈log2 n⌉ for n ≥ 1 (0 for n ≤ 1): the bits that count n states, the stages of an n-input tree.
constexpr int ceilLog2(long long n)
{
    int b = 0;
    while (b < 62 && (1LL << b) < n)
        ++b;
    return b;
}

} // namespace kh
