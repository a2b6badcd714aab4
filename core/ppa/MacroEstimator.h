#pragma once
// The macro-scope estimate (ppa/MacroReport.h) from the same subarray model the chip estimate
// uses, so the chip's arrays cost exactly what the macro costs per read (docs/validation.md).
#include "ppa/MacroReport.h"
#include "ppa/SubarrayModel.h"
#include "spec/ActivitySource.h"
#include "spec/DesignPoint.h"

namespace kh {

MacroReport estimateMacro(const DesignPoint& dp, const LayerActivity& activity);
// The same from the subarray the caller has costed already (the chip estimate).
MacroReport estimateMacro(const DesignPoint& dp, const LayerActivity& activity, const SubarrayCost& sa);

// Dynamic energy of reads inside the macro, from counted events: bitline charge and cell reads
// (arrays; cellReads in cell-slots), conversions (adc), their shift-add (accumulation), word-line
// pulses, the rows' pulse logic per row and conversion (rowConversions) and the column mux
// (other). The macro and the chip estimate both charge their reads through it.
Breakdown macroReadEnergyPj(const SubarrayCost& sa, const LayerActivity& activity, double conversions, double cellReads,
                            double rowActivations, double rowConversions);
// At the design point's default activity (the `activity` section).
MacroReport estimateMacro(const DesignPoint& dp);

} // namespace kh
