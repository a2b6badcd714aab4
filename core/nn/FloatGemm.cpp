// The float GEMM of the executor's linear layers (OpRegistry.h: floatLinear), on OpenBLAS.
#include "nn/OpRegistry.h"

#include <cblas.h>

#include <algorithm>
#include <cstddef>
#include <mutex>

namespace kh::nn {

namespace {

// Rows per single-threaded product. The blocks are fixed by the row count alone, so the float
// rounding of every output (each one summed by one call) is the same for any thread count. 256
// rows amortise OpenBLAS's packing of W (out × in values per call) over 256 · in · out MACs.
constexpr int kBlockRows = 256;

// OpenBLAS built for OpenMP runs single-threaded when called inside an active OpenMP region, which
// is what the blocks need; a pthreads build would fan each call out to its own pool (its split of
// the work would then depend on the thread count), so it is held to one thread.
void holdPthreadBuildToOneThread()
{
    static std::once_flag once;
    std::call_once(once, [] {
        if (openblas_get_parallel() == 1)
            openblas_set_num_threads(1);
    });
}

} // namespace

void floatLinear(const float* x, int rows, int in, const float* w, int out, float* y)
{
    holdPthreadBuildToOneThread();
    const int blocks = (rows + kBlockRows - 1) / kBlockRows;
#pragma omp parallel for schedule(static)
    for (int b = 0; b < blocks; ++b) {
        const int r0 = b * kBlockRows, n = std::min(kBlockRows, rows - r0);
        // Y (n × out) = X (n × in) · Wᵀ, all row-major.
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, out, in, 1.0f, x + std::ptrdiff_t(r0) * in, in, w, in, 0.0f,
                    y + std::ptrdiff_t(r0) * out, out);
    }
}

} // namespace kh::nn
