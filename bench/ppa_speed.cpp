// Time per VGG8 PPA design point on one core, measured in one run: median of repeated estimates of
// each NeuroSim reference configuration (docs/validation.md §1) and of a 120-point mixed sweep, beside NeuroSim's 77–267 s.
#include "io/NetworkCsv.h"
#include "ppa/ChipEstimator.h"
#include "spec/DesignPointJson.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace kh;
using Clock = std::chrono::steady_clock;

int main()
{
    const std::string presets = KIRCHHOFF_BENCH_PRESETS;
    const LayerTable net = readNetworkCsv(presets + "/networks/vgg8.csv");
    std::vector<DesignPoint> points;
    for (const char* c : {"neurosim_vgg8_rram22", "neurosim_vgg8_sram22", "neurosim_vgg8_sram5"})
        points.push_back(loadDesignPointFile(presets + "/designs/" + c + ".json"));
    // A mixed sweep: every point differs in node, ADC and array knobs.
    const DesignPoint base = points[0];
    for (int node : {45, 22, 7, 3})
        for (int adc : {3, 5, 7})
            for (int par : {16, 64})
                for (int rows : {64, 128, 256}) {
                    DesignPoint dp = base;
                    dp.technology.node_nm = node;
                    dp.precision.adc_bits = adc;
                    dp.array.rows = dp.array.cols = rows;
                    dp.array.parallel_rows = std::min(par, rows);
                    points.push_back(dp);
                }
    const int repeats = 20;
    std::vector<double> times;
    volatile double sink = 0;
    const auto all0 = Clock::now();
    for (int r = 0; r < repeats; ++r)
        for (const DesignPoint& dp : points) {
            const auto t0 = Clock::now();
            const PpaReport rep = estimateChip(net, dp);
            times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            sink = sink + rep.tops_per_w;
        }
    const double totalS = std::chrono::duration<double>(Clock::now() - all0).count();
    std::sort(times.begin(), times.end());
    const double median = times[times.size() / 2], p99 = times[times.size() * 99 / 100];
    std::printf("ppa_speed: VGG8, %zu design points x %d repeats, one core\n", points.size(), repeats);
    std::printf("  median time per design point : %.4f ms (p99 %.4f ms; target < 50 ms)\n", median, p99);
    std::printf("  design points per second     : %.0f\n", double(times.size()) / totalS);
    std::printf("  speed-up vs NeuroSim (77-267 s per point, docs/validation.md): %.0fx - %.0fx\n",
                77e3 / median, 267e3 / median);
    return sink > 0 ? 0 : 1;
}
