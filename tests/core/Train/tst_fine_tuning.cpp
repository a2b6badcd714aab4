// Fine-tuning an imported model (core/train, docs/training.md): the LibTorch graph computes what
// the float executor computes; the noise-aware transform gives the drawn chip's weights with
// straight-through gradients and the calibrated input grid; batch norms are re-estimated; the
// written ONNX reproduces the trained model's logits; fine-tuning under device noise raises the
// accuracy on chips it never drew; cancelling keeps the best epoch; bad input is refused.
#include "cim/InputCalibration.h"
#include "cim/LayerProgramming.h"
#include "common/InputError.h"
#include "io/DatasetLoader.h"
#include "io/Npy.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"
#include "spec/DesignPointJson.h"
#include "train/FineTuner.h"
#include "train/NoiseAwareTransform.h"
#include "train/OnnxWeightWriter.h"
#include "train/TorchGraphModel.h"

#include "ChannelTask.h"
#include "OnnxModelBuilder.h"
#include "TestFiles.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace kh;
using namespace kh::train;
using kh::test::channelTask;

namespace {
const QString kModels = QStringLiteral(KIRCHHOFF_TEST_PRESETS "/models/");

torch::Tensor asTorch(const nn::Tensor& t) { return torch::from_blob(const_cast<float*>(t.f.data()), t.shape, torch::kFloat32).clone(); }

nn::Tensor referenceInput(const QString& name)
{
    const NpyArray in = readNpy((kModels + name + ".ref_input.npy").toStdString());
    nn::Tensor x = nn::Tensor::floats({std::int64_t(in.shape[0]), std::int64_t(in.shape[1]), std::int64_t(in.shape[2]), std::int64_t(in.shape[3])});
    for (size_t k = 0; k < x.f.size(); ++k)
        x.f[k] = float(in.floats[k]);
    return x;
}

double maxAbsDiff(const torch::Tensor& a, const nn::Tensor& b)
{
    return (a.detach().contiguous().flatten() - asTorch(b).flatten()).abs().max().item<double>();
}

// The design point of the acceptance run: 30 % spread of the states, 3 % + 3 % stuck cells.
DesignPoint noisyPoint() { return loadDesignPointFile(KIRCHHOFF_TEST_PRESETS "/designs/rram_variation30_stuck3.json"); }

// A small conv net with a batch norm: x (N×2×4×4) → Conv 3×3 (3 channels) → BatchNorm → Relu →
// GlobalAveragePool → Flatten → Gemm (2 classes).
std::string convBatchNormModel()
{
    std::mt19937 rng(3);
    std::normal_distribution<float> g(0.0f, 0.5f);
    std::vector<float> w(3 * 2 * 9), fc(2 * 3);
    for (float& v : w)
        v = g(rng);
    for (float& v : fc)
        v = g(rng);
    test::OnnxModelBuilder b;
    b.input("x", {1, 2, 4, 4})
        .floatOutput("y")
        .floats("w", {3, 2, 3, 3}, w)
        .floats("cb", {3}, {0.1f, -0.1f, 0.0f})
        .floats("scale", {3}, {1.0f, 1.5f, 0.5f})
        .floats("shift", {3}, {0.0f, 0.2f, -0.2f})
        .floats("mean", {3}, {0.0f, 0.0f, 0.0f})
        .floats("var", {3}, {1.0f, 1.0f, 1.0f})
        .floats("fc", {2, 3}, fc)
        .floats("fb", {2}, {0.0f, 0.0f})
        .node("Conv", {"x", "w", "cb"}, {"c"}, "conv")
        .intsAttr("pads", {1, 1, 1, 1})
        .node("BatchNormalization", {"c", "scale", "shift", "mean", "var"}, {"n"}, "bn")
        .node("Relu", {"n"}, {"r"})
        .node("GlobalAveragePool", {"r"}, {"p"})
        .node("Flatten", {"p"}, {"f"})
        .node("Gemm", {"f", "fc", "fb"}, {"y"}, "fc")
        .intAttr("transB", 1);
    return b.bytes();
}

LabeledDataset firstImages(const LabeledDataset& d, int n)
{
    LabeledDataset s = d;
    s.count = n;
    s.pixels.resize(size_t(n) * d.imageSize());
    s.labels.resize(size_t(n));
    return s;
}

class CancelAfter final : public Progress {
public:
    explicit CancelAfter(int reports) : left_(reports) {}
    void report(double, const std::string&) override { --left_; }
    bool cancelled() const override { return left_ <= 0; }

private:
    int left_;
};
} // namespace

class TestFineTuning : public QObject {
    Q_OBJECT
private slots:
    void theTorchGraphComputesWhatTheExecutorComputes_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : {"mlp_fashion", "vgg_fashion", "resnet_fashion"})
            QTest::newRow(n) << QString(n);
    }
    void theTorchGraphComputesWhatTheExecutorComputes()
    {
        QFETCH(QString, name);
        const nn::Graph g = nn::importOnnx((kModels + name + ".onnx").toStdString());
        const nn::Tensor x = referenceInput(name);
        TorchGraphModel net(g);
        QCOMPARE(int(net.arrayLayers().size()), nn::Executor(g).linearLayerCount());
        const torch::Tensor y = net.forward(asTorch(x));
        QVERIFY2(maxAbsDiff(y, nn::Executor(g).run({x})[0]) <= 1e-4, qPrintable(name));
        // Every linear layer's weight and bias is trainable, nothing else.
        size_t weights = 0;
        for (const ArrayLayer& a : net.arrayLayers())
            weights += size_t(a.out) * size_t(a.in);
        size_t parameters = 0;
        for (const torch::Tensor& p : net.parameters())
            parameters += size_t(p.numel());
        QVERIFY(parameters > weights);
        QVERIFY(parameters < weights + 2000);
    }

    // Forward: the chip's effective weights (cim::chipLayerWeights); backward: the identity.
    void noiseAwareWeightsAreTheDrawnChipWithStraightThroughGradients()
    {
        const nn::Graph g = nn::importOnnx((kModels + "mlp_fashion.onnx").toStdString());
        TorchGraphModel net(g);
        const DesignPoint dp = noisyPoint();
        NoiseAwareTransform chip(dp, std::vector<cim::LayerInputRange>(2));
        chip.useChip(12345);
        const ArrayLayer& layer = net.arrayLayers()[1];
        const torch::Tensor w = net.tensor(layer.weight);
        const torch::Tensor used = chip.weight(layer, w);
        QCOMPARE(used.sizes(), w.sizes());
        std::vector<float> wm = net.weightMatrix(layer);
        nn::LinearLayerInfo info;
        info.index = layer.index;
        info.out = layer.out;
        info.in = layer.in;
        info.weight = wm.data();
        const std::vector<float> expected = cim::chipLayerWeights(info, dp, 12345);
        const torch::Tensor um = (layer.transposed ? used.t() : used.reshape({layer.out, layer.in})).contiguous();
        const torch::Tensor ref = torch::from_blob(const_cast<float*>(expected.data()), {layer.out, layer.in}, torch::kFloat32);
        QVERIFY((um - ref).abs().max().item<double>() <= 1e-6);
        // The chip is not the nominal weights: the noise is there.
        QVERIFY((um - w.detach().reshape({layer.out, layer.in})).abs().max().item<double>() > 0.01);
        const torch::Tensor probe = torch::randn(w.sizes());
        (used * probe).sum().backward();
        QVERIFY(torch::allclose(w.grad(), probe));
        // Another chip draws other weights.
        chip.useChip(12346);
        QVERIFY(!torch::allclose(chip.weight(layer, w), used));
    }

    void inputsAreQuantizedToTheCalibratedGrid()
    {
        DesignPoint dp = noisyPoint();
        dp.precision.input_bits = 4;
        cim::LayerInputRange unsignedRange, signedRange;
        unsignedRange.max_abs = 1.5;   // scale 0.1 over 15 codes
        signedRange.max_abs = 1.4;     // ±7 codes of 0.2
        signedRange.non_negative = false;
        NoiseAwareTransform t(dp, {unsignedRange, signedRange});
        ArrayLayer first, second;
        second.index = 1;
        const torch::Tensor x = torch::tensor({-0.3, 0.04, 0.06, 0.77, 2.0}, torch::kFloat32).requires_grad_(true);
        const torch::Tensor qu = t.input(first, x), qs = t.input(second, x);
        const std::vector<float> wantU{0.0f, 0.0f, 0.1f, 0.8f, 1.5f}, wantS{-0.4f, 0.0f, 0.0f, 0.8f, 1.4f};
        for (int k = 0; k < 5; ++k) {
            QVERIFY(std::abs(qu[k].item<float>() - wantU[size_t(k)]) < 1e-6);
            QVERIFY(std::abs(qs[k].item<float>() - wantS[size_t(k)]) < 1e-6);
        }
        qu.sum().backward();   // the clip's gradient: 0 where the grid saturates
        QCOMPARE(x.grad()[0].item<float>(), 0.0f);
        QCOMPARE(x.grad()[3].item<float>(), 1.0f);
        QCOMPARE(x.grad()[4].item<float>(), 0.0f);
    }

    void batchNormStatisticsAreReestimated()
    {
        const nn::Graph g = nn::importOnnxBytes(convBatchNormModel(), "conv_bn.onnx");
        TorchGraphModel net(g);
        QCOMPARE(net.batchNormCount(), 1);
        const torch::Tensor a = torch::randn({40, 2, 4, 4}), b = torch::randn({24, 2, 4, 4}) * 2 + 1;
        net.beginBatchNormEstimate();
        net.forward(a);
        net.forward(b);
        net.endBatchNormEstimate();
        // The conv's output over both batches, computed directly.
        const torch::Tensor c = torch::conv2d(torch::cat({a, b}), net.tensor("w"), net.tensor("cb"), 1, 1).detach();
        const torch::Tensor mean = c.mean({0, 2, 3}), var = c.var({0, 2, 3}, false);
        QVERIFY((net.tensor("mean") - mean).abs().max().item<double>() < 1e-4);
        QVERIFY((net.tensor("var") - var).abs().max().item<double>() < 1e-4);
    }

    // The written model is the original graph with the trained values: the project's importer
    // reads it and computes the trained network's logits within 1e-4.
    void theWrittenOnnxReproducesTheTrainedLogits()
    {
        QTemporaryDir dir;
        const QString source = test::writeTestFile(dir, "conv_bn.onnx", convBatchNormModel());
        const nn::Graph g = nn::importOnnx(source.toStdString());
        FineTuneSettings s;
        s.epochs = 4;
        s.batch = 16;
        s.learning_rate = 1e-2;
        s.validation_images = 200;
        s.batch_norm_batches = 5;
        DesignPoint mild = noisyPoint();   // the tiny net cannot carry 6 % stuck cells
        mild.noise.saf = {};
        mild.device.mem_states = {{1e-5, 1e-6}, {1.7e-4, 1.7e-5}};
        const FineTuneResult r = fineTune(g, channelTask(1000, 1), mild, s);
        QCOMPARE(int(r.epochs.size()), 5);
        QVERIFY2(r.epochs[size_t(r.best_epoch)].validation_accuracy > 0.75, qPrintable(QString::number(r.epochs[4].validation_accuracy)));
        QVERIFY(r.best_epoch > 0);
        const QString out = dir.filePath("tuned.onnx");
        try {
            writeOnnxWithWeights(source.toStdString(), r.model, r.trained, out.toStdString());
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        const nn::Graph written = nn::importOnnx(out.toStdString());
        QCOMPARE(written.nodes.size(), g.nodes.size());
        const torch::Tensor x = torch::rand({16, 2, 4, 4});
        nn::Tensor xt = nn::Tensor::floats({16, 2, 4, 4});
        std::memcpy(xt.f.data(), x.data_ptr<float>(), xt.f.size() * sizeof(float));
        TorchGraphModel trained(r.model);
        QVERIFY(maxAbsDiff(trained.forward(x), nn::Executor(written).run({xt})[0]) <= 1e-4);
        // Training changed the weights, and the batch norm's statistics were re-estimated.
        QVERIFY(!torch::allclose(trained.tensor("w"), TorchGraphModel(g).tensor("w")));
        QVERIFY(!torch::allclose(trained.tensor("mean"), torch::zeros({3})));
    }

    // Under 30 % variation and 6 % stuck cells, a short fine-tuning of the Fashion-MNIST MLP
    // raises the validation accuracy on chips training never drew; the same seed repeats it.
    void fineTuningRecoversAccuracyOnFreshChips()
    {
        const nn::Graph g = nn::importOnnx((kModels + "mlp_fashion.onnx").toStdString());
        const LabeledDataset train = firstImages(loadDataset("fashion-mnist", "test", DatasetSpec{}), 3000);
        FineTuneSettings s;
        s.epochs = 2;
        s.batch = 64;
        s.learning_rate = 1e-3;
        s.validation_images = 1000;
        const FineTuneResult r = fineTune(g, train, noisyPoint(), s);
        const double before = r.epochs[0].validation_accuracy, after = r.epochs[1].validation_accuracy;
        QVERIFY2(after > before + 0.015, qPrintable(QString("before %1, after %2").arg(before).arg(after)));
        const FineTuneResult again = fineTune(g, train, noisyPoint(), s);
        QCOMPARE(again.epochs[1].validation_accuracy, after);
    }

    void cancellingKeepsTheBestEpochSoFar()
    {
        const nn::Graph g = nn::importOnnxBytes(convBatchNormModel(), "conv_bn.onnx");
        FineTuneSettings s;
        s.epochs = 3;
        s.batch = 50;
        s.validation_images = 100;
        CancelAfter cancel(5);   // inside the first epoch
        const FineTuneResult r = fineTune(g, channelTask(600, 2), noisyPoint(), s, &cancel);
        QVERIFY(r.cancelled);
        QCOMPARE(r.best_epoch, 0);
        QCOMPARE(int(r.epochs.size()), 1);
        QCOMPARE(r.model.initializers.at("w").f, g.initializers.at("w").f);   // the model as it was
    }

    void badInputIsRefusedWithItsName()
    {
        const nn::Graph g = nn::importOnnxBytes(convBatchNormModel(), "conv_bn.onnx");
        FineTuneSettings s;
        s.epochs = 0;
        try {
            fineTune(g, channelTask(600, 2), noisyPoint(), s);
            QFAIL("epochs 0 accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("epochs"), e.what());
        }
        s = FineTuneSettings{};
        s.validation_images = 590;   // leaves less than a batch
        QVERIFY_THROWS_EXCEPTION(InputError, fineTune(g, channelTask(600, 2), noisyPoint(), s));
        // An operator the training graph cannot run is named.
        test::OnnxModelBuilder b;
        b.input("x", {1, 4}).output("y").node("Einsum", {"x", "x"}, {"y"}, "mix");
        try {
            TorchGraphModel net(nn::importOnnxBytes(b.bytes(), "einsum.onnx"));
            QFAIL("Einsum accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("Einsum"), e.what());
        } catch (...) {
            // the importer itself may refuse the operator first; either way nothing runs
        }
        // The writer refuses a tensor the model does not have, and writes nothing.
        QTemporaryDir dir;
        const QString source = test::writeTestFile(dir, "conv_bn.onnx", convBatchNormModel());
        nn::Graph trained = g;
        trained.initializers["nowhere"] = nn::Tensor::floats({1}, {1.0f});
        const QString out = dir.filePath("out.onnx");
        QVERIFY_THROWS_EXCEPTION(InputError, writeOnnxWithWeights(source.toStdString(), trained, {"nowhere"}, out.toStdString()));
        QVERIFY(!QFile::exists(out));
        QVERIFY_THROWS_EXCEPTION(InputError, writeOnnxWithWeights(dir.filePath("missing.onnx").toStdString(), g, {}, out.toStdString()));
    }
};

QTEST_APPLESS_MAIN(TestFineTuning)
#include "tst_fine_tuning.moc"
