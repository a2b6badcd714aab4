#include "train/FineTuner.h"

#include "cim/AccuracyEvaluator.h"
#include "common/CounterRng.h"
#include "common/InputError.h"
#include "train/FineTuneStage.h"

#include <algorithm>
#include <omp.h>

namespace kh::train {

namespace {
// Chips 2^40 … 2^41 − 1 (training) and 2^43 … (validation): above any evaluation chip number and
// below 2^44, where CimNetworkHook's part seeds would overlap.
constexpr std::uint64_t kChipSpan = std::uint64_t(1) << 40;
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
    const int valFirst = train.count - s.validation_images;
    const int trainCount = s.train_images > 0 ? std::min(s.train_images, valFirst) : valFirst;

    // The whole split once as the model's input (the evaluator's preprocessing).
    const nn::Tensor all = cim::imageBatch(train, 0, train.count, dp.evaluation);
    StageData data;
    data.sources[model.inputs[0]] = torch::from_blob(const_cast<float*>(all.f.data()), all.shape, torch::kFloat32);
    data.labels = torch::from_blob(const_cast<std::int32_t*>(train.labels.data()), {train.count}, torch::kInt32).to(torch::kInt64);
    data.train_count = trainCount;
    data.validation_first = valFirst;
    data.count = train.count;

    TorchGraphModel net(model);
    NoiseAwareTransform chip(dp, calibrateOnTraining(model, train, dp));
    FineTuneResult result;
    int step = 0;
    const StageContext ctx{dp, s, train, progress, observer, 0, 0.0};
    result.cancelled = !trainStage(net, chip, data, net.parameters(), ctx, result, step);
    result.best_epoch = result.epochs[size_t(result.best_record)].epoch;
    result.model = net.graph();
    result.trained = net.trainedNames();
    return result;
}

} // namespace kh::train
