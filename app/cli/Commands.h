#pragma once
// Subcommands of kirchhoff-cli (DESIGN.md §7). Each returns the process exit code and throws
// InputError for bad input (mapped to exit code 2 by the dispatcher).
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace kh::cli {

struct CliContext {
    std::string executableDir;
};

int runPpa(const CliContext& ctx, const std::vector<std::string>& args);
int runEval(const CliContext& ctx, const std::vector<std::string>& args);
int runMvm(const CliContext& ctx, const std::vector<std::string>& args);
// Writes JSON to a file, or to stdout when path is "-".
void writeJsonOutput(const std::string& path, const nlohmann::json& j);
// Resolves --network: an existing path, or a preset name ("vgg8").
std::string resolveNetworkPath(const CliContext& ctx, const std::string& value);
// Resolves --config: an existing path, or a preset name under presets/designs.
std::string resolveDesignPath(const CliContext& ctx, const std::string& value);

} // namespace kh::cli
