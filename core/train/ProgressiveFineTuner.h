#pragma once
// Progressive chip-in-the-loop fine-tuning (docs/training.md), as NeuRRAM's authors fine-tuned
// their chip: array layer 1 is programmed on one fixed chip and the training images run through
// it; the layers after it are fine-tuned (noise-aware) on those real outputs; then layer 2 is
// programmed with its fine-tuned weights, the recorded outputs of layer 1 run through it, and so
// on until only the last layer is left to train. A layer never changes after it is programmed.
//
// The fixed chip is chip 0 of the design point's evaluation (`evaluation.seed` picks another), so
// an evaluation with one chip measures the chip that was fine-tuned for.
//
// Layer outputs file (one per array layer, the format a lab writes from a measured chip):
// DIR/layer_<k>.npy, k the 0-based array layer, holding the layer node's output (the Conv's,
// Gemm's or MatMul's result as the digital side receives it, bias included) for the first N
// images of the training split in order, as float32 or float64, shape N × (the output of one image).
// With a directory, a present file is read instead of simulating that layer; a missing one is
// simulated and written, so the directory records the run.
#include "train/FineTuner.h"

#include <string>

namespace kh::train {

struct ProgressiveSettings {
    int images = 20000;          // first images of the training split run through the chip; the last
                                 // FineTuneSettings::validation_images of them validate
    int stages = 0;              // layers to program (0: all but the last)
    std::string layer_outputs;   // directory of layer_<k>.npy files, or empty
};

void checkProgressiveSettings(const ProgressiveSettings& p);
std::string layerOutputsFile(const std::string& dir, int layer);

// FineTuneSettings::epochs are per stage; train_images is not used (ProgressiveSettings::images).
FineTuneResult progressiveFineTune(const nn::Graph& model, const LabeledDataset& train, const DesignPoint& dp, const FineTuneSettings& s,
                                   const ProgressiveSettings& p, Progress* progress = nullptr, FineTuneObserver* observer = nullptr);

} // namespace kh::train
