#include "cli/CliArgs.h"
#include "cli/Commands.h"
#include "cli/StderrProgress.h"

#include "common/InputError.h"
#include "dse/SweepEngine.h"
#include "dse/SweepSpec.h"

#include <cstdio>
#include <filesystem>
#include <thread>

namespace kh::cli {

int runSweepCommand(const CliContext& ctx, const std::vector<std::string>& args)
{
    const CliArgs a(args, {"--spec", "--db", "--shard", "--threads"}, {"--quiet"});
    const SweepSpec spec = loadSweepSpecFile(resolvePresetPath(ctx, "sweeps", a.required("--spec")), ctx.executableDir);
    SweepOptions options;
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    options.threads = a.intValue("--threads", cores, 1, 1024);
    if (a.has("--shard"))
        std::tie(options.shard, options.shards) = parseShard(a.value("--shard"));
    StderrProgress::catchInterrupts();
    StderrProgress progress(a.has("--quiet"));
    options.progress = &progress;
    ResultStore store(a.required("--db"));
    const SweepSummary s = runSweep(spec, store, options);
    std::printf("Sweep        %s%s\n", spec.name.empty() ? "(unnamed)" : spec.name.c_str(),
                options.shards > 1 ? (", shard " + std::to_string(options.shard) + "/" + std::to_string(options.shards)).c_str() : "");
    std::printf("Points       %lld planned, %lld already stored, %lld evaluated now (%d threads)\n", s.planned, s.skipped,
                s.evaluated, options.threads);
    std::printf("Status       %lld ok, %lld invalid combinations, %lld errors\n", s.ok, s.invalid, s.errors);
    if (spec.hasModel())
        std::printf("Accuracy     %lld simulator runs, %lld cache hits\n", s.accuracy_runs, s.accuracy_hits);
    std::printf("Time         %.2f s\n", s.seconds);
    std::printf("Results      %s (%lld points)\n", store.path().c_str(), store.count());
    if (s.cancelled) {
        std::fprintf(stderr, "cancelled: every finished point is stored; run the same command again to resume\n");
        return 3;
    }
    if (!a.has("--quiet") && spec.objectives.size() >= 2) {
        std::vector<std::string> metrics;
        std::vector<Direction> directions;
        for (const Objective& o : spec.objectives) {
            metrics.push_back(o.metric);
            directions.push_back(o.direction);
        }
        std::printf("\n");
        printFront(store.records(), metrics, directions, 25);
    }
    return 0;
}

} // namespace kh::cli
