#pragma once
// Subcommands of kirchhoff-cli (README, "Command line"). Each returns the process exit code and throws
// InputError for bad input (mapped to exit code 2 by the dispatcher).
#include "dse/Pareto.h"
#include "dse/PointRecord.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kh::cli {

struct CliContext {
    std::string executableDir;
};

int runPpa(const CliContext& ctx, const std::vector<std::string>& args);
int runEval(const CliContext& ctx, const std::vector<std::string>& args);
// Noise-aware fine-tuning of an ONNX model under a design point (needs KIRCHHOFF_TRAINING).
int runFinetune(const CliContext& ctx, const std::vector<std::string>& args);
int runMvm(const CliContext& ctx, const std::vector<std::string>& args);
int runSweepCommand(const CliContext& ctx, const std::vector<std::string>& args);
int runPareto(const CliContext& ctx, const std::vector<std::string>& args);
// A metric against a swept parameter, grouped by a second key (means over the other keys).
int runTrend(const CliContext& ctx, const std::vector<std::string>& args);
int runMerge(const CliContext& ctx, const std::vector<std::string>& args);
int runVmmBench(const CliContext& ctx, const std::vector<std::string>& args);
int runSchema(const CliContext& ctx, const std::vector<std::string>& args);
// Prints the non-dominated points of records in the given metrics (at most maxRows rows).
void printFront(const std::vector<PointRecord>& records, const std::vector<std::string>& metrics,
                const std::vector<Direction>& directions, size_t maxRows);
// Writes JSON to a file, or to stdout when path is "-".
void writeJsonOutput(const std::string& path, const nlohmann::json& j);
// An existing file, or a preset name under presets/<category> ("vgg8" in "networks").
std::string resolvePresetPath(const CliContext& ctx, const std::string& category, const std::string& value);
// Resolves --network: an existing path, or a preset name ("vgg8").
std::string resolveNetworkPath(const CliContext& ctx, const std::string& value);
// Resolves --config: an existing path, or a preset name under presets/designs.
std::string resolveDesignPath(const CliContext& ctx, const std::string& value);

} // namespace kh::cli
