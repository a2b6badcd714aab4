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
    const DatasetPreprocessing& pre = e.dataset.preprocessing;
    const int C = d.channels;
    for (const auto& [list, key] : {std::pair{&pre.mean, "mean"}, std::pair{&pre.std, "std"}})
        if (list->size() > 1 && int(list->size()) != C)
            throw InputError::atKey(std::string("evaluation.dataset.preprocessing.") + key,
                                    "has " + std::to_string(list->size()) + " values for the " + std::to_string(C) + " channels of " + d.description);
    const auto channelValue = [](const std::vector<double>& v, int c, double fallback) {
        return v.empty() ? fallback : v.size() == 1 ? v[0] : v[size_t(c)];
    };
    nn::Tensor t = nn::Tensor::floats({count, C, d.rows, d.cols});
    const size_t plane = size_t(d.rows) * size_t(d.cols), image = d.imageSize();
    for (int c = 0; c < C; ++c) {
        // Float arithmetic in torchvision's order: ToTensor's p / 255, then (x − mean) / std. With
        // no normalisation the values are the same bits as p / 255.
        const float mean = float(channelValue(pre.mean, c, 0.0)), std = float(channelValue(pre.std, c, 1.0));
        if (d.eightBit()) {
            // One value per pixel level, computed once: 256 entries instead of a division per pixel.
            float value[256];
            for (int p = 0; p < 256; ++p)
                value[p] = ((pre.scale ? float(p) * float(*pre.scale) : float(p) / 255.0f) - mean) / std;
            for (int b = 0; b < count; ++b) {
                const std::uint8_t* src = &d.pixels[size_t(first + b) * image + size_t(c) * plane];
                float* dst = &t.f[size_t(b) * image + size_t(c) * plane];
                for (size_t k = 0; k < plane; ++k)
                    dst[k] = value[src[k]];
            }
        } else {
            const float scale = pre.scale ? float(*pre.scale) : 1.0f;
            for (int b = 0; b < count; ++b) {
                const float* src = &d.values[size_t(first + b) * image + size_t(c) * plane];
                float* dst = &t.f[size_t(b) * image + size_t(c) * plane];
                for (size_t k = 0; k < plane; ++k)
                    dst[k] = (src[k] * scale - mean) / std;
            }
        }
    }
    return t;
}

void checkDatasetFitsModel(const nn::Graph& model, const LabeledDataset& d)
{
    if (model.inputShapes.empty() || model.inputShapes[0].size() != 4)
        return;   // no declared image shape to compare against
    const std::vector<std::int64_t>& s = model.inputShapes[0];
    const std::int64_t want[3] = {s[1], s[2], s[3]}, have[3] = {d.channels, d.rows, d.cols};
    bool fits = true;
    for (int k = 0; k < 3; ++k)
        fits = fits && (want[k] <= 0 || want[k] == have[k]);
    if (fits)
        return;
    auto dim = [](std::int64_t v) { return v > 0 ? std::to_string(v) : std::string("?"); };
    throw InputError((model.source.empty() ? std::string("the model") : model.source) + " expects " + dim(want[0]) + "x" + dim(want[1]) + "x"
                     + dim(want[2]) + " images (channels x rows x cols), but " + d.description + " gives " + d.shapeText()
                     + (want[0] > 0 && want[0] != have[0] ? "; the model needs a dataset with " + dim(want[0]) + " channels"
                                                          : "; set evaluation.dataset.preprocessing.resize and crop"));
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
    checkDatasetFitsModel(model, test);
    checkDatasetFitsModel(model, calibration);
    AccuracyReport r;
    r.images = std::min(dp.evaluation.images, test.count);
    r.chips = dp.evaluation.chips;
    const nn::Executor ex(model);
    r.linear_layers = ex.linearLayerCount();
    std::vector<LayerInputRange> ranges;
    const int calibrationCount = std::min(kCalibrationImages, calibration.count);
    try {
        ranges = calibrateInputs(ex, imageBatch(calibration, 0, calibrationCount, dp.evaluation), dp.precision.percentile);
    } catch (const InputError& e) {
        // A graph exported for one fixed batch size often hard-codes it in a Reshape.
        const std::int64_t batch = model.inputShapes.empty() || model.inputShapes[0].empty() ? 0 : model.inputShapes[0][0];
        if (batch > 0 && batch != calibrationCount)
            throw InputError(std::string(e.what()) + " (the model declares a fixed batch of " + std::to_string(batch)
                             + "; export it with a dynamic batch axis, e.g. torch.onnx.export(..., dynamic_axes={'input': {0: 'batch'}}))");
        throw;
    }

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
