// ONNX import + float executor against PyTorch: the reference logits of every shipped model to
// 1e-4, and PyTorch's test-set predictions (hence its accuracy) on Fashion-MNIST images.
#include "common/InputError.h"
#include "cim/ModelLayerTable.h"
#include "io/IdxDataset.h"
#include "io/Npy.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace kh;
using namespace kh::nn;

namespace {
const QString kModels = QString(KIRCHHOFF_TEST_PRESETS) + "/models/";
const char* const kNames[] = {"mlp_fashion", "vgg_fashion", "resnet_fashion", "vit_fashion"};

Tensor imagesTensor(const LabeledDataset& d, int first, int count)
{
    Tensor t = Tensor::floats({count, 1, d.images.rows, d.images.cols});
    const size_t px = size_t(d.images.rows) * size_t(d.images.cols);
    for (size_t k = 0; k < t.f.size(); ++k)
        t.f[k] = float(d.images.pixels[size_t(first) * px + k]) / 255.0f;
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

    void modelLayerTableMatchesTheArchitecture()
    {
        const LayerTable vgg = cim::layerTableFromModel(importOnnx((kModels + "vgg_fashion.onnx").toStdString()), "vgg");
        QCOMPARE(vgg.layers.size(), size_t(8));   // six conv + two FC, as trained
        QVERIFY((vgg.layers[0] == LayerShape{28, 28, 1, 3, 3, 32, false, 1}));
        QVERIFY((vgg.layers[5] == LayerShape{7, 7, 96, 3, 3, 96, false, 1}));
        QVERIFY((vgg.layers[6] == LayerShape{1, 1, 864, 1, 1, 128, false, 1}));
        const LayerTable mlp = cim::layerTableFromModel(importOnnx((kModels + "mlp_fashion.onnx").toStdString()), "mlp");
        QCOMPARE(mlp.layers.size(), size_t(2));
        QVERIFY((mlp.layers[0] == LayerShape{1, 1, 784, 1, 1, 256, false, 1}));
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
