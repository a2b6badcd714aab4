#include "train/FineTuner.h"

#include "cim/AccuracyEvaluator.h"
#include "cim/InputCalibration.h"
#include "common/CounterRng.h"
#include "common/InputError.h"
#include "nn/Executor.h"
#include "train/NoiseAwareTransform.h"
#include "train/TorchGraphModel.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <omp.h>

namespace kh::train {

namespace {
constexpr int kCalibrationImages = 256;   // as the accuracy evaluator calibrates
constexpr int kEvalBatch = 250;

// Chips 2^40 … 2^41 − 1 (training) and 2^43 … (validation): above any evaluation chip number and
// below 2^44, where CimNetworkHook's part seeds would overlap.
constexpr std::uint64_t kChipSpan = std::uint64_t(1) << 40;

std::vector<cim::LayerInputRange> calibrate(const nn::Graph& g, const LabeledDataset& d, int first, const DesignPoint& dp)
{
    const nn::Executor ex(g);
    const int n = std::min(kCalibrationImages, d.count - first);
    return cim::calibrateInputs(ex, cim::imageBatch(d, first, n, dp.evaluation), dp.precision.percentile);
}

double learningRate(const FineTuneSettings& s, int step, int steps)
{
    if (!s.cosine_schedule || steps <= 1)
        return s.learning_rate;
    return 0.5 * s.learning_rate * (1.0 + std::cos(3.141592653589793 * double(step) / double(steps)));
}

// Fisher–Yates from counter-based draws: the same order for a seed on any machine.
std::vector<int> shuffled(int n, std::uint64_t seed, int epoch)
{
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    for (int k = n - 1; k > 0; --k) {
        const int j = int(splitmix64(hashKey(seed, 0x5F1E, std::uint64_t(epoch), std::uint64_t(k))) % std::uint64_t(k + 1));
        std::swap(order[size_t(k)], order[size_t(j)]);
    }
    return order;
}

// Images order[first], …, order[first + n − 1] as an index tensor.
torch::Tensor batchIndices(const std::vector<int>& order, int first, int n)
{
    return torch::from_blob(const_cast<int*>(order.data() + first), {n}, torch::kInt32).to(torch::kInt64);
}

int correct(const torch::Tensor& logits, const torch::Tensor& labels)
{
    return int(logits.argmax(1).eq(labels).sum().item<std::int64_t>());
}
} // namespace

std::uint64_t trainingChip(std::uint64_t seed, std::uint64_t step) { return kChipSpan + hashKey(seed, 0x7EA1, step) % kChipSpan; }
std::uint64_t validationChip(std::uint64_t seed, int v) { return 8 * kChipSpan + hashKey(seed, 0xDA7E, std::uint64_t(v)) % kChipSpan; }

void checkFineTuneSettings(const FineTuneSettings& s)
{
    auto need = [](bool ok, const char* key, const std::string& what) {
        if (!ok)
            throw InputError::atKey(key, what);
    };
    need(s.epochs >= 1 && s.epochs <= 1000, "epochs", "must be in [1, 1000], got " + std::to_string(s.epochs));
    need(s.batch >= 1 && s.batch <= 4096, "batch", "must be in [1, 4096], got " + std::to_string(s.batch));
    need(s.learning_rate > 0 && s.learning_rate <= 10, "learning_rate", "must be in (0, 10]");
    need(s.weight_decay >= 0 && s.weight_decay <= 1, "weight_decay", "must be in [0, 1]");
    need(s.train_images >= 0, "train_images", "must be ≥ 0 (0: all)");
    need(s.validation_images >= 1, "validation_images", "must be ≥ 1");
    need(s.validation_chips >= 1 && s.validation_chips <= 100, "validation_chips", "must be in [1, 100]");
    need(s.batch_norm_batches >= 1, "batch_norm_batches", "must be ≥ 1");
}

FineTuneResult fineTune(const nn::Graph& model, const LabeledDataset& train, const DesignPoint& dp, const FineTuneSettings& s,
                        Progress* progress, FineTuneObserver* observer)
{
    // LibTorch's first parallel operation sets OpenMP to its own default thread count (one on
    // this project's 2-core machine), for the simulator's loops too: keep the process's count.
    torch::set_num_threads(std::max(1, omp_get_max_threads()));
    checkFineTuneSettings(s);
    cim::checkDatasetFitsModel(model, train);
    if (train.count < s.validation_images + s.batch)
        throw InputError(train.description + " has " + std::to_string(train.count) + " images; fine-tuning needs at least validation_images ("
                         + std::to_string(s.validation_images) + ") + one batch (" + std::to_string(s.batch) + ")");
    const auto t0 = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    const int valFirst = train.count - s.validation_images;
    const int trainCount = s.train_images > 0 ? std::min(s.train_images, valFirst) : valFirst;

    // The whole split once as the model's input (the evaluator's preprocessing).
    const nn::Tensor all = cim::imageBatch(train, 0, train.count, dp.evaluation);
    const torch::Tensor images = torch::from_blob(const_cast<float*>(all.f.data()), all.shape, torch::kFloat32);
    const torch::Tensor labels = torch::from_blob(const_cast<std::int32_t*>(train.labels.data()), {train.count}, torch::kInt32).to(torch::kInt64);

    TorchGraphModel net(model);
    NoiseAwareTransform chip(dp, calibrate(model, train, 0, dp));

    auto validate = [&]() {
        torch::NoGradGuard noGrad;
        double sum = 0;
        for (int v = 0; v < s.validation_chips; ++v) {
            chip.useChip(validationChip(s.seed, v));
            int ok = 0;
            for (int first = valFirst; first < train.count; first += kEvalBatch) {
                const int n = std::min(kEvalBatch, train.count - first);
                ok += correct(net.forward(images.narrow(0, first, n), &chip), labels.narrow(0, first, n));
            }
            sum += double(ok) / double(s.validation_images);
        }
        return sum / s.validation_chips;
    };

    FineTuneResult result;
    EpochRecord start;
    start.validation_accuracy = validate();
    start.learning_rate = s.learning_rate;
    start.seconds = elapsed();
    result.epochs.push_back(start);
    if (observer)
        observer->epochDone(start);
    auto best = net.snapshot();
    double bestAccuracy = start.validation_accuracy;

    std::unique_ptr<torch::optim::Optimizer> opt;
    if (s.optimizer == Optimizer::Adam)
        opt = std::make_unique<torch::optim::Adam>(net.parameters(), torch::optim::AdamOptions(s.learning_rate).weight_decay(s.weight_decay));
    else
        opt = std::make_unique<torch::optim::SGD>(net.parameters(),
                                                  torch::optim::SGDOptions(s.learning_rate).momentum(0.9).weight_decay(s.weight_decay));
    const int batchesPerEpoch = (trainCount + s.batch - 1) / s.batch;
    const int totalSteps = batchesPerEpoch * s.epochs;
    int step = 0;
    try {
        for (int epoch = 1; epoch <= s.epochs; ++epoch) {
            // The input grid follows the weights, as a fresh evaluation would calibrate it.
            if (epoch > 1)
                chip.setInputRanges(calibrate(net.graph(), train, 0, dp));
            const std::vector<int> order = shuffled(trainCount, s.seed, epoch);
            double lossSum = 0;
            int ok = 0;
            for (int b = 0; b < batchesPerEpoch; ++b, ++step) {
                if (progress && progress->cancelled())
                    throw Cancelled();
                const int first = b * s.batch, n = std::min(s.batch, trainCount - first);
                const torch::Tensor idx = batchIndices(order, first, n);
                const torch::Tensor x = images.index_select(0, idx), y = labels.index_select(0, idx);
                const double lr = learningRate(s, step, totalSteps);
                for (auto& group : opt->param_groups())
                    static_cast<torch::optim::OptimizerOptions&>(group.options()).set_lr(lr);
                chip.useChip(trainingChip(s.seed, std::uint64_t(step)));
                opt->zero_grad();
                const torch::Tensor logits = net.forward(x, &chip);
                const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
                loss.backward();
                opt->step();
                lossSum += loss.item<double>() * n;
                ok += correct(logits.detach(), y);
                if (progress)
                    progress->report(double(step + 1) / double(totalSteps),
                                     "epoch " + std::to_string(epoch) + "/" + std::to_string(s.epochs) + ", loss "
                                         + std::to_string(lossSum / double(first + n)).substr(0, 6));
            }
            EpochRecord r;
            r.epoch = epoch;
            r.loss = lossSum / trainCount;
            r.train_accuracy = double(ok) / trainCount;
            r.learning_rate = learningRate(s, step, totalSteps);
            r.validation_accuracy = validate();
            r.seconds = elapsed();
            result.epochs.push_back(r);
            if (observer)
                observer->epochDone(r);
            if (r.validation_accuracy > bestAccuracy) {
                bestAccuracy = r.validation_accuracy;
                best = net.snapshot();
                result.best_epoch = epoch;
            }
        }
    } catch (const Cancelled&) {
        result.cancelled = true;
    }
    result.steps = step;
    net.restore(best);
    // Batch norms re-estimated on the chosen weights under fresh chips (not on a cancelled run:
    // the user asked to stop).
    if (net.batchNormCount() > 0 && result.best_epoch > 0 && !result.cancelled) {
        torch::NoGradGuard noGrad;
        net.beginBatchNormEstimate();
        const std::vector<int> order = shuffled(trainCount, s.seed, 0);
        for (int b = 0; b < s.batch_norm_batches && b * s.batch < trainCount; ++b) {
            const int first = b * s.batch, n = std::min(s.batch, trainCount - first);
            const torch::Tensor idx = batchIndices(order, first, n);
            chip.useChip(trainingChip(s.seed, std::uint64_t(totalSteps + b)));
            net.forward(images.index_select(0, idx), &chip);
        }
        net.endBatchNormEstimate();
    }
    result.model = net.graph();
    result.trained = net.trainedNames();
    return result;
}

} // namespace kh::train
