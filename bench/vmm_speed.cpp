// VMM error benchmark speed, measured in one run: 1000 trials of 32×32 (MELISO's population) per
// device preset against the target of one second, a 1024×1024 trial, and the time of the five
// distribution fits on the 32 000 pooled errors.
#include "vmm/DistributionFits.h"
#include "vmm/VmmBenchmark.h"

#include <chrono>
#include <cstdio>
#include <string>

using namespace kh::vmm;
using Clock = std::chrono::steady_clock;

int main()
{
    const std::string presets = KIRCHHOFF_BENCH_PRESETS;
    VmmOptions o;
    std::printf("1000 trials of 32x32, every non-ideality on (target < 1 s):\n");
    std::vector<double> errors;
    for (const char* name : {"ag_asi", "taox_hfox", "alox_hfo2", "epiram"}) {
        const RramDevice d = loadDeviceFile(presets + "/devices/" + name + ".json");
        const VmmResult r = runVmmBenchmark(d, o);
        std::printf("  %-10s %7.3f s  (%.0fx under the target)\n", name, r.seconds, 1.0 / r.seconds);
        errors = r.errors;
    }
    VmmOptions big = o;
    big.trials = 4;
    big.rows = big.cols = 1024;
    const VmmResult r = runVmmBenchmark(loadDeviceFile(presets + "/devices/epiram.json"), big);
    std::printf("4 trials of 1024x1024: %.3f s (%.1f M programmed devices/s)\n", r.seconds, 4 * 2 * 1024.0 * 1024 / r.seconds / 1e6);
    const auto t0 = Clock::now();
    const std::vector<DistributionFit> fits = fitAll(errors);
    std::printf("five ML fits of %zu errors: %.2f s (best: %s)\n", errors.size(),
                std::chrono::duration<double>(Clock::now() - t0).count(), fits.front().name.c_str());
    return 0;
}
