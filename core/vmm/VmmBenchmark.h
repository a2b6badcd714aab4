#pragma once
// The VMM error benchmark (docs/validation.md §7, after MELISO): program a matrix into a crossbar of a given
// device — differential pairs (G+ − G−), each magnitude mapped to the nearest conductance level the
// device reaches along its (non-linear) pulse-update curve, with device-to-device and
// cycle-to-cycle variation — apply a vector as read voltages, sum currents (I = Σ V·G, Kirchhoff),
// add read noise, scale back to the value domain and compare with the exact product.
// Every non-ideality can be switched off; random numbers are counter-based, so results do not
// depend on the thread count.
#include "common/Progress.h"
#include "io/DenseMatrix.h"
#include "vmm/RramDevice.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kh::vmm {

enum class ValueDistribution { Uniform, Uniform01, Normal, Sparse };

struct VmmOptions {
    int trials = 1000;
    int rows = 32;                 // matrix rows (outputs)
    int cols = 32;                 // matrix columns (inputs, vector length)
    std::uint64_t seed = 1;
    int weight_bits = 0;           // 0: every device state; else 2^bits levels spread over the states
    bool nonlinearity = true;      // level positions follow the NL curve (else evenly spaced)
    bool c2c = true;
    bool d2d = true;
    bool read_noise = true;
    bool depression = false;       // program with depression pulses from G_max (LTD curve)
    ValueDistribution matrix_distribution = ValueDistribution::Uniform;
    ValueDistribution vector_distribution = ValueDistribution::Uniform;
};

// A dense matrix in row-major order.
struct VmmResult {
    std::vector<double> errors;            // pooled y_hat − y over every output of every trial
    std::vector<double> relative_l2;       // per trial ‖y_hat − y‖₂ / ‖y‖₂
    std::vector<double> relative_linf;     // per trial ‖y_hat − y‖∞ / ‖y‖∞
    int levels = 0;                        // conductance levels used
    double seconds = 0;
};

// Random populations: a fresh matrix and vector per trial. progress (optional) hears the share of
// trials done and may cancel (the run then throws Cancelled); results do not depend on it.
VmmResult runVmmBenchmark(const RramDevice& device, const VmmOptions& options, Progress* progress = nullptr);
// User data: one matrix, trial t applies vector t mod vectors.rows (re-programmed every trial).
VmmResult runVmmBenchmark(const RramDevice& device, const VmmOptions& options, const DenseMatrix& matrix,
                          const DenseMatrix& vectors, Progress* progress = nullptr);

// The normalized conductance levels (0..1) a device offers under the options, lowest first.
std::vector<double> conductanceLevels(const RramDevice& device, const VmmOptions& options);

} // namespace kh::vmm
