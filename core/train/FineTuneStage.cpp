#include "train/FineTuneStage.h"

#include "cim/AccuracyEvaluator.h"
#include "common/CounterRng.h"
#include "nn/Executor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace kh::train {

namespace {
constexpr int kCalibrationImages = 256;   // as the accuracy evaluator calibrates
constexpr int kEvalBatch = 250;

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

// The sources' rows order[first], …, order[first + n − 1].
std::map<std::string, torch::Tensor> batchOf(const StageData& d, const std::vector<int>& order, int first, int n)
{
    const torch::Tensor idx = torch::from_blob(const_cast<int*>(order.data() + first), {n}, torch::kInt32).to(torch::kInt64);
    std::map<std::string, torch::Tensor> b;
    for (const auto& [name, v] : d.sources)
        b[name] = v.index_select(0, idx);
    return b;
}

std::map<std::string, torch::Tensor> rowsOf(const StageData& d, int first, int n)
{
    std::map<std::string, torch::Tensor> b;
    for (const auto& [name, v] : d.sources)
        b[name] = v.narrow(0, first, n);
    return b;
}

torch::Tensor labelsOf(const StageData& d, const std::vector<int>& order, int first, int n)
{
    const torch::Tensor idx = torch::from_blob(const_cast<int*>(order.data() + first), {n}, torch::kInt32).to(torch::kInt64);
    return d.labels.index_select(0, idx);
}

int correct(const torch::Tensor& logits, const torch::Tensor& labels)
{
    return int(logits.argmax(1).eq(labels).sum().item<std::int64_t>());
}
} // namespace

std::vector<cim::LayerInputRange> calibrateOnTraining(const nn::Graph& g, const LabeledDataset& d, const DesignPoint& dp)
{
    const nn::Executor ex(g);
    const int n = std::min(kCalibrationImages, d.count);
    return cim::calibrateInputs(ex, cim::imageBatch(d, 0, n, dp.evaluation), dp.precision.percentile);
}

bool trainStage(TorchGraphModel& net, NoiseAwareTransform& chip, const StageData& data, const std::vector<torch::Tensor>& parameters,
                const StageContext& ctx, FineTuneResult& result, int& step)
{
    const FineTuneSettings& s = ctx.settings;
    const auto t0 = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return ctx.seconds_before + std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    const int validationImages = data.count - data.validation_first;

    auto validate = [&]() {
        torch::NoGradGuard noGrad;
        double sum = 0;
        for (int v = 0; v < s.validation_chips; ++v) {
            chip.useChip(validationChip(s.seed, v));
            int ok = 0;
            for (int first = data.validation_first; first < data.count; first += kEvalBatch) {
                const int n = std::min(kEvalBatch, data.count - first);
                ok += correct(net.forwardFrom(rowsOf(data, first, n), &chip), data.labels.narrow(0, first, n));
            }
            sum += double(ok) / double(validationImages);
        }
        return sum / s.validation_chips;
    };
    auto record = [&](EpochRecord r) {
        r.frozen_layers = ctx.frozen_layers;
        r.seconds = elapsed();
        result.epochs.push_back(r);
        if (ctx.observer)
            ctx.observer->epochDone(r);
        return int(result.epochs.size()) - 1;
    };

    EpochRecord start;
    start.validation_accuracy = validate();
    start.learning_rate = s.learning_rate;
    int bestRecord = record(start);
    double bestAccuracy = start.validation_accuracy;
    auto best = net.snapshot();
    if (parameters.empty()) {   // nothing left to train (e.g. every layer after the cut is fixed)
        result.best_record = bestRecord;
        return true;
    }

    std::unique_ptr<torch::optim::Optimizer> opt;
    if (s.optimizer == Optimizer::Adam)
        opt = std::make_unique<torch::optim::Adam>(parameters, torch::optim::AdamOptions(s.learning_rate).weight_decay(s.weight_decay));
    else
        opt = std::make_unique<torch::optim::SGD>(parameters, torch::optim::SGDOptions(s.learning_rate).momentum(0.9).weight_decay(s.weight_decay));
    const int batchesPerEpoch = (data.train_count + s.batch - 1) / s.batch;
    const int stageSteps = batchesPerEpoch * s.epochs;
    int stageStep = 0;
    bool cancelled = false;
    bool trainedBest = false;
    try {
        for (int epoch = 1; epoch <= s.epochs; ++epoch) {
            // The input grid follows the weights, as a fresh evaluation would calibrate it.
            if (epoch > 1)
                chip.setInputRanges(calibrateOnTraining(net.graph(), ctx.calibration, ctx.dp));
            const std::vector<int> order = shuffled(data.train_count, s.seed + std::uint64_t(ctx.frozen_layers) * 1000003u, epoch);
            double lossSum = 0;
            int ok = 0;
            for (int b = 0; b < batchesPerEpoch; ++b, ++step, ++stageStep) {
                if (ctx.progress && ctx.progress->cancelled())
                    throw Cancelled();
                const int first = b * s.batch, n = std::min(s.batch, data.train_count - first);
                const auto x = batchOf(data, order, first, n);
                const torch::Tensor y = labelsOf(data, order, first, n);
                const double lr = learningRate(s, stageStep, stageSteps);
                for (auto& group : opt->param_groups())
                    static_cast<torch::optim::OptimizerOptions&>(group.options()).set_lr(lr);
                chip.useChip(trainingChip(s.seed, std::uint64_t(step)));
                opt->zero_grad();
                const torch::Tensor logits = net.forwardFrom(x, &chip);
                const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
                loss.backward();
                opt->step();
                lossSum += loss.item<double>() * n;
                ok += correct(logits.detach(), y);
                if (ctx.progress)
                    ctx.progress->report(double(stageStep + 1) / double(stageSteps),
                                         "epoch " + std::to_string(epoch) + "/" + std::to_string(s.epochs) + ", loss "
                                             + std::to_string(lossSum / double(first + n)).substr(0, 6));
            }
            EpochRecord r;
            r.epoch = epoch;
            r.loss = lossSum / data.train_count;
            r.train_accuracy = double(ok) / data.train_count;
            r.learning_rate = learningRate(s, stageStep, stageSteps);
            r.validation_accuracy = validate();
            const int index = record(r);
            if (r.validation_accuracy > bestAccuracy) {
                bestAccuracy = r.validation_accuracy;
                best = net.snapshot();
                bestRecord = index;
                trainedBest = true;
            }
        }
    } catch (const Cancelled&) {
        cancelled = true;
    }
    result.steps = step;
    result.best_record = bestRecord;
    net.restore(best);
    // Batch norms of the trained part re-estimated on the chosen weights under fresh chips (not on
    // a cancelled run: the user asked to stop).
    if (net.batchNormCount() > 0 && trainedBest && !cancelled) {
        torch::NoGradGuard noGrad;
        net.beginBatchNormEstimate();
        const std::vector<int> order = shuffled(data.train_count, s.seed, 0);
        for (int b = 0; b < s.batch_norm_batches && b * s.batch < data.train_count; ++b) {
            const int first = b * s.batch, n = std::min(s.batch, data.train_count - first);
            chip.useChip(trainingChip(s.seed, std::uint64_t(step + b)));
            net.forwardFrom(batchOf(data, order, first, n), &chip);
        }
        step += std::min(s.batch_norm_batches, batchesPerEpoch);
        net.endBatchNormEstimate();
    }
    return !cancelled;
}

} // namespace kh::train
