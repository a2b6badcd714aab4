// Sweep throughput, measured in one run: PPA-only VGG8 points per second through the whole sweep
// engine (spec -> points -> evaluation -> one SQLite transaction per point) on 1 and 2 threads,
// against the target of 20 points/s per core; and the accuracy-cache hit rate of the NeuroSim
// V1.5 study preset (presets/sweeps/neurosim_v15_study.json): the share of its points whose
// accuracy the evaluator takes from an earlier point instead of simulating.
//   sweep_speed          hit rate from the evaluator's cache keys (seconds)
//   sweep_speed --run    also runs the whole study (VGG-style CNN accuracy; about an hour)
#include "dse/PointEvaluator.h"
#include "dse/ResultStore.h"
#include "dse/Samplers.h"
#include "dse/SweepEngine.h"
#include "dse/SweepPoint.h"
#include "dse/SweepSpec.h"

#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

using namespace kh;
using nlohmann::json;

int main(int argc, char** argv)
{
    const std::string presets = KIRCHHOFF_BENCH_PRESETS;
    const bool runStudy = argc > 1 && std::string(argv[1]) == "--run";
    const std::filesystem::path tmp = std::filesystem::temp_directory_path() / "kirchhoff-sweep-speed";
    std::filesystem::remove_all(tmp);
    std::filesystem::create_directories(tmp);

    // 1440 distinct PPA points on VGG8.
    const json ppa{{"network", presets + "/networks/vgg8.csv"},
                   {"base", presets + "/designs/neurosim_vgg8_rram22.json"},
                   {"axes",
                    {{"array.rows+array.cols", {64, 128, 256}},
                     {"array.parallel_rows", {8, 16, 32, 64}},
                     {"array.cols_per_adc", {1, 4, 8, 16}},
                     {"device.cell_bits", {1, 2, 4}},
                     {"precision.adc_type", {"flash", "sar"}},
                     {"technology.node_nm", {45, 22, 7, 3, 1}}}}};
    const SweepSpec spec = sweepSpecFromJson(ppa, "", "");
    std::printf("PPA-only sweep of VGG8, %.0f points, every point stored in its own SQLite transaction:\n", gridSize(spec.axes));
    double perThread1 = 0;
    for (int threads : {1, 2}) {
        ResultStore store((tmp / ("ppa" + std::to_string(threads) + ".sqlite")).string());
        SweepOptions o;
        o.threads = threads;
        const SweepSummary s = runSweep(spec, store, o);
        const double rate = double(s.evaluated) / s.seconds;
        if (threads == 1)
            perThread1 = rate;
        std::printf("  %d thread%s: %6lld points in %6.2f s = %8.0f points/s (%7.0f per core; target >= 20, %.0fx)%s\n", threads,
                    threads > 1 ? "s" : " ", s.evaluated, s.seconds, rate, rate / threads, rate / threads / 20,
                    threads > 1 ? (", speed-up " + std::to_string(rate / perThread1).substr(0, 4) + "x").c_str() : "");
    }

    const std::string studyPath = presets + "/sweeps/neurosim_v15_study.json";
    const SweepSpec study = loadSweepSpecFile(studyPath, "");
    PointEvaluator evaluator(study);
    std::set<std::string> keys;
    long long points = 0;
    for (const Genome& g : gridGenomes(study.axes)) {
        const SweepPoint p = buildSweepPoint(study, g, 0);
        if (!p.invalid.empty())
            continue;
        ++points;
        keys.insert(evaluator.accuracyKey(p.dp));
    }
    std::printf("\nNeuroSim V1.5 study preset: %lld points need %zu accuracy simulations; cache hit rate %.1f %%\n", points,
                keys.size(), 100.0 * double(points - (long long)keys.size()) / double(points));
    if (runStudy) {
        ResultStore store((tmp / "study.sqlite").string());
        SweepOptions o;
        o.threads = 2;
        const SweepSummary s = runSweep(study, store, o);
        std::printf("  run: %lld points in %.0f s, %lld simulator runs, %lld cache hits (%.1f %%)\n", s.evaluated, s.seconds,
                    s.accuracy_runs, s.accuracy_hits, 100.0 * double(s.accuracy_hits) / double(s.accuracy_runs + s.accuracy_hits));
    } else {
        std::printf("  (sweep_speed --run runs the whole study and counts the hits it measures)\n");
    }
    std::filesystem::remove_all(tmp);
    return 0;
}
