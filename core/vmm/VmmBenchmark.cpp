#include "vmm/VmmBenchmark.h"

#include "common/CounterRng.h"
#include "common/InputError.h"

#include <algorithm>
#include <atomic>
#include <omp.h>
#include <chrono>
#include <cmath>

namespace kh::vmm {

namespace {

using kh::hashKey;
using kh::normalAt;
using kh::uniformAt;

double drawValue(ValueDistribution d, std::uint64_t key)
{
    switch (d) {
    case ValueDistribution::Uniform01:
        return uniformAt(key);
    case ValueDistribution::Normal:
        return 0.5 * normalAt(key);
    case ValueDistribution::Sparse:
        return uniformAt(key ^ 0x5A5A) < 0.5 ? 0.0 : 2 * uniformAt(key) - 1;
    case ValueDistribution::Uniform:
        break;
    }
    return 2 * uniformAt(key) - 1;
}

// One programmed device: the conductance (S) that reading will see.
struct Programmer {
    const RramDevice& device;
    const VmmOptions& options;
    std::vector<double> levels;      // normalized 0..1
    std::vector<double> levelSigma;  // measured spread per level (S), mem_states devices only
    double gMax = 0, gMin = 0;

    Programmer(const RramDevice& d, const VmmOptions& o) : device(d), options(o), levels(conductanceLevels(d, o))
    {
        if (!d.levels.empty()) {
            gMin = d.levels.front().g_mean_s;
            gMax = d.levels.back().g_mean_s;
            levelSigma = levelSigmas();
        } else {
            gMax = 1.0 / d.r_on_ohm;
            gMin = gMax / d.memory_window;
        }
    }

    std::vector<double> levelSigmas() const
    {
        // The levels used are an evenly spaced subset of the table's rows.
        std::vector<double> s;
        const int n = int(levels.size()), states = int(device.levels.size());
        for (int k = 0; k < n; ++k)
            s.push_back(device.levels[size_t(n == 1 ? 0 : (long long)k * (states - 1) / (n - 1))].g_sigma_s);
        return s;
    }

    // Nearest level to u ∈ [0, 1] (levels rise monotonically).
    size_t nearest(double u) const
    {
        const auto it = std::lower_bound(levels.begin(), levels.end(), u);
        if (it == levels.begin())
            return 0;
        if (it == levels.end())
            return levels.size() - 1;
        const size_t hi = size_t(it - levels.begin());
        return (levels[hi] - u) < (u - levels[hi - 1]) ? hi : hi - 1;
    }

    double program(double u, std::uint64_t key) const
    {
        const size_t k = nearest(u);
        double lo = gMin, hi = gMax;
        if (options.d2d && device.d2d > 0) {   // this device's own window
            lo *= 1 + device.d2d * normalAt(key ^ 0xD2D0);
            hi *= 1 + device.d2d * normalAt(key ^ 0xD2D1);
        }
        double g = lo + levels[k] * (hi - lo);
        if (options.c2c) {
            if (!levelSigma.empty())
                g += levelSigma[k] * normalAt(key ^ 0xC2C);   // measured spread of this state
            else if (device.c2c > 0)
                g *= 1 + device.c2c * normalAt(key ^ 0xC2C);   // relative spread of a programming cycle
        }
        return std::max(g, 0.0);
    }
};

struct TrialOutcome {
    double l2 = 0, linf = 0;
};

// One trial: program a (rows × cols), read with x, write y_hat − y into err (rows values).
TrialOutcome runTrial(const Programmer& prog, const VmmOptions& o, const double* a, const double* x, int rows, int cols,
                      std::uint64_t trialKey, double* err)
{
    double amax = 0;
    for (int k = 0; k < rows * cols; ++k)
        amax = std::max(amax, std::abs(a[k]));
    const double scale = amax > 0 ? amax : 1.0;
    const double range = prog.gMax - prog.gMin;
    double e2 = 0, y2 = 0, emax = 0, ymax = 0;
    for (int i = 0; i < rows; ++i) {
        double iPlus = 0, iMinus = 0, exact = 0;
        for (int j = 0; j < cols; ++j) {
            const double v = a[size_t(i) * size_t(cols) + size_t(j)];
            const std::uint64_t key = hashKey(trialKey, std::uint64_t(i) * std::uint64_t(cols) + std::uint64_t(j));
            const double gp = prog.program(std::max(v, 0.0) / scale, key);
            const double gm = prog.program(std::max(-v, 0.0) / scale, key ^ 0xFFFF0000FFFFull);
            iPlus += x[j] * gp;   // Kirchhoff: currents of one column add
            iMinus += x[j] * gm;
            exact += v * x[j];
        }
        if (o.read_noise && prog.device.read_noise > 0) {
            iPlus *= 1 + prog.device.read_noise * normalAt(hashKey(trialKey ^ 0x2EAD, std::uint64_t(i), 1));
            iMinus *= 1 + prog.device.read_noise * normalAt(hashKey(trialKey ^ 0x2EAD, std::uint64_t(i), 2));
        }
        const double yHat = (iPlus - iMinus) / range * scale;
        const double e = yHat - exact;
        err[i] = e;
        e2 += e * e;
        y2 += exact * exact;
        emax = std::max(emax, std::abs(e));
        ymax = std::max(ymax, std::abs(exact));
    }
    return {y2 > 0 ? std::sqrt(e2 / y2) : 0.0, ymax > 0 ? emax / ymax : 0.0};
}

// An empty result sized for the options' trials and outputs.
VmmResult sizedResult(const Programmer& prog, const VmmOptions& o)
{
    VmmResult r;
    r.levels = int(prog.levels.size());
    r.errors.resize(size_t(o.trials) * size_t(o.rows));
    r.relative_l2.resize(size_t(o.trials));
    r.relative_linf.resize(size_t(o.trials));
    return r;
}

void checkOptions(const VmmOptions& o)
{
    if (o.trials < 1 || o.trials > 100000000)
        throw InputError("--trials: must be in [1, 10^8]");
    if (o.rows < 1 || o.cols < 1 || o.rows > 8192 || o.cols > 8192)
        throw InputError("--size: matrix dimensions must be in [1, 8192]");
    if (o.weight_bits < 0 || o.weight_bits > 16)
        throw InputError("weight_bits: must be in [0, 16]");
}

} // namespace

std::vector<double> conductanceLevels(const RramDevice& device, const VmmOptions& o)
{
    const int states = device.levels.empty() ? device.states : int(device.levels.size());
    const int n = o.weight_bits > 0 ? std::min(states, 1 << o.weight_bits) : states;
    std::vector<double> levels;
    for (int k = 0; k < n; ++k) {
        // Level k sits at pulse number round(k·(states−1)/(n−1)) of the device's pulse train.
        const long long pulse = n == 1 ? 0 : (long long)std::llround(double(k) * (states - 1) / (n - 1));
        const double p = states > 1 ? double(pulse) / (states - 1) : 0.0;
        double g = p;
        if (!device.levels.empty()) {
            const double lo = device.levels.front().g_mean_s, hi = device.levels.back().g_mean_s;
            g = (device.levels[size_t(pulse)].g_mean_s - lo) / (hi - lo);
        } else if (o.nonlinearity) {
            g = o.depression ? depressionCurve(device.nl_ltd, p) : potentiationCurve(device.nl_ltp, p);
        }
        levels.push_back(g);
    }
    std::sort(levels.begin(), levels.end());
    return levels;
}

namespace {
// Counts finished trials across the OpenMP team. Only the team's first thread reports (a report
// may not be thread-safe); any thread may read the cancellation flag. Once cancelled, the
// remaining trials are skipped and the run throws.
class TrialProgress {
public:
    TrialProgress(Progress* p, int trials, const std::string& what) : progress_(p), trials_(trials), what_(what) {}
    bool stop() const { return stop_.load(std::memory_order_relaxed); }
    void trialDone()
    {
        const int done = ++done_;
        if (!progress_)
            return;
        if (progress_->cancelled())
            stop_ = true;
        else if (omp_get_thread_num() == 0 && done % kReportEvery == 0)
            progress_->report(double(done) / trials_, what_);
    }
    void finish() const
    {
        if (stop())
            throw Cancelled();
        if (progress_)
            progress_->report(1.0, what_);
    }

private:
    static constexpr int kReportEvery = 16;   // trials between reports: cheap, yet smooth for 100+ trials
    Progress* progress_;
    int trials_;
    std::string what_;
    std::atomic<int> done_{0};
    std::atomic<bool> stop_{false};
};
// A trial's norms into the result (its errors are written in place by runTrial).
void record(VmmResult& r, int t, const TrialOutcome& out, TrialProgress& tracker)
{
    r.relative_l2[size_t(t)] = out.l2;
    r.relative_linf[size_t(t)] = out.linf;
    tracker.trialDone();
}
} // namespace

VmmResult runVmmBenchmark(const RramDevice& device, const VmmOptions& o, Progress* progress)
{
    checkOptions(o);
    const auto t0 = std::chrono::steady_clock::now();
    const Programmer prog(device, o);
    VmmResult r = sizedResult(prog, o);
    TrialProgress tracker(progress, o.trials, device.name);
#pragma omp parallel
    {
        std::vector<double> a(size_t(o.rows) * size_t(o.cols)), x(size_t(o.cols));
#pragma omp for schedule(static)
        for (int t = 0; t < o.trials; ++t) {
            if (tracker.stop())
                continue;
            const std::uint64_t trialKey = hashKey(o.seed, 0x7121A1, std::uint64_t(t));
            for (size_t k = 0; k < a.size(); ++k)
                a[k] = drawValue(o.matrix_distribution, hashKey(trialKey, 0xA, k));
            for (size_t k = 0; k < x.size(); ++k)
                x[k] = drawValue(o.vector_distribution, hashKey(trialKey, 0xB, k));
            record(r, t, runTrial(prog, o, a.data(), x.data(), o.rows, o.cols, trialKey, &r.errors[size_t(t) * size_t(o.rows)]), tracker);
        }
    }
    tracker.finish();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

VmmResult runVmmBenchmark(const RramDevice& device, const VmmOptions& options, const DenseMatrix& matrix, const DenseMatrix& vectors,
                          Progress* progress)
{
    VmmOptions o = options;
    o.rows = matrix.rows;
    o.cols = matrix.cols;
    checkOptions(o);
    if (vectors.cols != matrix.cols)
        throw InputError("vectors: length " + std::to_string(vectors.cols) + " does not match the matrix's " + std::to_string(matrix.cols)
                         + " columns");
    if (vectors.rows < 1)
        throw InputError("vectors: no vector given");
    const auto t0 = std::chrono::steady_clock::now();
    const Programmer prog(device, o);
    VmmResult r = sizedResult(prog, o);
    TrialProgress tracker(progress, o.trials, device.name);
#pragma omp parallel for schedule(static)
    for (int t = 0; t < o.trials; ++t) {
        if (tracker.stop())
            continue;
        const std::uint64_t trialKey = hashKey(o.seed, 0x05E2, std::uint64_t(t));
        const double* x = &vectors.values[size_t(t % vectors.rows) * size_t(vectors.cols)];
        record(r, t, runTrial(prog, o, matrix.values.data(), x, o.rows, o.cols, trialKey, &r.errors[size_t(t) * size_t(o.rows)]), tracker);
    }
    tracker.finish();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

} // namespace kh::vmm
