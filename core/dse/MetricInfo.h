#pragma once
// The one registry of the metrics a sweep point can carry: name (the key in results, objectives,
// constraints and CSV), unit, which direction is better, the label charts and tables show (with
// its display scale: accuracy is stored as a fraction, shown in %), and a description. Sweep-spec
// validation, default objective directions, the CLI's tables, the GUI's metric menus and the
// results store's indexed columns all come from here.
#include "dse/Pareto.h"

#include <string>
#include <vector>

namespace kh {

struct MetricInfo {
    std::string name;          // "tops_per_w"
    std::string unit;          // "TOPS/W", "mm2", "" (a fraction)
    Direction better = Direction::Minimize;
    std::string label;         // "TOPS/W", "Accuracy (%)"
    double displayScale = 1;   // displayed = stored · displayScale
    std::string description;
    bool fromAccuracy = false; // set only when the sweep has a model
};

const std::vector<MetricInfo>& metricRegistry();
// nullptr for a name that is not a metric.
const MetricInfo* findMetric(const std::string& name);

struct MetricDisplay {
    std::string label;
    double scale = 1;
};
// The label and scale of a metric; other names (design-point keys) show as themselves.
MetricDisplay metricDisplay(const std::string& name);

} // namespace kh
