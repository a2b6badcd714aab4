#include "train/ProgressiveFineTuner.h"

#include "cim/AccuracyEvaluator.h"
#include "cim/CimNetworkHook.h"
#include "common/InputError.h"
#include "common/ProgressSpan.h"
#include "io/Npy.h"
#include "nn/Executor.h"
#include "nn/GraphSlice.h"
#include "train/FineTuneStage.h"
#include "train/TensorConversion.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <omp.h>
#include <set>

namespace kh::train {

namespace {
constexpr int kSimulationBatch = 250;
constexpr double kSimulationShare = 0.4;   // of a stage's progress bar (a guess; only the bar uses it)

std::set<std::string> namesOf(const std::map<std::string, torch::Tensor>& values)
{
    std::set<std::string> names;
    for (const auto& [name, v] : values)
        names.insert(name);
    return names;
}

// The nodes between the recorded values and the layer's output, as a graph of their own.
struct LayerSlice {
    nn::GraphSlice slice;
    nn::Graph graph;
};
LayerSlice sliceToLayer(const nn::Graph& g, const ArrayLayer& layer, const std::map<std::string, torch::Tensor>& recorded)
{
    LayerSlice s{nn::sliceGraph(g, namesOf(recorded), {layer.output}), {}};
    s.graph = nn::subgraph(g, s.slice, {layer.output});
    return s;
}

// The slice's inputs for images [first, first + n).
std::vector<nn::Tensor> sliceInputs(const LayerSlice& s, const std::map<std::string, torch::Tensor>& recorded, int first, int n)
{
    std::vector<nn::Tensor> in;
    for (const std::string& name : s.slice.reads)
        in.push_back(tensorFromTorch(recorded.at(name).narrow(0, first, n)));
    return in;
}

// The layer's outputs for every recorded image, from the fixed chip: only the nodes between the
// recorded values and the layer run, the layer itself on the simulated arrays.
torch::Tensor simulateLayer(const nn::Graph& g, const ArrayLayer& layer, const std::map<std::string, torch::Tensor>& recorded, int count,
                            const DesignPoint& dp, const std::vector<cim::LayerInputRange>& ranges, Progress* progress)
{
    const LayerSlice s = sliceToLayer(g, layer, recorded);
    const nn::Executor ex(s.graph);
    cim::CimNetworkHook hook(dp, ranges, 0);
    hook.setCancellation(progress);
    const nn::LinearNumbering at = nn::linearNumberingAt(g, layer.node);
    torch::Tensor out;
    for (int first = 0; first < count; first += kSimulationBatch) {
        const int n = std::min(kSimulationBatch, count - first);
        const nn::Tensor y = ex.run(sliceInputs(s, recorded, first, n), &hook, at).at(0);
        if (!out.defined()) {
            std::vector<std::int64_t> shape = y.shape;
            shape[0] = count;
            out = torch::empty(shape, torch::kFloat32);
        }
        out.narrow(0, first, n).copy_(torch::from_blob(const_cast<float*>(y.f.data()), y.shape, torch::kFloat32));
        if (progress) {
            if (progress->cancelled())
                throw Cancelled();
            progress->report(double(first + n) / count, "programming layer " + std::to_string(layer.index + 1) + " and reading its outputs");
        }
    }
    return out;
}

// The shape one image's output of the layer has (a float run of one image).
std::vector<std::int64_t> outputShape(const nn::Graph& g, const ArrayLayer& layer, const std::map<std::string, torch::Tensor>& recorded)
{
    const LayerSlice s = sliceToLayer(g, layer, recorded);
    return nn::Executor(s.graph).run(sliceInputs(s, recorded, 0, 1)).at(0).shape;
}

torch::Tensor readLayerOutputs(const std::string& path, const std::vector<std::int64_t>& oneImage, int count, const ArrayLayer& layer)
{
    const NpyArray a = readNpy(path);
    std::vector<std::int64_t> want = oneImage;
    want[0] = count;
    auto text = [](const auto& shape) {
        std::string t;
        for (size_t k = 0; k < shape.size(); ++k)
            t += (k ? " x " : "") + std::to_string(shape[k]);
        return t;
    };
    bool fits = a.shape.size() == want.size() && !a.is_integer && a.shape[0] >= std::size_t(count);
    for (size_t k = 1; fits && k < want.size(); ++k)
        fits = std::int64_t(a.shape[k]) == want[k];
    if (!fits)
        throw InputError(path + ": holds " + text(a.shape) + (a.is_integer ? " integers" : "") + "; layer " + std::to_string(layer.index) + " ("
                         + layer.name + ") needs float outputs of at least " + text(want) + " (the first images of the training split)");
    const std::size_t per = a.size() / a.shape[0];
    std::vector<float> v(std::size_t(count) * per);
    for (std::size_t k = 0; k < v.size(); ++k) {
        if (!std::isfinite(a.floats[k]))
            throw InputError(path + ": value " + std::to_string(k) + " (image " + std::to_string(k / per) + ") is not finite");
        v[k] = float(a.floats[k]);
    }
    return torch::from_blob(v.data(), want, torch::kFloat32).clone();
}
} // namespace

void checkProgressiveSettings(const ProgressiveSettings& p)
{
    if (p.images < 2)
        throw InputError::atKey("progressive_images", "must be ≥ 2, got " + std::to_string(p.images));
    if (p.stages < 0)
        throw InputError::atKey("stages", "must be ≥ 0 (0: every layer but the last), got " + std::to_string(p.stages));
}

std::string layerOutputsFile(const std::string& dir, int layer) { return (std::filesystem::path(dir) / ("layer_" + std::to_string(layer) + ".npy")).string(); }

FineTuneResult progressiveFineTune(const nn::Graph& model, const LabeledDataset& train, const DesignPoint& dp, const FineTuneSettings& s,
                                   const ProgressiveSettings& p, Progress* progress, FineTuneObserver* observer)
{
    torch::set_num_threads(std::max(1, omp_get_max_threads()));   // see fineTune
    checkFineTuneSettings(s);
    checkProgressiveSettings(p);
    cim::checkDatasetFitsModel(model, train);
    const int count = std::min(p.images, train.count);
    if (count < s.validation_images + s.batch)
        throw InputError("progressive fine-tuning runs " + std::to_string(count) + " images through the chip; it needs at least validation_images ("
                         + std::to_string(s.validation_images) + ") + one batch (" + std::to_string(s.batch) + ")");
    const auto t0 = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };

    TorchGraphModel net(model);
    const std::vector<ArrayLayer> layers = net.arrayLayers();
    if (layers.size() < 2)
        throw InputError(model.source + ": progressive fine-tuning needs two array layers or more (one on the chip, one to train); the model has "
                         + std::to_string(layers.size()));
    const int stages = p.stages > 0 ? std::min<int>(p.stages, int(layers.size()) - 1) : int(layers.size()) - 1;
    if (!p.layer_outputs.empty())
        std::filesystem::create_directories(p.layer_outputs);

    const nn::Tensor images = cim::imageBatch(train, 0, count, dp.evaluation);
    std::map<std::string, torch::Tensor> recorded;   // values the rest of the network starts from
    recorded[model.inputs[0]] = torch::from_blob(const_cast<float*>(images.f.data()), images.shape, torch::kFloat32);
    StageData data;
    data.labels = torch::from_blob(const_cast<std::int32_t*>(train.labels.data()), {count}, torch::kInt32).to(torch::kInt64);
    data.count = count;
    data.validation_first = count - s.validation_images;
    data.train_count = data.validation_first;

    FineTuneResult result;
    int step = 0;
    for (int k = 0; k < stages && !result.cancelled; ++k) {
        ProgressSpan simulation(progress, double(k) / stages, kSimulationShare / stages);
        ProgressSpan training(progress, (k + kSimulationShare) / stages, (1 - kSimulationShare) / stages);
        const nn::Graph current = net.graph();
        if (observer)
            observer->stageStarted(k, current, net.trainedNames());
        // Layer k's input grid depends only on the layers before it, programmed already: the grid
        // an evaluation of the final model calibrates.
        const std::vector<cim::LayerInputRange> ranges = calibrateOnTraining(current, train, dp);
        const ArrayLayer& layer = layers[size_t(k)];
        const std::string file = p.layer_outputs.empty() ? std::string() : layerOutputsFile(p.layer_outputs, k);
        try {
            if (!file.empty() && std::filesystem::exists(file)) {
                recorded[layer.output] = readLayerOutputs(file, outputShape(current, layer, recorded), count, layer);
            } else {
                recorded[layer.output] = simulateLayer(current, layer, recorded, count, dp, ranges, &simulation);
                if (!file.empty()) {
                    const torch::Tensor& t = recorded[layer.output];
                    writeNpyFloat32(file, std::vector<std::size_t>(t.sizes().begin(), t.sizes().end()), t.data_ptr<float>(), std::size_t(t.numel()));
                }
            }
        } catch (const Cancelled&) {
            result.cancelled = true;
            break;
        }
        // Keep only what the rest of the network still reads.
        const nn::GraphSlice rest = nn::sliceGraph(current, namesOf(recorded), {current.outputs[0]});
        for (auto it = recorded.begin(); it != recorded.end();)
            it = std::find(rest.reads.begin(), rest.reads.end(), it->first) == rest.reads.end() ? recorded.erase(it) : std::next(it);
        data.sources = recorded;
        NoiseAwareTransform chip(dp, ranges);
        const StageContext ctx{dp, s, train, &training, observer, k + 1, elapsed()};
        result.cancelled = !trainStage(net, chip, data, net.parametersOf(rest.nodes), ctx, result, step);
    }
    if (!result.epochs.empty())
        result.best_epoch = result.epochs[size_t(result.best_record)].epoch;
    result.model = net.graph();
    result.trained = net.trainedNames();
    return result;
}

} // namespace kh::train
