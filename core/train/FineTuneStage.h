#pragma once
// The training loop shared by plain and progressive fine-tuning (docs/training.md). A stage trains
// the part of the network that starts from 'sources' (the images for plain fine-tuning; the chip's
// recorded layer outputs for a progressive stage): epochs of shuffled batches, each on a freshly
// drawn chip, validation on fixed validation chips before and after every epoch, the best epoch
// kept (also when cancelled), then the batch norms of the trained part re-estimated under noise.
#include "common/Progress.h"
#include "io/LabeledDataset.h"
#include "spec/DesignPoint.h"
#include "train/FineTuner.h"
#include "train/NoiseAwareTransform.h"
#include "train/TorchGraphModel.h"

#include <map>
#include <string>

namespace kh::train {

struct StageData {
    std::map<std::string, torch::Tensor> sources;   // value name → one row per image
    torch::Tensor labels;                           // int64, one per image
    int train_count = 0;                            // rows [0, train_count) train
    int validation_first = 0;                       // rows [validation_first, count) validate
    int count = 0;
};

struct StageContext {
    const DesignPoint& dp;
    const FineTuneSettings& settings;
    const LabeledDataset& calibration;   // the input grid is recalibrated on it every epoch
    Progress* progress = nullptr;        // fractions of this stage
    FineTuneObserver* observer = nullptr;
    int frozen_layers = 0;               // recorded in every epoch
    double seconds_before = 0;           // time already spent by the run
};

// Input ranges of the network's array layers as an evaluation calibrates them (float model).
std::vector<cim::LayerInputRange> calibrateOnTraining(const nn::Graph& g, const LabeledDataset& d, const DesignPoint& dp);

// Trains 'parameters' (the tensors of 'net' the stage may change) and appends the stage's epochs to
// 'result' (its first record: before training). 'step' counts training steps over the whole run,
// so every step draws its own chip. Returns false when the run was cancelled; 'net' then holds the
// stage's best weights as well.
bool trainStage(TorchGraphModel& net, NoiseAwareTransform& chip, const StageData& data, const std::vector<torch::Tensor>& parameters,
                const StageContext& ctx, FineTuneResult& result, int& step);

} // namespace kh::train
