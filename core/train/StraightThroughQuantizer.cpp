#include "train/StraightThroughQuantizer.h"

namespace kh::train {

torch::Tensor straightThroughQuantize(const torch::Tensor& x, double step, double lo, double hi)
{
    const torch::Tensor clipped = torch::clamp(x, lo * step, hi * step);
    // round() has no useful gradient: its deviation from the clip is added as a constant.
    const torch::Tensor rounded = torch::round(clipped / step) * step;
    return clipped + (rounded - clipped).detach();
}

} // namespace kh::train
