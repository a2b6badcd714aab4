#include "cli/CliArgs.h"
#include "cli/Commands.h"

#include "common/InputError.h"
#include "common/PresetDirectory.h"
#include "common/TextFile.h"
#include "cim/ModelLayerTable.h"
#include "ppa/ChipEstimator.h"
#include "ppa/MacroEstimator.h"
#include "ppa/PpaConstants.h"
#include "ppa/PpaReportJson.h"
#include "spec/DesignPointJson.h"

#include <filesystem>
#include <iostream>

namespace kh::cli {

std::string resolvePresetPath(const CliContext& ctx, const std::string& category, const std::string& value)
{
    std::error_code ec;
    if (std::filesystem::is_regular_file(value, ec))
        return value;
    const std::string preset = findPreset(ctx.executableDir, category, value);
    if (!preset.empty())
        return preset;
    throw InputError(value + ": no such file or " + category + " preset");
}

std::string resolveNetworkPath(const CliContext& ctx, const std::string& value)
{
    return resolvePresetPath(ctx, "networks", value);
}

std::string resolveDesignPath(const CliContext& ctx, const std::string& value)
{
    return resolvePresetPath(ctx, "designs", value);
}

void writeJsonOutput(const std::string& path, const nlohmann::json& j)
{
    if (path == "-")
        std::cout << j.dump(2) << "\n";
    else
        writeTextFile(path, j.dump(2) + "\n");
}

int runPpa(const CliContext& ctx, const std::vector<std::string>& args)
{
    const CliArgs a(args, {"--network", "--config", "--json", "--scope"}, {"--quiet", "--constants"});
    if (a.has("--constants")) {   // the model's constants with units and sources (docs/ppa-model.md)
        std::cout << ppaConstantsMarkdown();
        return 0;
    }
    // chip: the whole accelerator for a network; macro: one array as silicon macro papers report
    // it (no network needed); both: the chip report with its macro section.
    const std::string scope = a.value("--scope", "chip");
    if (scope != "chip" && scope != "macro" && scope != "both")
        throw InputError("--scope: expected chip, macro or both, got \"" + scope + "\"");
    const DesignPoint dp = a.has("--config") ? loadDesignPointFile(resolveDesignPath(ctx, a.value("--config"))) : DesignPoint{};
    if (scope == "macro" && !a.has("--network")) {
        const MacroReport macro = estimateMacro(dp);
        if (!a.has("--quiet"))
            std::cout << macroReportToText(macro);
        if (a.has("--json")) {
            nlohmann::json j{{"scope", "macro"}, {"macro", macroReportToJson(macro)}, {"config", designPointToJson(dp)}};
            writeJsonOutput(a.value("--json"), j);
        }
        return 0;
    }
    const std::string netPath = resolveNetworkPath(ctx, a.required("--network"));
    const LayerTable net = cim::loadNetworkFile(netPath);
    const PpaReport report = estimateChip(net, dp);
    if (!a.has("--quiet")) {
        if (scope != "macro")
            std::cout << ppaReportToText(report);
        if (scope != "chip")
            std::cout << (scope == "both" ? "\n" : "") << macroReportToText(report.macro);
    }
    if (a.has("--json")) {
        nlohmann::json j = ppaReportToJson(report);
        j["scope"] = scope;
        j["config"] = designPointToJson(dp);
        writeJsonOutput(a.value("--json"), j);
    }
    return 0;
}

} // namespace kh::cli
