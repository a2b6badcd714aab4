#pragma once
// Fine-tuning as a background job of the window (docs/training.md): the model is fine-tuned under
// the design point (plain noise-aware, or progressive on the fixed chip), the best weights are
// written as ONNX, and the accuracy before and after is measured the way the CLI measures it:
// on the evaluation's chips, which training never drew (progressive: on the fixed chip, chip 0).
// Built only with KIRCHHOFF_TRAINING.
#include "BackgroundTask.h"

#include "cim/AccuracyEvaluator.h"
#include "spec/DesignPoint.h"
#include "train/FineTuner.h"
#include "train/ProgressiveFineTuner.h"

#include <QString>

#include <functional>
#include <optional>

namespace kh::ui {

struct FineTuneRun {
    std::vector<train::EpochRecord> epochs;
    int best_record = 0;
    bool cancelled = false;            // stopped early: the best weights so far were written
    bool progressive = false;
    QString written;                   // the ONNX file written
    cim::AccuracyReport before, after; // both empty (images 0) when cancelled
};
using FineTuneTask = BackgroundTask<FineTuneRun>;

struct FineTuneRequest {
    QString model, dataset, out;
    DesignPoint dp;
    train::FineTuneSettings settings;
    std::optional<train::ProgressiveSettings> progressive;
};

// onEpoch runs on the UI thread after every epoch (the live chart).
FineTuneTask::Work fineTuneJob(FineTuneRequest request, std::function<void(const train::EpochRecord&)> onEpoch);

} // namespace kh::ui
