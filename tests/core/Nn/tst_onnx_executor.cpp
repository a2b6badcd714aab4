// ONNX import + float executor against PyTorch: the reference logits of every shipped model to
// 1e-4, and PyTorch's test-set predictions (hence its accuracy) on Fashion-MNIST images.
#include "common/InputError.h"
#include "cim/CimNetworkHook.h"
#include "cim/InputCalibration.h"
#include "cim/ModelLayerTable.h"
#include "io/IdxDataset.h"
#include "io/Npy.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

using namespace kh;
using namespace kh::nn;

namespace {
const QString kModels = QString(KIRCHHOFF_TEST_PRESETS) + "/models/";
const char* const kNames[] = {"mlp_fashion", "vgg_fashion", "resnet_fashion", "vit_fashion"};

Tensor imagesTensor(const LabeledDataset& d, int first, int count)
{
    Tensor t = Tensor::floats({count, 1, d.rows, d.cols});
    const size_t px = size_t(d.rows) * size_t(d.cols);
    for (size_t k = 0; k < t.f.size(); ++k)
        t.f[k] = float(d.pixels[size_t(first) * px + k]) / 255.0f;
    return t;
}
} // namespace

class TestOnnxExecutor : public QObject {
    Q_OBJECT
private slots:
    void reproducesPyTorchLogits_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : kNames)
            QTest::newRow(n) << QString(n);
    }
    void reproducesPyTorchLogits()
    {
        QFETCH(QString, name);
        // The models are committed; a missing one is a failure, not a skip.
        QVERIFY2(QFile::exists(kModels + name + ".onnx"), qPrintable(name + ".onnx missing (tools/train_fashion_models.py)"));
        const Graph g = importOnnx((kModels + name + ".onnx").toStdString());
        QCOMPARE(g.inputs.size(), size_t(1));
        const NpyArray in = readNpy((kModels + name + ".ref_input.npy").toStdString());
        const NpyArray ref = readNpy((kModels + name + ".ref_output.npy").toStdString());
        Tensor x = Tensor::floats({std::int64_t(in.shape[0]), std::int64_t(in.shape[1]), std::int64_t(in.shape[2]), std::int64_t(in.shape[3])});
        for (size_t k = 0; k < x.f.size(); ++k)
            x.f[k] = float(in.floats[k]);
        const std::vector<Tensor> out = Executor(g).run({x});
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].size(), ref.size());
        double maxDiff = 0;
        for (size_t k = 0; k < ref.size(); ++k)
            maxDiff = std::max(maxDiff, std::fabs(double(out[0].f[k]) - ref.floats[k]));
        QVERIFY2(maxDiff <= 1e-4, qPrintable(QString("max abs diff %1").arg(maxDiff)));
    }

    void reproducesPyTorchTestAccuracy_data() { reproducesPyTorchLogits_data(); }
    void reproducesPyTorchTestAccuracy()
    {
        QFETCH(QString, name);
        QVERIFY2(QFile::exists(kModels + name + ".onnx"), qPrintable(name + ".onnx missing"));
        const LabeledDataset test = loadIdxDataset("fashion-mnist", "test");
        const Graph g = importOnnx((kModels + name + ".onnx").toStdString());
        const NpyArray torchPred = readNpy((kModels + name + ".test_pred.npy").toStdString());
        QCOMPARE(torchPred.size(), size_t(10000));
        // The whole test set for the small models; the first 2000 images for the CNNs keep the
        // suite fast. Predictions must agree with PyTorch's (ties within float rounding aside).
        const int count = name == "mlp_fashion" || name == "vit_fashion" ? 10000 : 2000;
        const Executor ex(g);
        int agree = 0, correct = 0, torchCorrect = 0;
        for (int first = 0; first < count; first += 500) {
            const Tensor logits = ex.run({imagesTensor(test, first, 500)})[0];
            for (int b = 0; b < 500; ++b) {
                const float* row = &logits.f[size_t(b) * 10];
                const int pred = int(std::max_element(row, row + 10) - row);
                agree += pred == int(torchPred.ints[size_t(first + b)]) ? 1 : 0;
                correct += pred == test.labels[size_t(first + b)] ? 1 : 0;
                torchCorrect += int(torchPred.ints[size_t(first + b)]) == test.labels[size_t(first + b)] ? 1 : 0;
            }
        }
        QVERIFY2(agree >= count - 2, qPrintable(QString("%1 of %2 predictions agree").arg(agree).arg(count)));
        QVERIFY(std::abs(correct - torchCorrect) <= 2);
        if (count == 10000) {
            QFile meta(kModels + "models.json");
            QVERIFY(meta.open(QIODevice::ReadOnly));
            const double published = QJsonDocument::fromJson(meta.readAll()).object()[name].toObject()["test_accuracy"].toDouble();
            QVERIFY2(std::fabs(correct / 10000.0 - published) <= 0.0002, qPrintable(QString("%1 vs %2").arg(correct / 10000.0).arg(published)));
        }
    }

    void malformedModelsAreClearErrors()
    {
        QVERIFY_THROWS_EXCEPTION(InputError, importOnnxBytes("", "empty.onnx"));
        QVERIFY_THROWS_EXCEPTION(InputError, importOnnxBytes("this is not protobuf at all \xff\xff", "junk.onnx"));
        QVERIFY(QFile::exists(kModels + "mlp_fashion.onnx"));
        QFile f(kModels + "mlp_fashion.onnx");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string bytes = f.readAll().toStdString();
        // Truncations at many points, and flipped bytes: an InputError or a valid graph, never a crash.
        for (size_t cut : {size_t(10), size_t(100), bytes.size() / 3, bytes.size() / 2, bytes.size() - 7}) {
            try {
                const Graph g = importOnnxBytes(bytes.substr(0, cut), "cut.onnx");
                Tensor x = Tensor::floats({1, 1, 28, 28});
                Executor(g).run({x});
            } catch (const InputError&) {
            }
        }
        for (int i = 0; i < 200; ++i) {
            std::string b = bytes;
            b[(size_t(i) * 7919) % b.size()] ^= char(0x5A);
            try {
                const Graph g = importOnnxBytes(b, "flip.onnx");
                Tensor x = Tensor::floats({1, 1, 28, 28});
                Executor(g).run({x});
            } catch (const InputError&) {
            }
        }
    }

    void unsupportedOperatorNamesOpAndNode()
    {
        // A one-node model with op "FancyOp", built with the ONNX protobuf wire format by hand:
        // ModelProto{ opset_import{version 17}, graph{ node{input "x", output "y", name "n1", op_type "FancyOp"}, input{name "x"} } }
        std::string node;
        auto field = [](int number, const std::string& payload) {
            std::string s;
            s.push_back(char((number << 3) | 2));
            s.push_back(char(payload.size()));
            return s + payload;
        };
        node = field(1, "x") + field(2, "y") + field(3, "n1") + field(4, "FancyOp");
        const std::string graph = field(1, node) + field(11, field(1, "x")) + field(12, field(1, "y"));
        std::string opset;
        opset.push_back(char((2 << 3) | 0));
        opset.push_back(17);
        const std::string model = field(7, graph) + field(8, opset);
        try {
            importOnnxBytes(model, "fancy.onnx");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("unsupported operator FancyOp node 'n1'"), e.what());
        }
    }

    void groupedConvolutionMatchesDirectSum()
    {
        // Conv with group 2 (4 → 6 channels) then depthwise (group 6), stride 1, padding 1, with
        // bias: every output against the textbook sum; each group is its own linear layer.
        const int C = 4, H = 5, W = 6;
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        auto random = [&](std::vector<std::int64_t> shape) {
            Tensor t = Tensor::floats(std::move(shape));
            for (float& v : t.f)
                v = u(rng);
            return t;
        };
        Graph g;
        g.inputs = {"x"};
        g.inputShapes = {{1, C, H, W}};
        g.initializers["w1"] = random({6, 2, 3, 3});
        g.initializers["b1"] = random({6});
        g.initializers["w2"] = random({6, 1, 3, 3});
        Node c1{"Conv", "grouped", {"x", "w1", "b1"}, {"y1"}, {}};
        c1.attrs["group"].i = 2;
        c1.attrs["pads"].ints = {1, 1, 1, 1};
        Node c2{"Conv", "depthwise", {"y1", "w2"}, {"y2"}, {}};
        c2.attrs["group"].i = 6;
        c2.attrs["pads"].ints = {1, 1, 1, 1};
        g.nodes = {c1, c2};
        g.outputs = {"y2"};
        const Tensor x = random({1, C, H, W});
        const Tensor y = Executor(g).run({x}).at(0);
        // Reference: direct sums.
        auto direct = [&](const std::vector<float>& in, int cin, const Tensor& w, const Tensor* b, int cout, int groups) {
            std::vector<float> out(size_t(cout) * H * W, 0.0f);
            const int cg = cin / groups, mg = cout / groups;
            for (int m = 0; m < cout; ++m)
                for (int oy = 0; oy < H; ++oy)
                    for (int ox = 0; ox < W; ++ox) {
                        double s = b ? b->f[size_t(m)] : 0.0;
                        for (int c = 0; c < cg; ++c)
                            for (int i = 0; i < 3; ++i)
                                for (int j = 0; j < 3; ++j) {
                                    const int iy = oy - 1 + i, ix = ox - 1 + j;
                                    if (iy >= 0 && iy < H && ix >= 0 && ix < W)
                                        s += double(w.f[size_t(((m * cg + c) * 3 + i) * 3 + j)])
                                             * in[size_t(((m / mg) * cg + c) * H * W + iy * W + ix)];
                                }
                        out[size_t(m) * H * W + size_t(oy * W + ox)] = float(s);
                    }
            return out;
        };
        const std::vector<float> y1 = direct(x.f, C, g.initializers["w1"], &g.initializers["b1"], 6, 2);
        const std::vector<float> y2 = direct(y1, 6, g.initializers["w2"], nullptr, 6, 6);
        QCOMPARE(y.shape, (std::vector<std::int64_t>{1, 6, H, W}));
        for (size_t k = 0; k < y2.size(); ++k)
            QVERIFY2(std::fabs(y.f[k] - y2[k]) < 1e-4f, qPrintable(QString("%1: %2 vs %3").arg(k).arg(y.f[k]).arg(y2[k])));
        // The PPA table: one row per conv with its group count (the floorplan packs the groups).
        const LayerTable table = cim::layerTableFromModel(g, "grouped");
        QCOMPARE(table.layers.size(), size_t(2));
        QVERIFY((table.layers[0] == LayerShape{int(H), int(W), 4, 3, 3, 6, false, 1, 2, int(H), int(W)}));   // the map as it is, not square
        QCOMPARE(table.layers[0].weightCount(), 6LL * 2 * 3 * 3);
        QCOMPARE(table.layers[1].groups, 6);
        QCOMPARE(table.layers[1].ifm_c, 6);
        QCOMPARE(table.layers[1].c_out, 6);
        // On the arrays (8b/8b, lossless ADC): every group is programmed and read; the result
        // follows the float one to within the quantization error.
        {
            const Executor ex(g);
            DesignPoint dp;
            dp.precision.adc_bits = 8;
            dp.array.parallel_rows = 128;
            cim::CimNetworkHook hook(dp, cim::calibrateInputs(ex, x, 100.0), 0);
            const Tensor yc = ex.run({x}, &hook).at(0);
            float top = 0, err = 0;
            for (size_t k = 0; k < y.f.size(); ++k) {
                top = std::max(top, std::fabs(y.f[k]));
                err = std::max(err, std::fabs(yc.f[k] - y.f[k]));
            }
            QVERIFY2(err < 0.03f * top, qPrintable(QString("max error %1 of %2").arg(err).arg(top)));
            QCOMPARE(int(hook.activity().size()), 2);   // one entry per table layer, its groups pooled
        }
        // A group that does not divide the channels is a clear error.
        g.nodes[0].attrs["group"].i = 3;
        try {
            Executor(g).run({x});
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains("group 3 must divide"), e.what());
        }
    }

    void modelLayerTableMatchesTheArchitecture()
    {
        const LayerTable vgg = cim::layerTableFromModel(importOnnx((kModels + "vgg_fashion.onnx").toStdString()), "vgg");
        QCOMPARE(vgg.layers.size(), size_t(8));   // six conv + two FC, as trained
        QVERIFY((vgg.layers[0] == LayerShape{28, 28, 1, 3, 3, 32, false, 1, 1, 28, 28}));
        QVERIFY((vgg.layers[1] == LayerShape{28, 28, 32, 3, 3, 32, true, 1, 1, 28, 28}));   // conv → ReLU → MaxPool
        QVERIFY((vgg.layers[5] == LayerShape{7, 7, 96, 3, 3, 96, true, 1, 1, 7, 7}));
        QVERIFY(!vgg.layers[4].followed_by_pooling);
        QVERIFY((vgg.layers[6] == LayerShape{1, 1, 864, 1, 1, 128, false, 1}));
        const LayerTable mlp = cim::layerTableFromModel(importOnnx((kModels + "mlp_fashion.onnx").toStdString()), "mlp");
        QCOMPARE(mlp.layers.size(), size_t(2));
        QVERIFY((mlp.layers[0] == LayerShape{1, 1, 784, 1, 1, 256, false, 1}));
        // One loader picks ONNX or NetWork.csv by suffix, in any case.
        QTemporaryDir dir;
        const QString upper = dir.filePath("MLP.ONNX");
        QVERIFY(QFile::copy(kModels + "mlp_fashion.onnx", upper));
        QVERIFY(cim::isOnnxPath(upper.toStdString()) && !cim::isOnnxPath("net.csv"));
        QCOMPARE(cim::loadNetworkFile(upper.toStdString()).layers, mlp.layers);
        QCOMPARE(cim::loadNetworkFile(std::string(KIRCHHOFF_TEST_PRESETS) + "/networks/vgg8.csv").layers.size(), size_t(8));
    }

    void idxReaderRejectsBadFiles()
    {
        QVERIFY_THROWS_EXCEPTION(InputError, parseIdxImages(std::string(16, '\0'), "x.idx"));
        std::string header("\x00\x00\x08\x03\x00\x00\x00\x02\x00\x00\x00\x1c\x00\x00\x00\x1c", 16);
        QVERIFY_THROWS_EXCEPTION(InputError, parseIdxImages(header + std::string(100, '\0'), "short.idx"));
        const IdxImages ok = parseIdxImages(header + std::string(2 * 28 * 28, '\x7f'), "ok.idx");
        QCOMPARE(ok.count, 2);
        QVERIFY_THROWS_EXCEPTION(InputError, loadIdxDataset("/nonexistent-dir", "test"));
    }
};

QTEST_APPLESS_MAIN(TestOnnxExecutor)
#include "tst_onnx_executor.moc"
