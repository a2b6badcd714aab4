#pragma once
// How a metric is shown to people: a label with its unit and a display scale (accuracy is stored
// as a fraction and shown in %). Shared by the CLI's tables and the charts.
#include <string>

namespace kh {

struct MetricDisplay {
    std::string label;   // "TOPS/W", "Accuracy (%)", "Area (mm²)"
    double scale = 1;    // displayed = stored · scale
};

MetricDisplay metricDisplay(const std::string& name);

} // namespace kh
