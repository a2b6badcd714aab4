// Fine-tuning speed (issue 20): training steps of the VGG-style Fashion-MNIST CNN with LibTorch,
// plain float against noise-aware (every step a fresh chip of the design point below: 30 % spread
// of G_on, 3 % + 3 % stuck cells, differential 1-bit cells, 8-bit weights and inputs), measured in
// one run (presets/designs/rram_variation30_stuck3.json). Prints seconds per step and the time of one 60 000-image epoch at batch 128.
//   train_speed [steps]    (default 60 steps each; 469 is one whole epoch)
// Run with OMP_WAIT_POLICY=PASSIVE.
#include "cim/AccuracyEvaluator.h"
#include "cim/InputCalibration.h"
#include "io/DatasetLoader.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"
#include "spec/DesignPointJson.h"
#include "train/FineTuner.h"
#include "train/NoiseAwareTransform.h"
#include "train/TorchGraphModel.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <omp.h>

using namespace kh;

namespace {
constexpr int kBatch = 128, kEpochImages = 60000;

double secondsPerStep(const nn::Graph& g, const torch::Tensor& images, const torch::Tensor& labels, train::NoiseAwareTransform* chip,
                      int steps)
{
    train::TorchGraphModel net(g);
    torch::optim::Adam opt(net.parameters(), torch::optim::AdamOptions(1e-4));
    const auto t0 = std::chrono::steady_clock::now();
    for (int s = 0; s < steps; ++s) {
        const std::int64_t first = std::int64_t(s) * kBatch % (images.size(0) - kBatch);
        if (chip)
            chip->useChip(train::trainingChip(1, std::uint64_t(s)));
        opt.zero_grad();
        const torch::Tensor loss =
            torch::nn::functional::cross_entropy(net.forward(images.narrow(0, first, kBatch), chip), labels.narrow(0, first, kBatch));
        loss.backward();
        opt.step();
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / steps;
}
} // namespace

int main(int argc, char** argv)
{
    torch::set_num_threads(std::max(1, omp_get_max_threads()));   // LibTorch's default is one thread here
    const int steps = argc > 1 ? std::max(1, std::atoi(argv[1])) : 60;
    const nn::Graph g = nn::importOnnx(KIRCHHOFF_BENCH_PRESETS "/models/vgg_fashion.onnx");
    const DesignPoint dp = loadDesignPointFile(KIRCHHOFF_BENCH_PRESETS "/designs/rram_variation30_stuck3.json");
    const LabeledDataset train = loadDataset("fashion-mnist", "train", dp.evaluation.dataset);
    const nn::Tensor all = cim::imageBatch(train, 0, std::min(train.count, 8192), dp.evaluation);
    const torch::Tensor images = torch::from_blob(const_cast<float*>(all.f.data()), all.shape, torch::kFloat32);
    const torch::Tensor labels =
        torch::from_blob(const_cast<std::int32_t*>(train.labels.data()), {images.size(0)}, torch::kInt32).to(torch::kInt64);
    const nn::Executor ex(g);
    train::NoiseAwareTransform chip(dp, cim::calibrateInputs(ex, cim::imageBatch(train, 0, 256, dp.evaluation), dp.precision.percentile));
    std::printf("VGG-style Fashion-MNIST CNN, batch %d, %d threads, %d steps each\n", kBatch, torch::get_num_threads(), steps);
    const double plain = secondsPerStep(g, images, labels, nullptr, steps);
    const double noisy = secondsPerStep(g, images, labels, &chip, steps);
    const double epochSteps = double((kEpochImages + kBatch - 1) / kBatch);
    std::printf("plain float training:  %.3f s/step, one epoch %.0f s\n", plain, plain * epochSteps);
    std::printf("noise-aware training:  %.3f s/step, one epoch %.0f s (goal <= 180 s)\n", noisy, noisy * epochSteps);
    std::printf("ratio noise-aware / plain: %.2fx\n", noisy / plain);
    return 0;
}
