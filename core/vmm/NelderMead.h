#pragma once
// Derivative-free minimisation (Nelder & Mead, Computer Journal 7, 1965) with the standard
// reflection 1, expansion 2, contraction ½ and shrink ½ coefficients. Used for the maximum-
// likelihood fits whose likelihoods have no closed-form optimum (Johnson S_U, sinh-arcsinh).
#include <functional>
#include <vector>

namespace kh::vmm {

struct Minimum {
    std::vector<double> x;
    double value = 0;
    int iterations = 0;
    bool converged = false;
};

Minimum nelderMead(const std::function<double(const std::vector<double>&)>& f, std::vector<double> start, double step = 0.5,
                   int maxIterations = 4000, double tolerance = 1e-10);

} // namespace kh::vmm
