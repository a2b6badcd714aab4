#include "nn/TensorLimits.h"

#include "nn/Tensor.h"

#include <atomic>
#include <cmath>

namespace kh::nn {

namespace {
std::atomic<std::int64_t> gMaxElements{kDefaultMaxTensorElements};

std::string limitText() { return std::to_string(maxTensorElements()) + " elements"; }
} // namespace

std::int64_t maxTensorElements() { return gMaxElements.load(std::memory_order_relaxed); }

void setMaxTensorElements(std::int64_t elements) { gMaxElements.store(elements < 1 ? 1 : elements, std::memory_order_relaxed); }

std::size_t checkedElementCount(const std::vector<std::int64_t>& shape)
{
    const std::int64_t limit = maxTensorElements();
    std::int64_t n = 1;
    bool tooLarge = false;
    for (std::int64_t d : shape) {
        if (d < 0)
            throw TensorError("shape " + shapeText(shape) + " has a negative dimension");
        if (d == 0)
            return 0;   // an empty tensor, whatever the other dimensions
        if (tooLarge || __builtin_mul_overflow(n, d, &n) || n > limit)
            tooLarge = true;   // keep scanning: a later 0 makes the tensor empty
    }
    if (tooLarge)
        throw TensorError("shape " + shapeText(shape) + " has more than the limit of " + limitText());
    return std::size_t(n);
}

std::int64_t checkedSizeProduct(std::int64_t a, std::int64_t b)
{
    std::int64_t n = 0;
    if (a < 0 || b < 0)
        throw TensorError("negative size");
    if (__builtin_mul_overflow(a, b, &n) || n > maxTensorElements())
        throw TensorError("a buffer of " + std::to_string(a) + " x " + std::to_string(b) + " elements passes the limit of " + limitText());
    return n;
}

void checkWork(std::initializer_list<std::int64_t> factors, const char* what)
{
    const std::int64_t limit = kWorkPerAllowedElement * maxTensorElements();
    std::int64_t n = 1;
    for (std::int64_t f : factors) {
        if (f <= 0)
            return;   // no work at all
        if (__builtin_mul_overflow(n, f, &n) || n > limit)
            throw TensorError(std::string(what) + " would take more than " + std::to_string(limit) + " operations (the limit is "
                              + std::to_string(kWorkPerAllowedElement) + " per element of the largest allowed tensor)");
    }
}

std::int64_t checkedInt64(double v)
{
    // 2^63 is exactly representable; every double below it converts without overflow.
    if (!std::isfinite(v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0)
        throw TensorError("value " + std::to_string(v) + " is not a valid 64-bit integer");
    return std::int64_t(v);
}

} // namespace kh::nn
