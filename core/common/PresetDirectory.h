#pragma once
// Where the shipped presets live: $KIRCHHOFF_PRESETS, then <exe>/../share/kirchhoff/presets
// (installed), then the source tree (development builds).
#include <string>

namespace kh {

std::string presetDirectory(const std::string& executableDir);
// "vgg8" or "networks/vgg8.csv" -> an existing file under the preset directory, or "" if none.
std::string findPreset(const std::string& executableDir, const std::string& category, const std::string& nameOrPath);

} // namespace kh
