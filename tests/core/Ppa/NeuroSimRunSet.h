#pragma once
// NeuroSim's 19 measured runs (tests/data/ppa/neurosim_runs.csv) as Kirchhoff design points, built
// from what each row states plus the values compiled into NeuroSim's Param.cpp that the runs use
// (docs/validation.md §1b). Nothing here is fitted: a run's point is the preset of its device
// family with the row's configuration written over it.
#include "spec/DesignPoint.h"
#include "spec/LayerTable.h"

#include <map>
#include <string>
#include <vector>

namespace kh::test {

struct NeuroSimRun {
    std::string name;
    std::string network;          // the row's NetWork description
    std::map<std::string, double> value;   // every numeric column by its header name
    std::string sense_amp;        // "CSA (current mode)" or "VSA (voltage mode)"
    DesignPoint point;
    LayerTable net;
};

// Reads the calibration set and builds each run's point; throws std::runtime_error with file:line.
std::vector<NeuroSimRun> loadNeuroSimRuns(const std::string& csvPath, const std::string& presetsDir);

} // namespace kh::test
