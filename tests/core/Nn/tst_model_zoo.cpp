// Models nobody here wrote, as tools/export_model_zoo.py exports them from torch: each imports,
// maps to the layer count the model has (one per Conv2d, Linear, attention input projection and
// recurrent weight matrix) and reproduces torch's logits on a batch of two (dynamic batch axis).
// The small ones are committed (tests/data/models); the torchvision set is checked too when
// KIRCHHOFF_MODEL_ZOO names the folder the script wrote it to.
#include "cim/ModelLayerTable.h"
#include "io/NetworkCsv.h"
#include "io/Npy.h"
#include "ppa/ChipEstimator.h"
#include "nn/Executor.h"
#include "nn/OnnxImport.h"

#include <nlohmann/json.hpp>

#include <QFile>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace kh;

namespace {

const QString kSmall = QString(KIRCHHOFF_TEST_DATA) + "/models";

nn::Tensor tensorFromNpy(const NpyArray& a)
{
    std::vector<std::int64_t> shape(a.shape.begin(), a.shape.end());
    std::vector<float> v(a.floats.begin(), a.floats.end());
    return nn::Tensor::floats(shape, v);
}

void addModels(const QString& dir)
{
    std::ifstream in((dir + "/zoo.json").toStdString());
    if (!in)
        return;
    const nlohmann::json zoo = nlohmann::json::parse(in);
    for (const auto& [name, entry] : zoo.items())
        QTest::newRow(name.c_str()) << dir << QString::fromStdString(name) << entry["layers"].get<int>();
}

} // namespace

class TestModelZoo : public QObject {
    Q_OBJECT
private slots:
    void importsMapsAndReproducesTorch_data()
    {
        QTest::addColumn<QString>("dir");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("layers");
        addModels(kSmall);
        if (const QByteArray zoo = qgetenv("KIRCHHOFF_MODEL_ZOO"); !zoo.isEmpty())
            addModels(QString::fromLocal8Bit(zoo));
    }

    void importsMapsAndReproducesTorch()
    {
        QFETCH(QString, dir);
        QFETCH(QString, name);
        QFETCH(int, layers);
        const std::string base = (dir + "/" + name).toStdString();
        const nn::Graph g = nn::importOnnx(base + ".onnx");
        const nn::Executor ex(g);
        QCOMPARE(ex.linearLayerCount(), layers);
        QCOMPARE(int(cim::layerTableFromModel(g, name.toStdString()).layers.size()), layers);
        const NpyArray want = readNpy(base + ".logits.npy");
        const std::vector<float> got = ex.run({tensorFromNpy(readNpy(base + ".input.npy"))})[0].f;
        QCOMPARE(got.size(), want.floats.size());
        double scale = 0, worst = 0;
        for (size_t k = 0; k < got.size(); ++k) {
            scale = std::max(scale, std::fabs(want.floats[k]));
            worst = std::max(worst, std::fabs(double(got[k]) - want.floats[k]));
        }
        // Float32 on both sides, summed in other orders: within 1e-4 of the largest logit.
        QVERIFY2(worst <= 1e-4 * std::max(scale, 1.0), qPrintable(QString("%1 off (largest logit %2)").arg(worst).arg(scale)));
        const size_t classes = want.shape[1];
        for (size_t b = 0; b < want.shape[0]; ++b) {
            const double* row = &want.floats[b * classes];
            QCOMPARE(std::max_element(got.begin() + std::ptrdiff_t(b * classes), got.begin() + std::ptrdiff_t((b + 1) * classes))
                         - (got.begin() + std::ptrdiff_t(b * classes)),
                     std::max_element(row, row + classes) - row);
        }
    }

    void attentionProductsAreCountedAsDigitalWork()
    {
        // Two encoder layers of 4 heads over 28 tokens of 8 dimensions: Q·Kᵀ and A·V per layer,
        // 4 × 28 × 8 × 28 MACs each, on the digital lanes (no weights to program).
        const LayerTable t = cim::layerTableFromModel(nn::importOnnx((kSmall + "/transformer_tiny.onnx").toStdString()), "tiny");
        QCOMPARE(t.layers.size(), size_t(10));
        QCOMPARE(t.digital.size(), size_t(4));
        for (const DigitalMatmul& d : t.digital)
            QCOMPARE(d.macs(), 4.0 * 28 * 8 * 28);
        const PpaReport r = estimateChip(t, DesignPoint{});
        double arrayOps = 0;
        for (const LayerShape& l : t.layers)
            arrayOps += l.executedOps();
        QCOMPARE(r.ops_per_image, arrayOps + 4 * 2.0 * 4 * 28 * 8 * 28);
        QCOMPARE(r.layers.size(), size_t(14));
        QVERIFY(r.layers.back().energy_pj > 0 && r.layers.back().latency_ns > 0);
        // Without them the chip has no MAC lanes: less area, fewer ops.
        LayerTable arraysOnly = t;
        arraysOnly.digital.clear();
        const PpaReport a = estimateChip(arraysOnly, DesignPoint{});
        QVERIFY(a.area_mm2 < r.area_mm2);
        QCOMPARE(a.ops_per_image, arrayOps);
    }

    void resnet18MatchesNeuroSimsTable()
    {
        const QByteArray zoo = qgetenv("KIRCHHOFF_MODEL_ZOO");
        const QString model = QString::fromLocal8Bit(zoo) + "/resnet18.onnx";
        if (zoo.isEmpty() || !QFile::exists(model))
            QSKIP("KIRCHHOFF_MODEL_ZOO does not hold resnet18.onnx (tools/export_model_zoo.py --zoo DIR)");
        // NeuroSim's hand-written table for ResNet18 on ImageNet, as shipped with its reference data.
        const LayerTable neurosim = readNetworkCsv(QString(KIRCHHOFF_TEST_DATA "/models/NetWork_ResNet18_imagenet.csv").toStdString());
        const LayerTable ours = cim::layerTableFromModel(nn::importOnnx(model.toStdString()), "resnet18");
        QCOMPARE(ours.layers.size(), neurosim.layers.size());
        // Layers agree as multisets of (input map, channels, kernel, outputs, stride): the two list
        // a downsampling 1x1 conv at different places. Kirchhoff records the input map and stride
        // as NeuroSim's table does, plus the output map, so both op counts agree as well.
        auto signature = [](const LayerTable& t) {
            std::vector<std::tuple<int, int, int, int, int, int, int>> s;
            for (const LayerShape& l : t.layers)
                s.emplace_back(l.ifm_h, l.ifm_w, l.ifm_c, l.k_h, l.k_w, l.c_out, l.stride);
            std::sort(s.begin(), s.end());
            return s;
        };
        QVERIFY(signature(ours) == signature(neurosim));
        double oursMacs = 0, theirs = 0, oursNeuroSim = 0, theirsNeuroSim = 0;
        for (size_t k = 0; k < ours.layers.size(); ++k) {
            oursMacs += ours.layers[k].macs();
            theirs += neurosim.layers[k].macs();
            oursNeuroSim += ours.layers[k].neurosimOps();
            theirsNeuroSim += neurosim.layers[k].neurosimOps();
        }
        QVERIFY2(std::fabs(oursMacs / theirs - 1) < 1e-9, qPrintable(QString("MACs %1 vs %2").arg(oursMacs).arg(theirs)));
        QCOMPARE(oursNeuroSim, theirsNeuroSim);
        // 1.814 GMAC per image executed (torchvision's published 1.81 GFLOPs counts MACs).
        QVERIFY2(std::fabs(oursMacs / 1.814e9 - 1) < 0.002, qPrintable(QString::number(oursMacs)));
    }
};

QTEST_GUILESS_MAIN(TestModelZoo)
#include "tst_model_zoo.moc"
