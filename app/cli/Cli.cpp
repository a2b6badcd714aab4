#include "cli/Cli.h"

#include "cli/Commands.h"
#include "common/InputError.h"
#include "common/Progress.h"

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace kh::cli {

namespace {
const char* const kUsage =
    "kirchhoff-cli " KIRCHHOFF_VERSION " — analog compute-in-memory design-space explorer\n\n"
    "usage:\n"
    "  kirchhoff-cli ppa --network NET.csv|PRESET [--config DP.json|PRESET] [--scope chip|macro|both] [--json OUT|-] [--quiet]\n"
    "  kirchhoff-cli ppa --scope macro [--config DP.json|PRESET] [--json OUT|-]   (one array, no network)\n"
    "  kirchhoff-cli ppa --constants            (every PPA model constant with its unit and source)\n"
    "  kirchhoff-cli eval --model MODEL.onnx [--dataset fashion-mnist|DIR|FILE.npy|FILE.npz] [--config DP.json] [--images N] [--chips K] [--json OUT]\n"
    "  kirchhoff-cli finetune --model MODEL.onnx --out TUNED.onnx [--dataset D] [--config DP.json] [--epochs 3] [--batch 128] [--lr 3e-4]\n"
    "      [--optimizer adam|sgd] [--schedule cosine|constant] [--seed S] [--train-images N] [--log LOG.json] [--images N --chips K] [--no-eval]\n"
    "      noise-aware fine-tuning under the design point; Ctrl-C keeps the best epoch so far\n"
    "      --progressive [--progressive-images 20000] [--stages N] [--layer-outputs DIR]: chip-in-the-loop, one layer at a time on\n"
    "      chip 0 of the evaluation (DIR/layer_K.npy: measured layer outputs read, or simulated ones written; epochs per stage, 1)\n"
    "  kirchhoff-cli mvm --config DP.json --weights W.npy --inputs X.npy --out Y.npy [--signed|--unsigned] [--chip K]\n"
    "      one layer in the integer domain: int W (M x N), int X (B x N) -> int64 Y (B x M)\n"
    "  kirchhoff-cli sweep --spec SWEEP.json|PRESET --db RESULTS.sqlite [--shard k/N] [--threads T] [--quiet]\n"
    "      runs or resumes a sweep; every finished point is stored at once (Ctrl-C stops, keeping them)\n"
    "  kirchhoff-cli pareto --db RESULTS.sqlite [--x accuracy] [--y tops_per_w] [--z METRIC] [--x-dir max|min ...]\n"
    "      [--csv F] [--svg F] [--png F] [--pdf F] [--log-x] [--log-y] [--linear] [--width-mm 89 --height-mm 62 --font-pt 8 --dpi 600]\n"
    "  kirchhoff-cli trend --db RESULTS.sqlite --x KEY [--y accuracy] [--group KEY] [--csv F] [--svg F] [--png F] [--pdf F] [--log-x] [--log-y]\n"
    "      a metric against a swept key, one line per value of --group, each point the mean over the other keys\n"
    "  kirchhoff-cli merge A.sqlite B.sqlite ... -o ALL.sqlite\n"
    "  kirchhoff-cli vmm-bench --device D.json|PRESET [--trials 1000 --size 32] [--seed S] [--weight-bits B] [--ideal]\n"
    "      [--no-nonlinearity --no-c2c --no-d2d --no-read-noise] [--matrix M.npy|.csv|.mtx --vectors X] [--json OUT]\n"
    "      [--sweep memory_window|weight_bits|nl|c2c=v1,v2,... --csv OUT --svg|--png|--pdf CHART]\n"
    "  kirchhoff-cli schema [--markdown]\n"
    "      the design point as a JSON Schema (every key, type, range, default, unit), or the docs' table\n"
    "  kirchhoff-cli version\n\n"
    "exit codes: 0 ok, 1 internal error, 2 bad input, 3 cancelled\n";

std::string executableDir(const char* argv0)
{
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec)
        return self.parent_path().string();
    return std::filesystem::path(argv0).parent_path().string();
}
} // namespace

int runCli(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        std::cout << kUsage;
        return args.empty() ? 2 : 0;
    }
    const CliContext ctx{executableDir(argv[0])};
    const std::string command = args[0];
    args.erase(args.begin());
    try {
        if (command == "ppa")
            return runPpa(ctx, args);
        if (command == "eval")
            return runEval(ctx, args);
        if (command == "finetune")
            return runFinetune(ctx, args);
        if (command == "mvm")
            return runMvm(ctx, args);
        if (command == "sweep")
            return runSweepCommand(ctx, args);
        if (command == "pareto")
            return runPareto(ctx, args);
        if (command == "trend")
            return runTrend(ctx, args);
        if (command == "merge")
            return runMerge(ctx, args);
        if (command == "vmm-bench")
            return runVmmBench(ctx, args);
        if (command == "schema")
            return runSchema(ctx, args);
        if (command == "version" || command == "--version") {
            std::cout << "kirchhoff-cli " << KIRCHHOFF_VERSION << "\n";
            return 0;
        }
        std::cerr << "kirchhoff-cli: unknown command \"" << command << "\"\n\n" << kUsage;
        return 2;
    } catch (const Cancelled&) {
        std::cerr << "cancelled\n";
        return 3;
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "internal error: " << e.what() << "\n";
        return 1;
    }
}

} // namespace kh::cli
