// Progressive chip-in-the-loop fine-tuning (train/ProgressiveFineTuner, docs/training.md): on one
// fixed simulated chip it raises the accuracy of that chip; the same seed gives the same model; the
// layer outputs it records as .npy are read back in place of the simulation and give the same
// model; a recorded file that does not fit the layer, or holds a non-finite value, is refused with
// its name; the settings are checked.
#include "cim/AccuracyEvaluator.h"
#include "common/InputError.h"
#include "io/DatasetLoader.h"
#include "io/Npy.h"
#include "nn/OnnxImport.h"
#include "spec/DesignPointJson.h"
#include "train/ProgressiveFineTuner.h"

#include "ChannelTask.h"
#include "OnnxModelBuilder.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>
#include <limits>

using namespace kh;
using namespace kh::train;

namespace {

DesignPoint noisyPoint() { return loadDesignPointFile(KIRCHHOFF_TEST_PRESETS "/designs/rram_variation30_stuck3.json"); }

const nn::Graph& mlp()
{
    static const nn::Graph g = nn::importOnnx(KIRCHHOFF_TEST_PRESETS "/models/mlp_fashion.onnx");
    return g;
}

const LabeledDataset& trainSplit()
{
    static const LabeledDataset d = loadDataset("fashion-mnist", "train", DatasetSpec{}, 2500);
    return d;
}

FineTuneSettings quick()
{
    FineTuneSettings s;
    s.epochs = 1;
    s.batch = 64;
    s.learning_rate = 1e-3;
    s.validation_images = 500;
    s.validation_chips = 1;
    s.batch_norm_batches = 5;
    return s;
}

ProgressiveSettings firstLayerOnly(int images)
{
    ProgressiveSettings p;
    p.images = images;
    p.stages = 1;
    return p;
}

// x (N×2×4×4) → Flatten → Gemm 32→12 → Relu → Gemm 12→6 → Relu → Gemm 6→2: three array layers.
std::string threeLayerModel()
{
    std::mt19937 rng(5);
    std::normal_distribution<float> g(0.0f, 0.4f);
    auto draw = [&](int n) {
        std::vector<float> v(static_cast<size_t>(n));
        for (float& x : v)
            x = g(rng);
        return v;
    };
    test::OnnxModelBuilder b;
    b.input("x", {1, 2, 4, 4})
        .floatOutput("y")
        .floats("w1", {12, 32}, draw(12 * 32))
        .floats("b1", {12}, std::vector<float>(12, 0.05f))
        .floats("w2", {6, 12}, draw(6 * 12))
        .floats("b2", {6}, std::vector<float>(6, 0.05f))
        .floats("w3", {2, 6}, draw(2 * 6))
        .floats("b3", {2}, {0.0f, 0.0f})
        .node("Flatten", {"x"}, {"f"})
        .node("Gemm", {"f", "w1", "b1"}, {"h1"}, "fc1")
        .intAttr("transB", 1)
        .node("Relu", {"h1"}, {"r1"})
        .node("Gemm", {"r1", "w2", "b2"}, {"h2"}, "fc2")
        .intAttr("transB", 1)
        .node("Relu", {"h2"}, {"r2"})
        .node("Gemm", {"r2", "w3", "b3"}, {"y"}, "fc3")
        .intAttr("transB", 1);
    return b.bytes();
}

bool sameWeights(const nn::Graph& a, const nn::Graph& b)
{
    for (const auto& [name, t] : a.initializers)
        if (b.initializers.at(name).f != t.f)
            return false;
    return true;
}

} // namespace

class TestProgressiveFineTuning : public QObject {
    Q_OBJECT
private slots:
    // The fixed chip is chip 0 of the evaluation: a one-chip evaluation measures it.
    void theFixedChipGainsAndTheRunRepeats()
    {
        const DesignPoint dp = noisyPoint();
        const FineTuneResult r = progressiveFineTune(mlp(), trainSplit(), dp, quick(), ProgressiveSettings{2500, 0, {}});
        QVERIFY(!r.cancelled);
        // 784-256-10: one stage (the hidden layer on the chip), its epoch 0 and one epoch.
        QCOMPARE(int(r.epochs.size()), 2);
        QCOMPARE(r.epochs.back().frozen_layers, 1);
        DesignPoint fixed = dp;
        fixed.evaluation.chips = 1;
        fixed.evaluation.images = 1500;
        const LabeledDataset test = loadDataset("fashion-mnist", "test", DatasetSpec{}, 1500);
        const double before = cim::evaluateAccuracy(mlp(), test, trainSplit(), fixed, nullptr).accuracy;
        const double after = cim::evaluateAccuracy(r.model, test, trainSplit(), fixed, nullptr).accuracy;
        qInfo("fixed chip: %.2f %% before, %.2f %% after", before * 100, after * 100);
        QVERIFY2(after > before + 0.015, qPrintable(QString("fixed chip: %1 before, %2 after").arg(before).arg(after)));
        // The weights of the layer programmed first did not move after it was programmed, and the
        // same settings give the same model.
        const FineTuneResult again = progressiveFineTune(mlp(), trainSplit(), dp, quick(), ProgressiveSettings{2500, 0, {}});
        QVERIFY(sameWeights(r.model, again.model));
    }

    // Stage k programs layer k and trains the layers after it: a layer never moves once programmed,
    // so the first keeps its original weights and the second those stage 0 gave it.
    void eachStageFreezesTheLayerItProgrammed()
    {
        const nn::Graph g = nn::importOnnxBytes(threeLayerModel(), "three.onnx");
        DesignPoint dp = noisyPoint();
        dp.noise.saf = {};   // the tiny net cannot carry 6 % stuck cells
        FineTuneSettings s = quick();
        s.epochs = 2;
        s.batch = 32;
        s.learning_rate = 1e-2;
        s.validation_images = 200;
        struct Stages final : FineTuneObserver {
            std::vector<int> layers;
            std::vector<std::vector<float>> w2;
            void stageStarted(int layer, const nn::Graph& model, const std::vector<std::string>&) override
            {
                layers.push_back(layer);
                w2.push_back(model.initializers.at("w2").f);
            }
        } stages;
        const FineTuneResult r = progressiveFineTune(g, test::channelTask(800, 4), dp, s, ProgressiveSettings{800, 0, {}}, nullptr, &stages);
        QCOMPARE(stages.layers, (std::vector<int>{0, 1}));
        QCOMPARE(int(r.epochs.size()), 6);   // two stages of epoch 0 and two epochs
        for (int k = 0; k < 6; ++k) {
            QCOMPARE(r.epochs[size_t(k)].frozen_layers, k / 3 + 1);
            QCOMPARE(r.epochs[size_t(k)].epoch, k % 3);
        }
        QCOMPARE(r.model.initializers.at("w1").f, g.initializers.at("w1").f);
        QVERIFY(stages.w2[1] != g.initializers.at("w2").f);          // trained in stage 0
        QCOMPARE(r.model.initializers.at("w2").f, stages.w2[1]);      // and frozen in stage 1
        QVERIFY(r.model.initializers.at("w3").f != g.initializers.at("w3").f);
    }

    void recordedLayerOutputsStandInForTheChip()
    {
        QTemporaryDir dir;
        ProgressiveSettings p = firstLayerOnly(1200);
        p.layer_outputs = dir.filePath("lo").toStdString();
        const FineTuneResult written = progressiveFineTune(mlp(), trainSplit(), noisyPoint(), quick(), p);
        const std::string file = layerOutputsFile(p.layer_outputs, 0);
        QVERIFY(QFile::exists(QString::fromStdString(file)));
        const NpyArray a = readNpy(file);
        QCOMPARE(a.shape[0], std::size_t(1200));
        QVERIFY(!a.is_integer);
        QCOMPARE(int(a.shape.size()), 2);
        // Read back instead of simulated: the same model.
        const FineTuneResult read = progressiveFineTune(mlp(), trainSplit(), noisyPoint(), quick(), p);
        QVERIFY(sameWeights(written.model, read.model));
        // The outputs of another chip (here: the float layer, all zeros shifted) change the result.
        std::vector<double> other(a.floats.size());
        for (size_t k = 0; k < other.size(); ++k)
            other[k] = a.floats[k] * 0.5;
        QFile f(QString::fromStdString(file));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(formatNpyFloat64(a.shape, other)));
        f.close();
        QVERIFY(!sameWeights(written.model, progressiveFineTune(mlp(), trainSplit(), noisyPoint(), quick(), p).model));
    }

    void aRecordedFileThatDoesNotFitIsNamed_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("says");
        QTest::newRow("too few images") << QByteArray::fromStdString(formatNpyFloat64({100, 256}, std::vector<double>(25600, 1.0))) << "needs float outputs";
        QTest::newRow("wrong width") << QByteArray::fromStdString(formatNpyFloat64({1200, 7}, std::vector<double>(8400, 1.0))) << "needs float outputs";
        QTest::newRow("integers") << QByteArray::fromStdString(formatNpyInt64({1200, 256}, std::vector<std::int64_t>(1200 * 256, 1))) << "integers";
        std::vector<float> nan(1200 * 256, 1.0f);
        nan[256 * 3 + 5] = std::numeric_limits<float>::quiet_NaN();
        QTest::newRow("not finite") << QByteArray::fromStdString(formatNpyFloat32({1200, 256}, nan.data(), nan.size())) << "image 3";
        QTest::newRow("not npy") << QByteArray("garbage") << "layer_0.npy";
    }
    void aRecordedFileThatDoesNotFitIsNamed()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, says);
        QTemporaryDir dir;
        ProgressiveSettings p = firstLayerOnly(1200);
        p.layer_outputs = dir.path().toStdString();
        QFile f(QString::fromStdString(layerOutputsFile(p.layer_outputs, 0)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        try {
            progressiveFineTune(mlp(), trainSplit(), noisyPoint(), quick(), p);
            QFAIL("the file was accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("layer_0.npy"), e.what());
            QVERIFY2(QString(e.what()).contains(says), e.what());
        }
    }

    void badSettingsAreRefusedWithTheirKey()
    {
        ProgressiveSettings p;
        p.images = 1;
        try {
            checkProgressiveSettings(p);
            QFAIL("1 image accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("progressive_images"), e.what());
        }
        p = ProgressiveSettings{};
        p.stages = -2;
        QVERIFY_THROWS_EXCEPTION(InputError, checkProgressiveSettings(p));
        // Fewer recorded images than validation plus a batch.
        QVERIFY_THROWS_EXCEPTION(InputError, progressiveFineTune(mlp(), trainSplit(), noisyPoint(), quick(), firstLayerOnly(300)));
    }
};

QTEST_APPLESS_MAIN(TestProgressiveFineTuning)
#include "tst_progressive_fine_tuning.moc"
