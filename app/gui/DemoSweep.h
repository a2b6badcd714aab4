#pragma once
// The main job without a display: the demo sweep preset (presets/sweeps/demo.json — an MLP on
// 22 nm RRAM over parallel rows, bits per cell, ADC resolution and type) run by the core sweep
// scheduler on a QtConcurrent pool, its results stored in kirchhoff-demo.sqlite and drawn as a
// TOPS/W vs accuracy Pareto chart (SVG, PDF, PNG).
#include <QString>

namespace kh::app {

// Returns the process exit code; writes kirchhoff-demo.{sqlite,svg,pdf,png} into outDir.
int runDemoSweep(const QString& presetDir, const QString& outDir);

} // namespace kh::app
