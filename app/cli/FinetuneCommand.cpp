#include "cli/CliArgs.h"
#include "cli/Commands.h"
#include "cli/StderrProgress.h"

#include "cim/AccuracyEvaluator.h"
#include "common/InputError.h"
#include "io/DatasetLoader.h"
#include "nn/OnnxImport.h"
#include "spec/DesignPointJson.h"

#ifdef KIRCHHOFF_TRAINING
#include "train/FineTuner.h"
#include "train/OnnxWeightWriter.h"
#endif

#include <cstdio>
#include <filesystem>

namespace kh::cli {

#ifndef KIRCHHOFF_TRAINING
int runFinetune(const CliContext&, const std::vector<std::string>&)
{
    throw InputError("finetune: this kirchhoff-cli was built without LibTorch (KIRCHHOFF_TRAINING=OFF)");
}
#else
namespace {
nlohmann::json reportJson(const cim::AccuracyReport& r)
{
    return {{"accuracy", r.accuracy}, {"accuracy_std", r.accuracy_std}, {"accuracy_ci95", r.accuracy_ci95},
            {"chip_accuracy", r.chip_accuracy}, {"float_accuracy", r.float_accuracy}, {"images", r.images}, {"chips", r.chips}};
}

// Prints every epoch as it ends, so a long run shows its course.
class EpochPrinter final : public train::FineTuneObserver {
public:
    explicit EpochPrinter(bool quiet) : quiet_(quiet) {}
    void epochDone(const train::EpochRecord& r) override
    {
        if (quiet_)
            return;
        if (r.epoch == 0)
            std::fprintf(stderr, "before fine-tuning: validation accuracy %.2f %% (%.0f s)\n", r.validation_accuracy * 100, r.seconds);
        else
            std::fprintf(stderr, "epoch %d: loss %.4f, training accuracy %.2f %%, validation accuracy %.2f %% (%.0f s)\n", r.epoch, r.loss,
                         r.train_accuracy * 100, r.validation_accuracy * 100, r.seconds);
    }

private:
    bool quiet_;
};
} // namespace

int runFinetune(const CliContext& ctx, const std::vector<std::string>& args)
{
    const CliArgs a(args,
                    {"--model", "--dataset", "--config", "--out", "--log", "--epochs", "--batch", "--lr", "--optimizer", "--schedule",
                     "--weight-decay", "--seed", "--train-images", "--validation-images", "--validation-chips", "--images", "--chips"},
                    {"--quiet", "--no-eval", "--progressive"});
    if (a.has("--progressive"))
        throw InputError("--progressive: progressive chip-in-the-loop fine-tuning is not built yet (docs/training.md)");
    DesignPoint dp = a.has("--config") ? loadDesignPointFile(resolveDesignPath(ctx, a.value("--config"))) : DesignPoint{};
    dp.evaluation.images = a.intValue("--images", dp.evaluation.images, 1, 10000000);
    dp.evaluation.chips = a.intValue("--chips", dp.evaluation.chips, 1, 100000);
    train::FineTuneSettings s;
    s.epochs = a.intValue("--epochs", s.epochs, 1, 1000);
    s.batch = a.intValue("--batch", s.batch, 1, 4096);
    s.learning_rate = a.numberValue("--lr", s.learning_rate, 1e-9, 10);
    s.weight_decay = a.numberValue("--weight-decay", s.weight_decay, 0, 1);
    s.seed = std::uint64_t(a.intValue("--seed", 1, 0, 2147483647));
    s.train_images = a.intValue("--train-images", s.train_images, 0, 100000000);
    s.validation_images = a.intValue("--validation-images", s.validation_images, 1, 10000000);
    s.validation_chips = a.intValue("--validation-chips", s.validation_chips, 1, 100);
    const std::string optimizer = a.value("--optimizer", "adam"), schedule = a.value("--schedule", "cosine");
    if (optimizer != "adam" && optimizer != "sgd")
        throw InputError("--optimizer: expected adam or sgd, got \"" + optimizer + "\"");
    if (schedule != "cosine" && schedule != "constant")
        throw InputError("--schedule: expected cosine or constant, got \"" + schedule + "\"");
    s.optimizer = optimizer == "adam" ? train::Optimizer::Adam : train::Optimizer::Sgd;
    s.cosine_schedule = schedule == "cosine";

    const std::string modelPath = a.required("--model"), outPath = a.required("--out");
    const std::string logPath = a.value("--log", (std::filesystem::path(outPath).replace_extension("").string()) + ".finetune.json");
    if (std::filesystem::absolute(modelPath) == std::filesystem::absolute(outPath))
        throw InputError("--out: must not be the input model " + modelPath);
    const nn::Graph model = nn::importOnnx(modelPath);
    const std::string dataset = a.value("--dataset", "fashion-mnist");
    const LabeledDataset trainSet = loadDataset(dataset, "train", dp.evaluation.dataset);
    StderrProgress::catchInterrupts();
    StderrProgress progress(a.has("--quiet"));
    progress.showTimeLeft(true);
    EpochPrinter printer(a.has("--quiet"));
    const train::FineTuneResult r = train::fineTune(model, trainSet, dp, s, &progress, &printer);
    train::writeOnnxWithWeights(modelPath, r.model, r.trained, outPath);
    const nn::Graph written = nn::importOnnx(outPath);   // what a later eval or sweep will load

    nlohmann::json epochs = nlohmann::json::array();
    for (const train::EpochRecord& e : r.epochs)
        epochs.push_back({{"epoch", e.epoch}, {"loss", e.loss}, {"train_accuracy", e.train_accuracy},
                          {"validation_accuracy", e.validation_accuracy}, {"learning_rate", e.learning_rate}, {"seconds", e.seconds}});
    nlohmann::json log{{"model", modelPath},
                       {"out", outPath},
                       {"dataset", trainSet.description},
                       {"settings",
                        {{"epochs", s.epochs}, {"batch", s.batch}, {"learning_rate", s.learning_rate}, {"optimizer", optimizer},
                         {"schedule", schedule}, {"weight_decay", s.weight_decay}, {"seed", s.seed}, {"train_images", s.train_images},
                         {"validation_images", s.validation_images}, {"validation_chips", s.validation_chips}}},
                       {"epochs", epochs},
                       {"best_epoch", r.best_epoch},
                       {"steps", r.steps},
                       {"cancelled", r.cancelled},
                       {"config", designPointToJson(dp)}};
    std::printf("Fine-tuned   %s -> %s (best epoch %d of %zu%s)\n", modelPath.c_str(), outPath.c_str(), r.best_epoch, r.epochs.size() - 1,
                r.cancelled ? ", cancelled" : "");
    std::printf("Validation   %.2f %% before, %.2f %% after (mean over %d chips drawn for validation)\n",
                r.epochs.front().validation_accuracy * 100, r.epochs[size_t(r.best_epoch)].validation_accuracy * 100, s.validation_chips);
    if (!a.has("--no-eval") && !r.cancelled) {
        // Before and after on the test split, on the evaluation's chips (evaluation.seed), none
        // of which fine-tuning drew.
        const LabeledDataset test = loadDataset(dataset, "test", dp.evaluation.dataset, dp.evaluation.images);
        const cim::AccuracyReport before = cim::evaluateAccuracy(model, test, trainSet, dp, nullptr);
        const cim::AccuracyReport after = cim::evaluateAccuracy(written, test, trainSet, dp, nullptr);
        std::printf("Test         %d images, %d fresh chips: %.2f %% ± %.2f before, %.2f %% ± %.2f after (95 %% CI); float %.2f %% -> %.2f %%\n",
                    after.images, after.chips, before.accuracy * 100, before.accuracy_ci95 * 100, after.accuracy * 100,
                    after.accuracy_ci95 * 100, before.float_accuracy * 100, after.float_accuracy * 100);
        log["test_before"] = reportJson(before);
        log["test_after"] = reportJson(after);
    }
    writeJsonOutput(logPath, log);
    return r.cancelled ? 3 : 0;
}
#endif

} // namespace kh::cli
