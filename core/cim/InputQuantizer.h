#pragma once
// docs/simulation.md, step 1 for the inputs of one linear layer: q = clamp(round(x / s), lo, hi) (round
// half away from zero; NaN reads as 0), in parallel and vectorised, since it runs over every
// element of the unrolled conv inputs. Returns Σ popcount(q mod 2^b) with mask = 2^b − 1: the
// input bit statistics the PPA estimator needs (an integer sum: the same for any thread count).
// Requires |lo|, |hi| < 2^24.
#include <cstddef>
#include <cstdint>

namespace kh::cim {

double quantizeInputs(const float* x, std::size_t count, double scale, double lo, double hi, std::int64_t mask, float* q);
double quantizeInputs(const float* x, std::size_t count, double scale, double lo, double hi, std::int64_t mask, std::int64_t* q);

} // namespace kh::cim
