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
#include "train/ProgressiveFineTuner.h"
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

// Prints every epoch as it ends, so a long run shows its course; with a layer-outputs directory,
// writes the model each progressive stage programs (what a lab programs on its chip).
class EpochPrinter final : public train::FineTuneObserver {
public:
    EpochPrinter(bool quiet, std::string modelPath, std::string stageDir)
        : quiet_(quiet), modelPath_(std::move(modelPath)), stageDir_(std::move(stageDir))
    {
    }
    void epochDone(const train::EpochRecord& r) override
    {
        if (quiet_)
            return;
        const std::string stage = r.frozen_layers > 0 ? "stage " + std::to_string(r.frozen_layers) + ", " : std::string();
        if (r.epoch == 0)
            std::fprintf(stderr, "%sbefore training: validation accuracy %.2f %% (%.0f s)\n", stage.c_str(), r.validation_accuracy * 100, r.seconds);
        else
            std::fprintf(stderr, "%sepoch %d: loss %.4f, training accuracy %.2f %%, validation accuracy %.2f %% (%.0f s)\n", stage.c_str(), r.epoch,
                         r.loss, r.train_accuracy * 100, r.validation_accuracy * 100, r.seconds);
    }
    void stageStarted(int layer, const nn::Graph& model, const std::vector<std::string>& trained) override
    {
        if (!quiet_)
            std::fprintf(stderr, "stage %d: programming array layer %d on the fixed chip\n", layer + 1, layer + 1);
        if (stageDir_.empty())
            return;
        const std::string path = (std::filesystem::path(stageDir_) / ("stage_" + std::to_string(layer) + ".onnx")).string();
        train::writeOnnxWithWeights(modelPath_, model, trained, path);
    }

private:
    bool quiet_;
    std::string modelPath_, stageDir_;
};
} // namespace

int runFinetune(const CliContext& ctx, const std::vector<std::string>& args)
{
    const CliArgs a(args,
                    {"--model", "--dataset", "--config", "--out", "--log", "--epochs", "--batch", "--lr", "--optimizer", "--schedule",
                     "--weight-decay", "--seed", "--train-images", "--validation-images", "--validation-chips", "--images", "--chips",
                     "--progressive-images", "--stages", "--layer-outputs"},
                    {"--quiet", "--no-eval", "--progressive"});
    const bool progressive = a.has("--progressive");
    for (const char* option : {"--progressive-images", "--stages", "--layer-outputs"})
        if (!progressive && a.has(option))
            throw InputError(std::string(option) + ": only with --progressive");
    if (progressive && a.has("--train-images"))
        throw InputError("--train-images: progressive fine-tuning takes --progressive-images");
    DesignPoint dp = a.has("--config") ? loadDesignPointFile(resolveDesignPath(ctx, a.value("--config"))) : DesignPoint{};
    dp.evaluation.images = a.intValue("--images", dp.evaluation.images, 1, 10000000);
    dp.evaluation.chips = a.intValue("--chips", dp.evaluation.chips, 1, 100000);
    train::FineTuneSettings s;
    s.epochs = a.intValue("--epochs", progressive ? 1 : s.epochs, 1, 1000);   // progressive: per stage
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
    train::ProgressiveSettings ps;
    ps.images = a.intValue("--progressive-images", ps.images, 2, 100000000);
    ps.stages = a.intValue("--stages", ps.stages, 0, 100000);
    ps.layer_outputs = a.value("--layer-outputs", "");

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
    EpochPrinter printer(a.has("--quiet"), modelPath, ps.layer_outputs);
    const train::FineTuneResult r = progressive ? train::progressiveFineTune(model, trainSet, dp, s, ps, &progress, &printer)
                                                : train::fineTune(model, trainSet, dp, s, &progress, &printer);
    if (r.epochs.empty())   // stopped before the first validation: there is nothing to keep
        throw Cancelled();
    train::writeOnnxWithWeights(modelPath, r.model, r.trained, outPath);
    const nn::Graph written = nn::importOnnx(outPath);   // what a later eval or sweep will load

    nlohmann::json epochs = nlohmann::json::array();
    for (const train::EpochRecord& e : r.epochs)
        epochs.push_back({{"epoch", e.epoch}, {"frozen_layers", e.frozen_layers}, {"loss", e.loss}, {"train_accuracy", e.train_accuracy},
                          {"validation_accuracy", e.validation_accuracy}, {"learning_rate", e.learning_rate}, {"seconds", e.seconds}});
    nlohmann::json log{{"model", modelPath},
                       {"out", outPath},
                       {"dataset", trainSet.description},
                       {"settings",
                        {{"epochs", s.epochs}, {"batch", s.batch}, {"learning_rate", s.learning_rate}, {"optimizer", optimizer},
                         {"schedule", schedule}, {"weight_decay", s.weight_decay}, {"seed", s.seed}, {"train_images", s.train_images},
                         {"validation_images", s.validation_images}, {"validation_chips", s.validation_chips}}},
                       {"progressive", progressive ? nlohmann::json{{"images", ps.images}, {"stages", ps.stages}, {"layer_outputs", ps.layer_outputs},
                                                                    {"chip", "chip 0 of the evaluation (evaluation.seed)"}}
                                                   : nlohmann::json(nullptr)},
                       {"epochs", epochs},
                       {"best_epoch", r.best_epoch},
                       {"steps", r.steps},
                       {"cancelled", r.cancelled},
                       {"config", designPointToJson(dp)}};
    const train::EpochRecord& kept = r.epochs[size_t(r.best_record)];
    if (progressive)
        std::printf("Fine-tuned   %s -> %s progressively (%d layers on the fixed chip, last stage's best epoch %d%s)\n", modelPath.c_str(),
                    outPath.c_str(), kept.frozen_layers, r.best_epoch, r.cancelled ? ", cancelled" : "");
    else
        std::printf("Fine-tuned   %s -> %s (best epoch %d of %zu%s)\n", modelPath.c_str(), outPath.c_str(), r.best_epoch, r.epochs.size() - 1,
                    r.cancelled ? ", cancelled" : "");
    std::printf("Validation   %.2f %% at the start, %.2f %% kept (mean over %d chips drawn for validation)\n",
                r.epochs.front().validation_accuracy * 100, kept.validation_accuracy * 100, s.validation_chips);
    if (progressive && !a.has("--no-eval") && !r.cancelled) {
        // The chip the layers were programmed on, with the test images: chip 0 of the evaluation.
        DesignPoint fixed = dp;
        fixed.evaluation.chips = 1;
        const LabeledDataset test = loadDataset(dataset, "test", dp.evaluation.dataset, dp.evaluation.images);
        const cim::AccuracyReport before = cim::evaluateAccuracy(model, test, trainSet, fixed, nullptr);
        const cim::AccuracyReport after = cim::evaluateAccuracy(written, test, trainSet, fixed, nullptr);
        std::printf("Test         %d images on the fixed chip: %.2f %% before, %.2f %% after; float %.2f %% -> %.2f %%\n", after.images,
                    before.accuracy * 100, after.accuracy * 100, before.float_accuracy * 100, after.float_accuracy * 100);
        log["test_before"] = reportJson(before);
        log["test_after"] = reportJson(after);
    } else if (!a.has("--no-eval") && !r.cancelled) {
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
