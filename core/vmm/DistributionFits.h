#pragma once
// Maximum-likelihood fits of an error sample (docs/validation.md §7): normal; 2- and 3-component normal
// mixtures (EM, Dempster–Laird–Rubin 1977); Johnson S_U (Johnson, Biometrika 1949); and
// sinh-arcsinh (Jones & Pewsey, Biometrika 2009) — ranked by AIC = 2k − 2 ln L (Akaike 1974).
#include <string>
#include <utility>
#include <vector>

namespace kh::vmm {

enum class Family { Normal, Mixture2, Mixture3, JohnsonSU, SinhArcsinh };

struct DistributionFit {
    Family family = Family::Normal;
    std::string name;                                       // "normal", "mixture2", ...
    std::vector<std::pair<std::string, double>> parameters; // named, in the data's units
    double log_likelihood = 0;
    int parameter_count = 0;
    double aic = 0;
    bool converged = false;
    double parameter(const std::string& name) const;
};

DistributionFit fitNormal(const std::vector<double>& x);
DistributionFit fitNormalMixture(const std::vector<double>& x, int components);
DistributionFit fitJohnsonSU(const std::vector<double>& x);
DistributionFit fitSinhArcsinh(const std::vector<double>& x);
// Every family, best (lowest AIC) first.
std::vector<DistributionFit> fitAll(const std::vector<double>& x);

// Density of a fitted distribution at x (for plotting over a histogram).
double fittedDensity(const DistributionFit& fit, double x);

// Samples of each family (used by the tests that check a fit recovers its own parameters).
double sampleJohnsonSU(double gamma, double delta, double xi, double lambda, double z);
double sampleSinhArcsinh(double mu, double sigma, double epsilon, double delta, double z);

} // namespace kh::vmm
