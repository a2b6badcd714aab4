#include "cim/AccuracyEvaluator.h"

#include "cim/CimNetworkHook.h"
#include "cim/InputCalibration.h"
#include "common/InputError.h"
#include "nn/Executor.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace kh::cim {

namespace {
constexpr int kBatch = 100;
constexpr int kCalibrationImages = 256;


int countCorrect(const nn::Tensor& logits, const LabeledDataset& d, int first)
{
    if (logits.rank() != 2)
        throw InputError("model output must be N x classes, got " + nn::shapeText(logits.shape));
    const std::int64_t n = logits.shape[0], classes = logits.shape[1];
    int correct = 0;
    for (std::int64_t b = 0; b < n; ++b) {
        const float* row = &logits.f[size_t(b * classes)];
        correct += int(std::max_element(row, row + classes) - row) == int(d.labels[size_t(first + b)]) ? 1 : 0;
    }
    return correct;
}
} // namespace

nn::Tensor imageBatch(const LabeledDataset& d, int first, int count, const EvaluationSpec& e)
{
    nn::Tensor t = nn::Tensor::floats({count, 1, d.images.rows, d.images.cols});
    const size_t px = size_t(d.images.rows) * size_t(d.images.cols);
    // One affine map per pixel value, computed once: 256 entries instead of a division per pixel.
    // In float, as before the normalisation existed: mean 0 and std 1 give the same bits as p / 255.
    float value[256];
    for (int p = 0; p < 256; ++p)
        value[p] = (float(p) / 255.0f - float(e.input_mean)) / float(e.input_std);
    for (size_t k = 0; k < t.f.size(); ++k)
        t.f[k] = value[d.images.pixels[size_t(first) * px + k]];
    return t;
}

double studentT975(int df)
{
    static const double t[] = {0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
                               2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    return df <= 0 ? 0.0 : df <= 30 ? t[df] : 1.96;
}

AccuracyReport evaluateAccuracy(const nn::Graph& model, const LabeledDataset& test, const LabeledDataset& calibration,
                                const DesignPoint& dp, Progress* progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    if (model.inputs.size() != 1)
        throw InputError("model must have exactly one input (an image batch)");
    AccuracyReport r;
    r.images = std::min(dp.evaluation.images, test.images.count);
    r.chips = dp.evaluation.chips;
    const nn::Executor ex(model);
    r.linear_layers = ex.linearLayerCount();
    const std::vector<LayerInputRange> ranges =
        calibrateInputs(ex, imageBatch(calibration, 0, std::min(kCalibrationImages, calibration.images.count), dp.evaluation), dp.precision.percentile);

    const double totalBatches = double(r.chips + 1) * std::ceil(double(r.images) / kBatch);
    double done = 0;
    auto step = [&](const std::string& what) {
        done += 1;
        if (progress) {
            if (progress->cancelled())
                throw Cancelled();
            progress->report(done / totalBatches, what);
        }
    };
    int floatCorrect = 0;
    for (int first = 0; first < r.images; first += kBatch) {
        const int n = std::min(kBatch, r.images - first);
        floatCorrect += countCorrect(ex.run({imageBatch(test, first, n, dp.evaluation)})[0], test, first);
        step("float reference");
    }
    r.float_accuracy = double(floatCorrect) / r.images;
    for (int chip = 0; chip < r.chips; ++chip) {
        CimNetworkHook hook(dp, ranges, std::uint64_t(chip));
        hook.setCancellation(progress);
        int correct = 0;
        for (int first = 0; first < r.images; first += kBatch) {
            const int n = std::min(kBatch, r.images - first);
            correct += countCorrect(ex.run({imageBatch(test, first, n, dp.evaluation)}, &hook)[0], test, first);
            step("chip " + std::to_string(chip + 1) + "/" + std::to_string(r.chips));
        }
        r.chip_accuracy.push_back(double(correct) / r.images);
        if (chip == 0)
            r.layers = hook.activity();
    }
    double mean = 0;
    for (double a : r.chip_accuracy)
        mean += a;
    mean /= double(r.chips);
    double var = 0;
    for (double a : r.chip_accuracy)
        var += (a - mean) * (a - mean);
    r.accuracy = mean;
    r.accuracy_std = r.chips > 1 ? std::sqrt(var / double(r.chips - 1)) : 0.0;
    r.accuracy_ci95 = r.chips > 1 ? studentT975(r.chips - 1) * r.accuracy_std / std::sqrt(double(r.chips)) : 0.0;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

} // namespace kh::cim
