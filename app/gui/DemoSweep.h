#pragma once
// The main job without a display: a small sweep of the 22 nm RRAM reference design on VGG8 over
// parallel rows, columns per ADC, bits per cell and ADC type, each with a lossless ADC, written as
// a TOPS vs TOPS/W Pareto chart (SVG, PDF, PNG).
#include <QString>

namespace kh::app {

// Returns the process exit code; writes kirchhoff-demo.{svg,pdf,png} into outDir.
int runDemoSweep(const QString& presetDir, const QString& outDir);

} // namespace kh::app
