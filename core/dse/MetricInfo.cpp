#include "dse/MetricInfo.h"

#include "common/FindByName.h"

namespace kh {

namespace {
std::vector<MetricInfo> makeRegistry()
{
    const Direction up = Direction::Maximize, down = Direction::Minimize;
    std::vector<MetricInfo> m = {
        {"accuracy", "", up, "Accuracy (%)", 100, "top-1 accuracy on simulated chips, mean over chips", true},
        {"accuracy_std", "", down, "Accuracy std over chips (%)", 100, "standard deviation of the accuracy over simulated chips", true},
        {"accuracy_ci95", "", down, "Accuracy 95 % CI half-width (%)", 100, "half-width of the 95 % interval of the mean accuracy", true},
        {"float_accuracy", "", up, "Float accuracy (%)", 100, "accuracy of the float model on the same images", true},
        {"accuracy_loss", "", down, "Accuracy loss vs float (points)", 100, "float accuracy minus simulated accuracy", true},
        {"area_mm2", "mm2", down, "Area (mm²)", 1, "chip area"},
        {"latency_ns", "ns", down, "Latency (ns)", 1, "time from an image's input to its output"},
        {"energy_pj", "pJ", down, "Energy per image (pJ)", 1, "dynamic energy of one image"},
        {"leakage_uw", "uW", down, "Leakage (µW)", 1, "static power"},
        {"tops", "TOPS", up, "TOPS", 1, "throughput in tera-operations per second (1 MAC = 2 operations)"},
        {"tops_per_w", "TOPS/W", up, "TOPS/W", 1, "energy efficiency"},
        {"tops_per_mm2", "TOPS/mm2", up, "TOPS/mm²", 1, "area efficiency"},
        {"fps", "1/s", up, "Frames per second", 1, "images per second"},
        {"period_ns", "ns", down, "Image period (ns)", 1, "time between images (pipelined: the slowest stage)"},
        {"clock_ns", "ns", down, "Read step (ns)", 1, "duration of one array read step"},
        {"ops_per_image", "", down, "Operations per image", 1, "operations of one image (NeuroSim's count)"},
        {"macro_tops_per_w", "TOPS/W", up, "Macro TOPS/W", 1, "energy efficiency of one array macro (arrays, readout, ADCs, shift-add)"},
        {"macro_tops", "TOPS", up, "Macro TOPS", 1, "throughput of one array macro"},
        {"macro_tops_per_mm2", "TOPS/mm2", up, "Macro TOPS/mm²", 1, "area efficiency of one array macro"},
        {"macro_fj_per_mac", "fJ", down, "Macro energy per MAC (fJ)", 1, "energy of one MAC inside one array macro"},
        {"macro_energy_share", "", down, "Macro share of energy (%)", 100, "share of the chip's dynamic energy spent inside the macros"},
    };
    for (const char* part : {"arrays", "adc", "accumulation", "interconnect", "buffers", "other"}) {
        m.push_back({std::string("area_") + part + "_mm2", "mm2", down, std::string("area_") + part + " (mm²)", 1,
                     std::string("area of the chip's ") + part});
        m.push_back({std::string("energy_") + part + "_pj", "pJ", down, std::string("energy_") + part + " (pJ)", 1,
                     std::string("energy per image of the chip's ") + part});
    }
    return m;
}
} // namespace

const std::vector<MetricInfo>& metricRegistry()
{
    static const std::vector<MetricInfo> registry = makeRegistry();
    return registry;
}

const MetricInfo* findMetric(const std::string& name) { return findByName(metricRegistry(), &MetricInfo::name, name); }

MetricDisplay metricDisplay(const std::string& name)
{
    if (const MetricInfo* m = findMetric(name))
        return {m->label, m->displayScale};
    return {name, 1};
}

} // namespace kh
