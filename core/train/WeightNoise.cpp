#include "train/WeightNoise.h"

#include "common/CounterRng.h"
#include "common/NormalZiggurat.h"

namespace kh::train {

torch::Tensor injectWeightNoise(const torch::Tensor& w, const WeightNoiseSpec& spec, std::uint64_t seed, std::uint64_t step)
{
    if (!spec.active())
        return w;
    const std::int64_t n = w.numel();
    torch::Tensor factor = torch::empty({n}, torch::kFloat32), stuck = torch::zeros({n}, torch::kFloat32);
    torch::Tensor stuckMask = torch::zeros({n}, torch::kFloat32);
    float* f = factor.data_ptr<float>();
    float* s = stuck.data_ptr<float>();
    float* m = stuckMask.data_ptr<float>();
    const torch::Tensor flat = w.detach().reshape({n}).contiguous();
    const float* wv = flat.data_ptr<float>();
    const std::uint64_t stepKey = hashKey(seed, 0x7A1E, step);
    for (std::int64_t i = 0; i < n; ++i) {
        const std::uint64_t key = stepKey ^ std::uint64_t(i) * 0x9E3779B97F4A7C15ULL;
        f[i] = float(1.0 + spec.sigma_rel * fastNormalAt(key));
        const double u = uniformAt(key ^ 0x5AF);
        if (u < spec.p_stuck_min) {
            m[i] = 1;   // reads 0
        } else if (u < spec.p_stuck_min + spec.p_stuck_max) {
            m[i] = 1;
            s[i] = float(wv[i] < 0 ? -spec.w_max : spec.w_max);
        }
    }
    const auto shape = w.sizes();
    const torch::Tensor keep = 1 - stuckMask.reshape(shape);
    return w * factor.reshape(shape) * keep + stuck.reshape(shape);
}

} // namespace kh::train
