#include "cli/CliArgs.h"
#include "cli/Commands.h"
#include "cli/StderrProgress.h"

#include "cim/AccuracyEvaluator.h"
#include "cim/ModelLayerTable.h"
#include "ppa/ChipEstimator.h"
#include "ppa/PpaReportJson.h"
#include "common/InputError.h"
#include "common/TextFile.h"
#include "io/DatasetLoader.h"
#include "nn/OnnxImport.h"
#include "spec/DesignPointJson.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace kh::cli {


int runEval(const CliContext& ctx, const std::vector<std::string>& args)
{
    const CliArgs a(args, {"--model", "--dataset", "--config", "--json", "--images", "--chips", "--seed"}, {"--quiet"});
    DesignPoint dp = a.has("--config") ? loadDesignPointFile(resolveDesignPath(ctx, a.value("--config"))) : DesignPoint{};
    dp.evaluation.images = a.intValue("--images", dp.evaluation.images, 1, 10000000);
    dp.evaluation.chips = a.intValue("--chips", dp.evaluation.chips, 1, 100000);
    if (a.has("--seed"))
        dp.evaluation.seed = (unsigned long long)a.intValue("--seed", 1, 0, 2147483647);
    const nn::Graph model = nn::importOnnx(a.required("--model"));
    const std::string dataset = a.value("--dataset", "fashion-mnist");
    const LabeledDataset test = loadDataset(dataset, "test", dp.evaluation.dataset, dp.evaluation.images);
    const LabeledDataset calibration = loadCalibrationDataset(dataset, dp.evaluation.dataset, test);
    StderrProgress::catchInterrupts();
    StderrProgress progress;
    const cim::AccuracyReport r = cim::evaluateAccuracy(model, test, calibration, dp, a.has("--quiet") ? nullptr : &progress);
    std::printf("Model        %s (%d linear layers on CIM arrays%s)\n", a.value("--model").c_str(), r.linear_layers,
                dp.mapping.first_layer_digital ? ", first one digital" : "");
    std::printf("Dataset      %s, %d images\n", test.description.c_str(), r.images);
    std::printf("Float        %.2f %%\n", r.float_accuracy * 100);
    std::printf("CIM          %.2f %% ± %.2f (std over %d chips), 95 %% CI ± %.2f\n", r.accuracy * 100, r.accuracy_std * 100,
                r.chips, r.accuracy_ci95 * 100);
    std::printf("Time         %.1f s\n", r.seconds);
    // PPA of the same layers, its energy from the bit statistics this run measured.
    const LayerTable layers = cim::layerTableFromModel(model, std::filesystem::path(a.value("--model")).stem().string());
    const PpaReport ppa = estimateChip(layers, dp, MeasuredActivity(r.layers));
    std::printf("PPA          %.2f TOPS/W, %.3f TOPS, %.2f mm2 (energy from measured bit statistics)\n", ppa.tops_per_w, ppa.tops, ppa.area_mm2);
    if (a.has("--json")) {
        nlohmann::json layers = nlohmann::json::array();
        for (const LayerActivity& l : r.layers)
            layers.push_back({{"input_bit_density", l.input_bit_density}, {"weight_level_mean", l.weight_level_mean}});
        const nlohmann::json j{{"accuracy", r.accuracy},           {"accuracy_std", r.accuracy_std},
                               {"accuracy_ci95", r.accuracy_ci95}, {"float_accuracy", r.float_accuracy},
                               {"chip_accuracy", r.chip_accuracy}, {"images", r.images},
                               {"chips", r.chips},                 {"layers", layers},
                               {"seconds", r.seconds},             {"config", designPointToJson(dp)},
                               {"ppa", ppaReportToJson(ppa)}};
        writeJsonOutput(a.value("--json"), j);
    }
    return 0;
}

} // namespace kh::cli
