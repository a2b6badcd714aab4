#include "cim/InputCalibration.h"

#include <algorithm>
#include <cmath>

namespace kh::cim {

namespace {
// Records the inputs of every linear layer, then computes the float result.
class RecordingHook final : public nn::LinearHook {
public:
    explicit RecordingHook(double percentile) : percentile_(percentile) {}
    void matmul(const nn::LinearLayerInfo& layer, const float* x, int rows, float* y) override
    {
        if (size_t(layer.index) >= samples_.size()) {
            samples_.resize(size_t(layer.index) + 1);
            ranges_.resize(size_t(layer.index) + 1);
        }
        LayerInputRange& r = ranges_[size_t(layer.index)];
        std::vector<float>& s = samples_[size_t(layer.index)];
        const size_t n = size_t(rows) * size_t(layer.in);
        // Keep at most ~2M samples per layer for the percentile (strided, deterministic).
        const size_t stride = std::max<size_t>(1, n / 2000000);
        for (size_t k = 0; k < n; ++k) {
            const float v = x[k];
            r.max_abs = std::max(r.max_abs, double(std::fabs(v)));
            if (v < 0)
                r.non_negative = false;
            if (k % stride == 0)
                s.push_back(std::fabs(v));
        }
        nn::floatLinear(x, rows, layer.in, layer.weight, layer.out, y);
    }
    std::vector<LayerInputRange> finish()
    {
        for (size_t i = 0; i < ranges_.size(); ++i) {
            std::vector<float>& s = samples_[i];
            if (s.empty())
                continue;
            const size_t k = std::min(s.size() - 1, size_t(percentile_ / 100.0 * double(s.size() - 1) + 0.5));
            std::nth_element(s.begin(), s.begin() + std::ptrdiff_t(k), s.end());
            ranges_[i].percentile_abs = s[k];
        }
        return ranges_;
    }

private:
    double percentile_;
    std::vector<LayerInputRange> ranges_;
    std::vector<std::vector<float>> samples_;
};
} // namespace

double LayerInputRange::scale(const PrecisionSpec& p) const
{
    const double range = p.calibration == Calibration::Percentile ? percentile_abs : max_abs;
    const double levels = non_negative ? double((1LL << p.input_bits) - 1) : double((1LL << (p.input_bits - 1)) - 1);
    return range > 0 ? range / std::max(1.0, levels) : 1.0;
}

std::vector<LayerInputRange> calibrateInputs(const nn::Executor& model, const nn::Tensor& batch, double percentile)
{
    RecordingHook hook(percentile);
    model.run({batch}, &hook);
    return hook.finish();
}

} // namespace kh::cim
