// Network-level accuracy on simulated crossbars (REFERENCE.md §5 trends), Monte Carlo statistics,
// determinism across thread counts, and the bit statistics handed to the PPA estimator.
#include "cim/AccuracyEvaluator.h"
#include "cim/ModelLayerTable.h"
#include "io/IdxDataset.h"
#include "io/NetworkCsv.h"
#include "nn/OnnxImport.h"
#include "ppa/ChipEstimator.h"

#include <QFile>
#include <QTest>

#include <omp.h>

using namespace kh;

namespace {
const std::string kModels = std::string(KIRCHHOFF_TEST_PRESETS) + "/models/";

DesignPoint losslessBase(int images)
{
    DesignPoint dp;
    dp.array.rows = dp.array.cols = 128;
    dp.array.parallel_rows = 128;
    dp.precision.adc_bits = 8;   // lossless for 128 rows of 1-bit cells with 1-bit inputs
    dp.evaluation.images = images;
    dp.evaluation.chips = 2;
    return dp;
}

DesignPoint deviceMode(DesignPoint dp, double sigmaRel)
{
    dp.noise.mode = NoiseMode::Device;
    dp.device.mem_states = {{1e-6, 1e-6 * sigmaRel}, {1e-5, 1e-5 * sigmaRel}};
    return dp;
}
} // namespace

class TestAccuracy : public QObject {
    Q_OBJECT
    LabeledDataset test_, train_;
    nn::Graph mlp_;

    double accuracy(const DesignPoint& dp) { return cim::evaluateAccuracy(mlp_, test_, train_, dp).accuracy; }

private slots:
    void initTestCase()
    {
        test_ = loadIdxDataset("fashion-mnist", "test");
        train_ = loadIdxDataset("fashion-mnist", "train");
        QVERIFY(QFile::exists(QString::fromStdString(kModels + "mlp_fashion.onnx")));
        mlp_ = nn::importOnnx(kModels + "mlp_fashion.onnx");
    }

    void losslessEightBitsLosesAtMostHalfAPoint_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<int>("images");
        QTest::newRow("mlp") << "mlp_fashion" << 1000;
        QTest::newRow("vgg") << "vgg_fashion" << 200;
        QTest::newRow("resnet") << "resnet_fashion" << 200;
    }
    void losslessEightBitsLosesAtMostHalfAPoint()
    {
        QFETCH(QString, model);
        QFETCH(int, images);
        const std::string path = kModels + model.toStdString() + ".onnx";
        QVERIFY2(QFile::exists(QString::fromStdString(path)), path.c_str());
        DesignPoint dp = losslessBase(images);
        dp.evaluation.chips = 1;
        const cim::AccuracyReport r = cim::evaluateAccuracy(nn::importOnnx(path), test_, train_, dp);
        QVERIFY2(r.float_accuracy - r.accuracy <= 0.005 + 1e-12,
                 qPrintable(QString("float %1, CIM %2").arg(r.float_accuracy).arg(r.accuracy)));
    }

    void accuracyFallsWithVariation()
    {
        const DesignPoint base = losslessBase(500);
        const double ideal = accuracy(base);
        const double a20 = accuracy(deviceMode(base, 0.2)), a60 = accuracy(deviceMode(base, 0.6));
        QVERIFY2(a20 < ideal && a60 < a20 - 0.05, qPrintable(QString("%1 %2 %3").arg(ideal).arg(a20).arg(a60)));
        QCOMPARE(accuracy(deviceMode(base, 0.0)), ideal);   // zero-width noise = none, network level
    }

    void stuckAtFaultsHurtMoreThanVariationOrDrift()
    {
        const DesignPoint base = losslessBase(500);
        DesignPoint saf = deviceMode(base, 0.0);
        saf.noise.saf = {0.09, 0.0175};   // REFERENCE.md §5 realistic bounds: 9 % HRS, 1.75 % LRS
        DesignPoint drift = deviceMode(base, 0.0);
        drift.noise.drift = {1000, 1, 0.05, DriftMode::TowardMin, std::nullopt};
        const double aSaf = accuracy(saf), aVar = accuracy(deviceMode(base, 0.2)), aDrift = accuracy(drift);
        QVERIFY2(aSaf < aVar && aSaf < aDrift, qPrintable(QString("saf %1 var %2 drift %3").arg(aSaf).arg(aVar).arg(aDrift)));
    }

    void driftTowardMinIsWorseThanTowardMax()
    {
        DesignPoint dp = deviceMode(losslessBase(500), 0.0);
        dp.noise.drift = {1000, 1, 0.05, DriftMode::TowardMax, std::nullopt};
        const double toMax = accuracy(dp);
        dp.noise.drift.mode = DriftMode::TowardMin;
        const double toMin = accuracy(dp);
        QVERIFY2(toMin < toMax, qPrintable(QString("min %1 max %2").arg(toMin).arg(toMax)));
    }

    void oneAdcBitBelowLosslessCostsLittle()
    {
        DesignPoint dp = losslessBase(500);
        const double lossless = accuracy(dp);
        dp.precision.adc_bits = losslessAdcBits(dp) - 1;
        const double minus1 = accuracy(dp);
        dp.precision.adc_bits -= 2;
        const double minus3 = accuracy(dp);
        QVERIFY2(lossless - minus1 <= 0.01, qPrintable(QString("%1 vs %2").arg(lossless).arg(minus1)));
        QVERIFY(minus3 < minus1 - 0.05);
    }

    void monteCarloStatisticsAndDeterminism()
    {
        DesignPoint dp = deviceMode(losslessBase(300), 0.3);
        dp.evaluation.chips = 4;
        const int before = omp_get_max_threads();
        omp_set_num_threads(1);
        const cim::AccuracyReport one = cim::evaluateAccuracy(mlp_, test_, train_, dp);
        omp_set_num_threads(2);
        const cim::AccuracyReport two = cim::evaluateAccuracy(mlp_, test_, train_, dp);
        omp_set_num_threads(before);
        QCOMPARE(two.chip_accuracy, one.chip_accuracy);
        QCOMPARE(one.chip_accuracy.size(), size_t(4));
        QVERIFY(one.accuracy_std > 0);   // the chips really differ
        double mean = 0;
        for (double a : one.chip_accuracy)
            mean += a / 4;
        QVERIFY(std::abs(mean - one.accuracy) < 1e-12);
        QVERIFY(std::abs(one.accuracy_ci95 - 3.182 * one.accuracy_std / 2.0) < 1e-9);   // t(3) = 3.182
        dp.evaluation.seed = 99;
        QVERIFY(cim::evaluateAccuracy(mlp_, test_, train_, dp).chip_accuracy != one.chip_accuracy);
    }

    void bitStatisticsFeedThePpaEnergy()
    {
        const cim::AccuracyReport r = cim::evaluateAccuracy(mlp_, test_, train_, losslessBase(200));
        QCOMPARE(r.layers.size(), size_t(2));
        for (const LayerActivity& a : r.layers) {
            QVERIFY(a.input_bit_density > 0.0 && a.input_bit_density < 1.0);
            QVERIFY(a.weight_level_mean > 0.0 && a.weight_level_mean < 1.0);
        }
        const LayerTable net = cim::layerTableFromModel(mlp_, "mlp");
        QCOMPARE(net.layers.size(), r.layers.size());   // one PPA layer per simulated layer
        const PpaReport measured = estimateChip(net, losslessBase(200), MeasuredActivity(r.layers));
        const PpaReport stated = estimateChip(net, losslessBase(200));
        QVERIFY(measured.energy_pj != stated.energy_pj);
        QCOMPARE(measured.tops, stated.tops);
    }
};

QTEST_APPLESS_MAIN(TestAccuracy)
#include "tst_accuracy.moc"
