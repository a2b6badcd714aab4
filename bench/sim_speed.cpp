// Speed of the behavioral simulator, measured in one run (issue 3):
//  - float inference images/s of the VGG-style Fashion-MNIST CNN,
//  - ratio simulated/float for (a) 8b/8b lossless ADC, no noise, and (b) 1-bit cells, bit-serial
//    8-bit inputs, 5-bit clip ADC, device noise,
//  - (c) the non-idealities: IR drop (1T1R and crossbar), ADC circuit errors, PCM with drift
//    compensation,
//  - one VGG8 conv layer (3×3×256 → 256) in V1.5's configuration read with the bit-plane popcount
//    kernel against row by row (same results, different speed),
//  - time per image of NeuroSim V1.5's default configuration on the VGG8/CIFAR-10 shape with random
//    weights, beside NeuroSim's 15.7 s per image on this machine class (docs/validation.md).
#include "cim/CimLayer.h"
#include "cim/CimNetworkHook.h"
#include "cim/InputCalibration.h"
#include "cim/ReadKernels.h"
#include "io/IdxDataset.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <omp.h>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <random>

using namespace kh;
using Clock = std::chrono::steady_clock;

namespace {
nn::Tensor images(const LabeledDataset& d, int count)
{
    nn::Tensor t = nn::Tensor::floats({count, 1, 28, 28});
    for (size_t k = 0; k < t.f.size(); ++k)
        t.f[k] = float(d.pixels[k]) / 255.0f;
    return t;
}

double seconds(const std::function<void()>& f)
{
    const auto t0 = Clock::now();
    f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// The fastest of three runs: on a shared machine, the other runs measure the neighbours.
double bestSeconds(const std::function<void()>& f)
{
    double best = seconds(f);
    for (int i = 0; i < 2; ++i)
        best = std::min(best, seconds(f));
    return best;
}

// A ratio of two workloads on a machine whose speed drifts (steal time): their runs alternate, three
// of each, and the fastest of each is taken, so both see the same conditions.
struct Pair {
    double first = 1e300, second = 1e300;
};
Pair bestAlternating(const std::function<void()>& f, const std::function<void()>& g)
{
    Pair p;
    for (int i = 0; i < 3; ++i) {
        p.first = std::min(p.first, seconds(f));
        p.second = std::min(p.second, seconds(g));
    }
    return p;
}

// VGG8 for CIFAR-10 (NeuroSim's NetWork.csv shape) as a graph with random weights.
nn::Graph vgg8Cifar()
{
    nn::Graph g;
    g.inputs = {"x"};
    g.inputShapes = {{1, 3, 32, 32}};
    std::mt19937 rng(1);
    std::normal_distribution<float> w(0.0f, 0.05f);
    const int ch[] = {3, 128, 128, 256, 256, 512, 512};
    std::string cur = "x";
    for (int i = 0; i < 6; ++i) {
        const std::string wn = "w" + std::to_string(i), y = "c" + std::to_string(i), r = "r" + std::to_string(i);
        nn::Tensor t = nn::Tensor::floats({ch[i + 1], ch[i], 3, 3});
        for (float& v : t.f)
            v = w(rng);
        g.initializers[wn] = t;
        nn::Node conv{"Conv", y, {cur, wn}, {y}, {}};
        conv.attrs["pads"].ints = {1, 1, 1, 1};
        g.nodes.push_back(conv);
        g.nodes.push_back(nn::Node{"Relu", r, {y}, {r}, {}});
        cur = r;
        if (i % 2 == 1) {
            nn::Node pool{"MaxPool", "p" + std::to_string(i), {cur}, {"p" + std::to_string(i)}, {}};
            pool.attrs["kernel_shape"].ints = {2, 2};
            pool.attrs["strides"].ints = {2, 2};
            g.nodes.push_back(pool);
            cur = "p" + std::to_string(i);
        }
    }
    g.nodes.push_back(nn::Node{"Flatten", "f", {cur}, {"f"}, {}});
    cur = "f";
    const int fc[] = {8192, 1024, 10};
    for (int i = 0; i < 2; ++i) {
        nn::Tensor t = nn::Tensor::floats({fc[i + 1], fc[i]});
        for (float& v : t.f)
            v = w(rng) * 0.1f;
        g.initializers["fw" + std::to_string(i)] = t;
        nn::Node gemm{"Gemm", "g" + std::to_string(i), {cur, "fw" + std::to_string(i)}, {"g" + std::to_string(i)}, {}};
        gemm.attrs["transB"].i = 1;
        g.nodes.push_back(gemm);
        cur = "g" + std::to_string(i);
    }
    g.outputs = {cur};
    return g;
}
} // namespace

// Optional argument: only one case ("float", "a", "b", "b32", "c", "noise", "read", "circuit", "v15", "layer"), for profiling.
int main(int argc, char** argv)
{
    const std::string only = argc > 1 ? argv[1] : "";
    // KIRCHHOFF_SIMD=baseline|avx2 caps the read kernels' instruction set (to compare levels).
    if (const char* simd = std::getenv("KIRCHHOFF_SIMD"))
        cim::kernels::setSimdLevel(std::string(simd) == "baseline" ? cim::kernels::SimdLevel::Baseline
                                   : std::string(simd) == "avx2"   ? cim::kernels::SimdLevel::Avx2
                                                                   : cim::kernels::SimdLevel::Avx512);
    auto wanted = [&](const char* name) { return only.empty() || only == name; };
    const std::string models = KIRCHHOFF_BENCH_PRESETS "/models/";
    const LabeledDataset test = loadIdxDataset("fashion-mnist", "test");
    const nn::Graph vgg = nn::importOnnx(models + "vgg_fashion.onnx");
    const nn::Executor ex(vgg);
    const int n = 100;
    const nn::Tensor batch = images(test, n);
    const std::vector<cim::LayerInputRange> ranges = cim::calibrateInputs(ex, batch, 99.99);
    ex.run({batch});   // warm-up
    const double tFloat = bestSeconds([&] { ex.run({batch}); });

    DesignPoint a;   // (a) 8b/8b, lossless ADC, no noise
    a.array.parallel_rows = 128;
    a.precision.adc_bits = 8;
    DesignPoint b = a;   // (b) 1-bit cells, bit-serial 8-bit inputs, 5-bit clip ADC, device noise
    b.precision.adc_bits = 5;
    b.noise.mode = NoiseMode::Device;
    b.device.mem_states = {{1e-6, 5e-8}, {1e-5, 5e-7}};
    // Time of a simulated run, as a multiple of float inference timed alongside it (bestAlternating).
    auto simulated = [&](const DesignPoint& dp) {
        cim::CimNetworkHook hook(dp, ranges, 0);
        ex.run({images(test, 10)}, &hook);   // programs the cells (once per chip, not per image)
        return bestAlternating([&] { ex.run({batch}); }, [&] { ex.run({batch}, &hook); });
    };
    const Pair tA = wanted("a") ? simulated(a) : Pair{}, tB = wanted("b") ? simulated(b) : Pair{};
    // (b) as the issue defines it collapses accuracy (a 5-bit clip ADC over 128 rows clips data and
    // reference columns; activations saturate and every read lists more rows). The same with 32
    // rows in parallel keeps float accuracy: the speed of a healthy network.
    DesignPoint b32 = b;
    b32.array.parallel_rows = 32;
    const Pair tB32 = wanted("b") || only == "b32" ? simulated(b32) : Pair{};
    // Many machines have no AVX-512: (b) again with the AVX2 kernels.
    Pair tB2;
    if (wanted("b") && cim::kernels::simdLevel() == cim::kernels::SimdLevel::Avx512) {
        cim::kernels::setSimdLevel(cim::kernels::SimdLevel::Avx2);
        tB2 = simulated(b);
        cim::kernels::setSimdLevel(cim::kernels::SimdLevel::Avx512);
    }
    // The non-idealities of issue 17, each on (b)'s 1-bit cells. IR drop is slow: a few images,
    // one run, against the per-image time of the float batch above.
    auto perImageRatio = [&](const DesignPoint& dp, int count) {
        cim::CimNetworkHook hook(dp, ranges, 0);
        const nn::Tensor few = images(test, count);
        ex.run({few}, &hook);   // programs the chip
        const double t = seconds([&] { ex.run({few}, &hook); }) / count;
        return Pair{tFloat, t * n};   // as if the whole batch ran at this per-image time
    };
    DesignPoint ir = b;   // noise-free cells, R_on = 100 kOhm (6 kOhm collapses the read), the node's wires
    ir.noise.mode = NoiseMode::None;
    ir.device.mem_states.clear();
    ir.device.r_on_ohm = 100e3;
    ir.noise.ir_drop.enabled = true;
    DesignPoint irCrossbar = ir;
    irCrossbar.device.access = AccessType::Crossbar;
    DesignPoint adcStatic = b;   // circuit errors without comparator noise: per-column tables
    adcStatic.noise.mode = NoiseMode::None;
    adcStatic.device.mem_states.clear();
    adcStatic.precision.adc_type = AdcType::Sar;
    adcStatic.noise.adc_errors.offset_sigma_lsb = 0.3;
    adcStatic.noise.adc_errors.cap_mismatch_sigma = 0.01;
    DesignPoint adcNoisy = adcStatic;
    adcNoisy.noise.adc_errors.noise_sigma_lsb = 0.3;
    DesignPoint pcm = b;   // PCM cells a day after programming, compensated per column
    pcm.device.mem_states.clear();
    pcm.device.r_on_ohm = 40e3;
    pcm.device.on_off_ratio = 100;
    pcm.noise.pcm.enabled = true;
    pcm.noise.pcm.t_s = 86400;
    pcm.noise.drift_compensation = DriftCompensation::Column;
    // The configuration for read and circuit noise: 1-bit cells, 8-bit ADC, 128 rows.
    DesignPoint deviceOnly = b;
    deviceOnly.precision.adc_bits = 8;
    DesignPoint readNoise = deviceOnly;   // plus 2 % read noise on every read
    readNoise.noise.read_noise_rel = 0.02;
    DesignPoint circuitNoise = deviceOnly;   // circuit mode: 0.5 LSB of MAC-output noise on every read
    circuitNoise.noise.mode = NoiseMode::Circuit;
    circuitNoise.device.mem_states.clear();
    circuitNoise.noise.output_sigma = 0.5;
    const bool extra = wanted("c");
    const bool noise = extra || only == "noise";
    const Pair tDev = noise ? simulated(deviceOnly) : Pair{};
    const Pair tRead = noise || only == "read" ? simulated(readNoise) : Pair{};
    const Pair tCircuit = noise || only == "circuit" ? simulated(circuitNoise) : Pair{};
    const Pair tIr = extra ? perImageRatio(ir, 2) : Pair{}, tIrX = extra ? perImageRatio(irCrossbar, 10) : Pair{};
    const Pair tAdc = extra ? simulated(adcStatic) : Pair{}, tAdcN = extra ? simulated(adcNoisy) : Pair{};
    const Pair tPcm = extra ? simulated(pcm) : Pair{};

    std::printf("sim_speed: VGG-style Fashion-MNIST CNN, %d images per run, %d threads, %s read kernels\n", n, omp_get_max_threads(),
                cim::kernels::simdLevelName(cim::kernels::simdLevel()));
    std::printf("  float inference              : %.1f images/s\n", n / tFloat);
    // Each ratio against the float runs alternated with it (the first line is the float time
    // measured alone).
    auto report = [&](const char* label, const Pair& t, const char* note) {
        if (t.second < 1e300)
            std::printf("  %s : %.1f images/s, %.2fx float%s\n", label, n / t.second, t.second / t.first, note);
    };
    report("(a) 8b/8b lossless, no noise", tA, " (target <= 1.5x)");
    report("(b) 1b cells, 5b ADC, device", tB, " (target <= 8x; NeuroSim V1.5 on a GPU: 28x)");
    report("(b) with 32 rows in parallel", tB32, " (accuracy kept; 128 rows collapse it)");
    report("(b) with the AVX2 kernels   ", tB2, "");
    report("(c) device noise, 8b ADC    ", tDev, " (the issue's configuration: 1b cells, 128 rows)");
    report("(c) + read noise 2 %        ", tRead, " (target <= 10x)");
    report("(c) circuit noise 0.5 LSB   ", tCircuit, " (target <= 10x)");
    report("(c) IR drop, 1T1R 128x128   ", tIr, " (target <= 20x; every read solved; 2 images)");
    report("(c) IR drop, crossbar       ", tIrX, " (exact transfer-matrix reads; 10 images)");
    report("(c) ADC errors, static      ", tAdc, " (offset + SAR mismatch: per-column tables)");
    report("(c) ADC errors + comparator noise", tAdcN, "");
    report("(c) PCM, 1 day, compensated ", tPcm, " (device mode with the PCM model)");

    if (!wanted("v15") && !wanted("layer"))
        return 0;
    const nn::Graph cifar = vgg8Cifar();
    const nn::Executor cx(cifar);
    nn::Tensor img = nn::Tensor::floats({4, 3, 32, 32});
    std::mt19937 rng(2);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    for (float& v : img.f)
        v = u(rng);
    const std::vector<cim::LayerInputRange> cr = cim::calibrateInputs(cx, img, 99.99);
    DesignPoint v15;   // NeuroSim V1.5 defaults: 128x128, 128 rows in parallel, 1b cells, 7b ADC, no noise
    v15.array.parallel_rows = 128;
    v15.precision.adc_bits = 7;
    if (wanted("v15")) {
        // First batch: the chip is programmed (weights encoded, cells packed) and the ADC set up,
        // as in NeuroSim's run; later batches reuse the programmed chip.
        const double tFirst = bestSeconds([&] {
            cim::CimNetworkHook fresh(v15, cr, 0);   // a new chip each time: programming included
            cx.run({img}, &fresh);
        }) / 4.0;
        cim::CimNetworkHook hook(v15, cr, 0);
        cx.run({img}, &hook);
        const double tNext = bestSeconds([&] { cx.run({img}, &hook); }) / 4.0;
        // Memory of one simulated chip in device mode (issue 17: 16 bytes of drawn state per cell before).
        DesignPoint v15Device = v15;
        v15Device.noise.mode = NoiseMode::Device;
        v15Device.device.mem_states = {{1e-6, 5e-8}, {1e-5, 5e-7}};
        cim::CimNetworkHook deviceChip(v15Device, cr, 0);
        cx.run({nn::Tensor::floats({1, 3, 32, 32}, std::vector<float>(img.f.begin(), img.f.begin() + 3 * 32 * 32))}, &deviceChip);
        const cim::CimNetworkHook::HeldMemory memory = deviceChip.heldMemory();
        std::printf("  device-mode VGG8/CIFAR-10 chip: %.0f MB held for %.1f M cells, %.2f bytes per cell\n", double(memory.bytes) / 1e6,
                    memory.cells / 1e6, double(memory.bytes) / memory.cells);
        std::printf("  NeuroSim V1.5 default config, VGG8/CIFAR-10 shape: %.2f s per image with programming, %.2f s after"
                    " (NeuroSim V1.5 on this CPU: 15.7 s, %.0fx and %.0fx)\n",
                    tFirst, tNext, 15.7 / tFirst, 15.7 / tNext);
    }

    if (wanted("layer")) {
        // One conv layer of VGG8/CIFAR-10 (3×3×256 inputs, 256 outputs), 256 output positions,
        // ReLU-like 8-bit inputs (half zeros), read both ways in one run.
        const int inputs = 9 * 256, outputs = 256, vectors = 256;
        std::mt19937 lr(3);
        std::uniform_int_distribution<int> wd(-127, 127), xd(0, 255);
        std::vector<std::int64_t> w(size_t(inputs) * outputs), x(size_t(inputs) * vectors);
        for (auto& e : w)
            e = wd(lr);
        for (auto& e : x)
            e = (lr() & 1) ? xd(lr) : 0;
        cim::CimLayer layer(w, outputs, inputs, v15, 0);
        layer.run(std::vector<std::int64_t>(x.begin(), x.begin() + inputs * 8), 8, false);   // warm-up
        std::vector<double> yPacked, yRows;
        const double tPacked = seconds([&] { yPacked = layer.run(x, vectors, false); });
        layer.setPackedReads(false);
        const double tRows = seconds([&] { yRows = layer.run(x, vectors, false); });
        std::printf("  V1.5 config, one VGG8 conv layer, %d positions: popcount %.3f s, row by row %.3f s: %.1fx (results %s)\n",
                    vectors, tPacked, tRows, tRows / tPacked, yPacked == yRows ? "identical" : "DIFFER");
    }
    return 0;
}
