#pragma once
// Noise-aware fine-tuning of an imported model under a design point (docs/training.md): every step
// draws a fresh chip (NoiseAwareTransform), so the model learns the distribution of chips, not
// one; the layers left digital train as they are. After every epoch the model is scored on a
// held-out part of the training split on fixed validation chips, and the best epoch is kept
// (also when the run is cancelled). Batch-norm statistics are re-estimated at the end under the
// same noise. The same seed gives the same run on the same machine and thread count.
#include "common/Progress.h"
#include "io/LabeledDataset.h"
#include "nn/Graph.h"
#include "spec/DesignPoint.h"

#include <cstdint>
#include <string>
#include <vector>

namespace kh::train {

enum class Optimizer { Adam, Sgd };

struct FineTuneSettings {
    int epochs = 3;
    int batch = 128;
    double learning_rate = 3e-4;     // Adam's step; SGD uses it with momentum 0.9
    Optimizer optimizer = Optimizer::Adam;
    bool cosine_schedule = true;     // learning rate cosine-decayed to 0 over the run
    double weight_decay = 0;
    std::uint64_t seed = 1;          // shuffling and the training chips (disjoint from evaluation chips)
    int train_images = 0;            // 0: the whole training split minus the validation images
    int validation_images = 2000;    // held out from the end of the training split
    int validation_chips = 2;
    int batch_norm_batches = 50;     // batches for batch-norm re-estimation
};

// What the settings' keys are called in messages and in the log (for the CLI and the GUI).
void checkFineTuneSettings(const FineTuneSettings& s);

struct EpochRecord {
    int epoch = 0;                       // 0: the model before fine-tuning (validation only)
    int frozen_layers = 0;               // progressive: array layers run by the fixed chip (0: plain)
    double loss = 0;                     // mean training cross-entropy of the epoch
    double train_accuracy = 0;           // on the training batches, each on its own chip
    double validation_accuracy = 0;      // mean over the validation chips
    double learning_rate = 0;
    double seconds = 0;                  // since the run started
};

struct FineTuneResult {
    std::vector<EpochRecord> epochs;     // epoch 0 first (progressive: each stage from its epoch 0)
    int best_record = 0;                 // index into epochs of the weights kept (of the last stage)
    int best_epoch = 0;                  // epochs[best_record].epoch
    bool cancelled = false;
    int steps = 0;
    nn::Graph model;                     // the best epoch's weights (the original graph otherwise)
    std::vector<std::string> trained;    // the initializers fine-tuning changed (for the ONNX writer)
};

class FineTuneObserver {
public:
    virtual ~FineTuneObserver() = default;
    virtual void epochDone(const EpochRecord& /*record*/) {}
    // Progressive: stage 'layer' is about to program array layer 'layer' (0-based) of 'model' on the
    // fixed chip (e.g. to write the model a lab programs); 'trained' as in FineTuneResult.
    virtual void stageStarted(int /*layer*/, const nn::Graph& /*model*/, const std::vector<std::string>& /*trained*/) {}
};

FineTuneResult fineTune(const nn::Graph& model, const LabeledDataset& train, const DesignPoint& dp, const FineTuneSettings& s,
                        Progress* progress = nullptr, FineTuneObserver* observer = nullptr);

// The chip id of training step k and of validation chip v (CimNetworkHook chip numbers): drawn
// from the fine-tuning seed, so they are not the chips an evaluation with evaluation.seed draws.
std::uint64_t trainingChip(std::uint64_t seed, std::uint64_t step);
std::uint64_t validationChip(std::uint64_t seed, int v);

} // namespace kh::train
