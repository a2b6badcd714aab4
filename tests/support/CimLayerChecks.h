#pragma once
// Helpers shared by the CIM operator's tests (IR drop, ADC errors, PCM): a random integer layer,
// the one-versus-two-threads determinism check, and the message a design point is refused with.
#include "cim/CimLayer.h"
#include "common/InputError.h"
#include "spec/DesignPointJson.h"

#include <omp.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kh::test {

struct LayerProblem {
    int m = 0, n = 0, batch = 0;   // outputs, inputs, vectors
    std::vector<std::int64_t> w, x;
};

// Weights uniform in [wlo, whi], inputs uniform in [0, xhi] with every zeroEvery-th one 0 (as after
// ReLU).
inline LayerProblem randomLayerProblem(int m, int n, int batch, std::int64_t wlo, std::int64_t whi, std::int64_t xhi, int zeroEvery,
                                       unsigned seed)
{
    LayerProblem p{m, n, batch, {}, {}};
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::int64_t> wd(wlo, whi), xd(0, xhi);
    for (int i = 0; i < m * n; ++i)
        p.w.push_back(wd(rng));
    for (int i = 0; i < batch * n; ++i)
        p.x.push_back(i % zeroEvery == 0 ? 0 : xd(rng));
    return p;
}

inline std::vector<double> runLayer(const LayerProblem& p, const DesignPoint& dp, std::uint64_t chip)
{
    return cim::CimLayer(p.w, p.m, p.n, dp, chip).run(p.x, p.batch, false);
}

// The same chip gives the same numbers on one and on two threads, and another chip other numbers.
inline bool sameNumbersForAnyThreadCount(const LayerProblem& p, const DesignPoint& dp)
{
    const int before = omp_get_max_threads();
    omp_set_num_threads(1);
    const std::vector<double> one = runLayer(p, dp, 3);
    omp_set_num_threads(2);
    const std::vector<double> two = runLayer(p, dp, 3);
    omp_set_num_threads(before);
    return two == one && runLayer(p, dp, 4) != one;
}

// The InputError message designPointFromJson gives for j ("" when it is accepted).
inline std::string designPointRefusal(const nlohmann::json& j)
{
    try {
        designPointFromJson(j);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

} // namespace kh::test
