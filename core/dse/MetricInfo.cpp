#include "dse/MetricInfo.h"

#include <map>

namespace kh {

MetricDisplay metricDisplay(const std::string& name)
{
    static const std::map<std::string, MetricDisplay> known{
        {"accuracy", {"Accuracy (%)", 100}},
        {"accuracy_std", {"Accuracy std over chips (%)", 100}},
        {"accuracy_ci95", {"Accuracy 95 % CI half-width (%)", 100}},
        {"float_accuracy", {"Float accuracy (%)", 100}},
        {"accuracy_loss", {"Accuracy loss vs float (points)", 100}},
        {"area_mm2", {"Area (mm²)", 1}},
        {"latency_ns", {"Latency (ns)", 1}},
        {"energy_pj", {"Energy per image (pJ)", 1}},
        {"leakage_uw", {"Leakage (µW)", 1}},
        {"tops", {"TOPS", 1}},
        {"tops_per_w", {"TOPS/W", 1}},
        {"tops_per_mm2", {"TOPS/mm²", 1}},
        {"fps", {"Frames per second", 1}},
        {"period_ns", {"Image period (ns)", 1}},
        {"clock_ns", {"Read step (ns)", 1}},
        {"ops_per_image", {"Operations per image", 1}},
    };
    if (auto it = known.find(name); it != known.end())
        return it->second;
    // Breakdown parts and design-point keys: the name itself, unit suffix spelled out.
    std::string label = name;
    for (const auto& [suffix, unit] : {std::pair<std::string, std::string>{"_mm2", " (mm²)"}, {"_pj", " (pJ)"}})
        if (label.size() > suffix.size() && label.compare(label.size() - suffix.size(), suffix.size(), suffix) == 0)
            label = label.substr(0, label.size() - suffix.size()) + unit;
    return {label, 1};
}

} // namespace kh
