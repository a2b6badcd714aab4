#include "FineTuneJob.h"

#include "common/InputError.h"
#include "common/ProgressSpan.h"
#include "io/DatasetLoader.h"
#include "nn/OnnxImport.h"
#include "train/OnnxWeightWriter.h"

#include <QFileInfo>

namespace kh::ui {

namespace {
// Training takes this share of the bar, the two evaluations the rest (an assumption for the bar:
// with the default settings an epoch costs far more than an evaluation).
constexpr double kTrainingShare = 0.85;

class EpochsToUi final : public train::FineTuneObserver {
public:
    EpochsToUi(TaskContext& ctx, std::function<void(const train::EpochRecord&)> onEpoch) : ctx_(ctx), onEpoch_(std::move(onEpoch)) {}
    void epochDone(const train::EpochRecord& r) override
    {
        if (onEpoch_)
            ctx_.post([f = onEpoch_, r] { f(r); });
    }

private:
    TaskContext& ctx_;
    std::function<void(const train::EpochRecord&)> onEpoch_;
};
} // namespace

FineTuneTask::Work fineTuneJob(FineTuneRequest request, std::function<void(const train::EpochRecord&)> onEpoch)
{
    return [q = std::move(request), onEpoch = std::move(onEpoch)](TaskContext& ctx) {
        const std::string modelPath = q.model.toStdString(), outPath = q.out.toStdString(), data = q.dataset.toStdString();
        if (QFileInfo(q.out).absoluteFilePath() == QFileInfo(q.model).absoluteFilePath())
            throw InputError(outPath + ": is the model being fine-tuned; choose another output file");
        const nn::Graph model = nn::importOnnx(modelPath);
        const LabeledDataset trainSet = loadDataset(data, "train", q.dp.evaluation.dataset);
        EpochsToUi observer(ctx, onEpoch);
        ProgressSpan training(&ctx.progress(), 0, kTrainingShare);
        const train::FineTuneResult r = q.progressive ? train::progressiveFineTune(model, trainSet, q.dp, q.settings, *q.progressive, &training, &observer)
                                                      : train::fineTune(model, trainSet, q.dp, q.settings, &training, &observer);
        if (r.epochs.empty())   // stopped before the first validation: nothing to keep
            throw Cancelled();
        train::writeOnnxWithWeights(modelPath, r.model, r.trained, outPath);
        FineTuneRun run;
        run.epochs = r.epochs;
        run.best_record = r.best_record;
        run.cancelled = r.cancelled;
        run.progressive = q.progressive.has_value();
        run.written = q.out;
        if (r.cancelled)
            return run;
        DesignPoint dp = q.dp;
        if (run.progressive)
            dp.evaluation.chips = 1;   // the fixed chip the layers were programmed on
        const LabeledDataset test = loadDataset(data, "test", dp.evaluation.dataset, dp.evaluation.images);
        const nn::Graph tuned = nn::importOnnx(outPath);   // what was written, as a user reopens it
        const double half = (1 - kTrainingShare) / 2;
        ProgressSpan first(&ctx.progress(), kTrainingShare, half), second(&ctx.progress(), kTrainingShare + half, half);
        run.before = cim::evaluateAccuracy(model, test, trainSet, dp, &first);
        run.after = cim::evaluateAccuracy(tuned, test, trainSet, dp, &second);
        return run;
    };
}

} // namespace kh::ui
