#include "vmm/DistributionFits.h"

#include "common/InputError.h"
#include "vmm/NelderMead.h"

#include <algorithm>
#include <functional>
#include <cmath>
#include <numeric>

namespace kh::vmm {

namespace {

constexpr double kLogSqrt2Pi = 0.91893853320467274178;   // ln √(2π)

struct Standardized {
    std::vector<double> y;
    double mean = 0, scale = 1;
};

// Fits run on (x − mean) / std for conditioning; parameters are mapped back afterwards and the
// log-likelihood shifted by −n ln(std) (the Jacobian of the change of variables).
Standardized standardize(const std::vector<double>& x)
{
    if (x.size() < 10)
        throw InputError("distribution fits need at least 10 values");
    Standardized s;
    const double n = double(x.size());
    s.mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
    double v = 0;
    for (double e : x)
        v += (e - s.mean) * (e - s.mean);
    s.scale = std::sqrt(v / n);
    if (!(s.scale > 0))
        throw InputError("distribution fits need values that are not all equal");
    s.y.reserve(x.size());
    for (double e : x)
        s.y.push_back((e - s.mean) / s.scale);
    return s;
}

void finish(DistributionFit& f, double logLikStd, const Standardized& s)
{
    f.log_likelihood = logLikStd - double(s.y.size()) * std::log(s.scale);
    f.aic = 2.0 * f.parameter_count - 2.0 * f.log_likelihood;
}

double jsuLogDensity(double y, double gamma, double delta, double xi, double lambda)
{
    const double u = (y - xi) / lambda;
    const double z = gamma + delta * std::asinh(u);
    return std::log(delta) - std::log(lambda) - kLogSqrt2Pi - 0.5 * std::log1p(u * u) - 0.5 * z * z;
}

double sasLogDensity(double y, double mu, double sigma, double epsilon, double delta)
{
    const double u = (y - mu) / sigma;
    const double a = delta * std::asinh(u) - epsilon;
    const double s = std::sinh(a);
    return std::log(delta) + std::log(std::cosh(a)) - std::log(sigma) - kLogSqrt2Pi - 0.5 * std::log1p(u * u) - 0.5 * s * s;
}

double normalLogDensity(double y, double mu, double sigma)
{
    const double z = (y - mu) / sigma;
    return -kLogSqrt2Pi - std::log(sigma) - 0.5 * z * z;
}

// Σ f(i) over i < n in fixed blocks summed in order: parallel, yet the same bits for any thread count.
template <class F>
double blockSum(size_t n, F&& f)
{
    constexpr size_t kBlock = 2048;
    const size_t blocks = (n + kBlock - 1) / kBlock;
    std::vector<double> partial(blocks, 0.0);
#pragma omp parallel for schedule(static)
    for (long long b = 0; b < (long long)blocks; ++b) {
        double sum = 0;
        for (size_t i = size_t(b) * kBlock; i < std::min(n, size_t(b + 1) * kBlock); ++i)
            sum += f(i);
        partial[size_t(b)] = sum;
    }
    return std::accumulate(partial.begin(), partial.end(), 0.0);
}

} // namespace

double DistributionFit::parameter(const std::string& n) const
{
    for (const auto& [key, v] : parameters)
        if (key == n)
            return v;
    throw InputError("fit " + name + " has no parameter " + n);
}

DistributionFit fitNormal(const std::vector<double>& x)
{
    const Standardized s = standardize(x);
    DistributionFit f;
    f.family = Family::Normal;
    f.name = "normal";
    f.parameter_count = 2;
    f.converged = true;
    f.parameters = {{"mu", s.mean}, {"sigma", s.scale}};   // the ML estimates: mean and population std
    double ll = 0;
    for (double y : s.y)
        ll += normalLogDensity(y, 0, 1);
    finish(f, ll, s);
    return f;
}

DistributionFit fitNormalMixture(const std::vector<double>& x, int k)
{
    const Standardized s = standardize(x);
    const size_t n = s.y.size();
    std::vector<double> sorted = s.y;
    std::sort(sorted.begin(), sorted.end());
    // Start: means at evenly spaced quantiles, equal weights, a narrower spread each.
    const size_t kk = static_cast<size_t>(k);
    std::vector<double> w(kk, 1.0 / k), mu(kk, 0.0), sd(kk, 1.0 / std::sqrt(double(k)));
    for (int c = 0; c < k; ++c)
        mu[size_t(c)] = sorted[size_t((double(c) + 0.5) / k * double(n - 1))];
    std::vector<double> resp(n * size_t(k));
    double ll = -1e300;
    bool converged = false;
    for (int it = 0; it < 1000; ++it) {
        // E step (log-sum-exp for stability in the tails); each value's responsibilities are
        // independent, the log-likelihood is summed in fixed blocks.
        const double next = blockSum(n, [&](size_t i) {
            double top = -1e300;
            for (int c = 0; c < k; ++c) {
                const double l = std::log(w[size_t(c)]) + normalLogDensity(s.y[i], mu[size_t(c)], sd[size_t(c)]);
                resp[i * size_t(k) + size_t(c)] = l;
                top = std::max(top, l);
            }
            double sum = 0;
            for (int c = 0; c < k; ++c)
                sum += std::exp(resp[i * size_t(k) + size_t(c)] - top);
            const double logSum = top + std::log(sum);
            for (int c = 0; c < k; ++c)
                resp[i * size_t(k) + size_t(c)] = std::exp(resp[i * size_t(k) + size_t(c)] - logSum);
            return logSum;
        });
        // M step.
        for (int c = 0; c < k; ++c) {
            double nk = 0, m = 0;
            for (size_t i = 0; i < n; ++i) {
                nk += resp[i * size_t(k) + size_t(c)];
                m += resp[i * size_t(k) + size_t(c)] * s.y[i];
            }
            nk = std::max(nk, 1e-9);
            m /= nk;
            double v = 0;
            for (size_t i = 0; i < n; ++i)
                v += resp[i * size_t(k) + size_t(c)] * (s.y[i] - m) * (s.y[i] - m);
            w[size_t(c)] = nk / double(n);
            mu[size_t(c)] = m;
            sd[size_t(c)] = std::max(std::sqrt(v / nk), 1e-4);   // keeps a component from collapsing onto one point
        }
        if (std::abs(next - ll) < 1e-8 * double(n)) {   // ~1e-8 nats per value: the AIC is settled
            ll = next;
            converged = true;
            break;
        }
        ll = next;
    }
    // Components ordered by mean, reported in the data's units.
    std::vector<int> order(kk);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return mu[size_t(a)] < mu[size_t(b)]; });
    DistributionFit f;
    f.family = k == 2 ? Family::Mixture2 : Family::Mixture3;
    f.name = "mixture" + std::to_string(k);
    f.parameter_count = 3 * k - 1;
    f.converged = converged;
    for (int j = 0; j < k; ++j) {
        const size_t c = size_t(order[size_t(j)]);
        const std::string i = std::to_string(j + 1);
        f.parameters.push_back({"w" + i, w[c]});
        f.parameters.push_back({"mu" + i, s.mean + s.scale * mu[c]});
        f.parameters.push_back({"sigma" + i, s.scale * sd[c]});
    }
    finish(f, ll, s);
    return f;
}

namespace {
// Nelder–Mead from each start; the lowest minimum wins (the likelihoods have local optima).
Minimum bestOfStarts(const std::function<double(const std::vector<double>&)>& nll, const std::vector<std::vector<double>>& starts)
{
    Minimum best;
    best.value = 1e300;
    for (const std::vector<double>& start : starts) {
        const Minimum m = nelderMead(nll, start);
        if (m.value < best.value)
            best = m;
    }
    return best;
}
} // namespace

DistributionFit fitJohnsonSU(const std::vector<double>& x)
{
    const Standardized s = standardize(x);
    auto nll = [&](const std::vector<double>& p) {
        const double delta = std::exp(p[1]), lambda = std::exp(p[3]);
        return -blockSum(s.y.size(), [&](size_t i) { return jsuLogDensity(s.y[i], p[0], delta, p[2], lambda); });
    };
    // A few starts from heavy-tailed to near-normal shapes.
    const Minimum best = bestOfStarts(nll, {{0.0, -0.5, 0.0, -0.5}, {0.0, 0.5, 0.0, 0.5}, {0.0, 1.5, 0.0, 1.5}});
    DistributionFit f;
    f.family = Family::JohnsonSU;
    f.name = "johnson_su";
    f.parameter_count = 4;
    f.converged = best.converged;
    f.parameters = {{"gamma", best.x[0]},
                    {"delta", std::exp(best.x[1])},
                    {"xi", s.mean + s.scale * best.x[2]},
                    {"lambda", s.scale * std::exp(best.x[3])}};
    finish(f, -best.value, s);
    return f;
}

DistributionFit fitSinhArcsinh(const std::vector<double>& x)
{
    const Standardized s = standardize(x);
    auto nll = [&](const std::vector<double>& p) {
        const double sigma = std::exp(p[1]), delta = std::exp(p[3]);
        return -blockSum(s.y.size(), [&](size_t i) { return sasLogDensity(s.y[i], p[0], sigma, p[2], delta); });
    };
    const Minimum best = bestOfStarts(nll, {{0.0, 0.0, 0.0, -0.5}, {0.0, 0.0, 0.0, 0.0}, {0.0, 0.0, 0.0, 0.5}});
    DistributionFit f;
    f.family = Family::SinhArcsinh;
    f.name = "sinh_arcsinh";
    f.parameter_count = 4;
    f.converged = best.converged;
    f.parameters = {{"mu", s.mean + s.scale * best.x[0]},
                    {"sigma", s.scale * std::exp(best.x[1])},
                    {"epsilon", best.x[2]},
                    {"delta", std::exp(best.x[3])}};
    finish(f, -best.value, s);
    return f;
}

std::vector<DistributionFit> fitAll(const std::vector<double>& x)
{
    std::vector<DistributionFit> fits{fitNormal(x), fitNormalMixture(x, 2), fitNormalMixture(x, 3), fitJohnsonSU(x), fitSinhArcsinh(x)};
    std::stable_sort(fits.begin(), fits.end(), [](const DistributionFit& a, const DistributionFit& b) { return a.aic < b.aic; });
    return fits;
}

double fittedDensity(const DistributionFit& f, double x)
{
    switch (f.family) {
    case Family::Normal:
        return std::exp(normalLogDensity(x, f.parameter("mu"), f.parameter("sigma")));
    case Family::Mixture2:
    case Family::Mixture3: {
        const int k = f.family == Family::Mixture2 ? 2 : 3;
        double p = 0;
        for (int c = 1; c <= k; ++c) {
            const std::string i = std::to_string(c);
            p += f.parameter("w" + i) * std::exp(normalLogDensity(x, f.parameter("mu" + i), f.parameter("sigma" + i)));
        }
        return p;
    }
    case Family::JohnsonSU:
        return std::exp(jsuLogDensity(x, f.parameter("gamma"), f.parameter("delta"), f.parameter("xi"), f.parameter("lambda")));
    case Family::SinhArcsinh:
        return std::exp(sasLogDensity(x, f.parameter("mu"), f.parameter("sigma"), f.parameter("epsilon"), f.parameter("delta")));
    }
    return 0;
}

double sampleJohnsonSU(double gamma, double delta, double xi, double lambda, double z)
{
    return xi + lambda * std::sinh((z - gamma) / delta);
}

double sampleSinhArcsinh(double mu, double sigma, double epsilon, double delta, double z)
{
    return mu + sigma * std::sinh((std::asinh(z) + epsilon) / delta);
}

} // namespace kh::vmm
