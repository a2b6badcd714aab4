#include "common/PresetDirectory.h"

#include <cstdlib>
#include <filesystem>

namespace kh {

namespace fs = std::filesystem;

std::string presetDirectory(const std::string& executableDir)
{
    std::error_code ec;
    if (const char* env = std::getenv("KIRCHHOFF_PRESETS"); env && fs::is_directory(env, ec))
        return env;
    const fs::path installed = fs::path(executableDir) / ".." / "share" / "kirchhoff" / "presets";
    if (!executableDir.empty() && fs::is_directory(installed, ec))
        return fs::weakly_canonical(installed, ec).string();
#ifdef KIRCHHOFF_SOURCE_PRESETS
    if (fs::is_directory(KIRCHHOFF_SOURCE_PRESETS, ec))
        return KIRCHHOFF_SOURCE_PRESETS;
#endif
    return "presets";
}

std::string findPreset(const std::string& executableDir, const std::string& category, const std::string& nameOrPath)
{
    std::error_code ec;
    const fs::path dir = fs::path(presetDirectory(executableDir)) / category;
    for (const fs::path& candidate : {dir / nameOrPath, dir / (nameOrPath + ".csv"), dir / (nameOrPath + ".json")})
        if (fs::is_regular_file(candidate, ec))
            return candidate.string();
    return "";
}

} // namespace kh
