#pragma once
// Whole-chip PPA (docs/architecture.md): maps the network (Floorplan), costs subarray, PE, tile and chip
// level circuits (HierarchyModel, component models), counts the events one image causes with the
// given switching activity, and reports area, latency, energy, leakage, TOPS, TOPS/W, TOPS/mm², FPS.
#include "ppa/SourcedConstant.h"
#include "spec/LayerTable.h"
#include "spec/ActivitySource.h"
#include "ppa/PpaReport.h"
#include "spec/DesignPoint.h"

namespace kh {

// Throws InputError when the design point cannot be built (e.g. unknown node).
PpaReport estimateChip(const LayerTable& net, const DesignPoint& dp, const ActivitySource& activity);
PpaReport estimateChip(const LayerTable& net, const DesignPoint& dp);   // default activity

ConstantGroup chipConstants();

} // namespace kh
