#pragma once
// The macro-scope estimate (ppa/MacroReport.h) from the same subarray model the chip estimate
// uses, so the chip's arrays cost exactly what the macro costs per read (docs/validation.md).
#include "ppa/MacroReport.h"
#include "spec/ActivitySource.h"
#include "spec/DesignPoint.h"

namespace kh {

MacroReport estimateMacro(const DesignPoint& dp, const LayerActivity& activity);
// At the design point's default activity (the `activity` section).
MacroReport estimateMacro(const DesignPoint& dp);

} // namespace kh
