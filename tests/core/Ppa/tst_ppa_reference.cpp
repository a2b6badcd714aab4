// The estimator against NeuroSim's measured VGG8 figures (docs/validation.md §1), plus golden values that
// pin this model's own results so an unintended model change shows up as a failing test.
#include "io/NetworkCsv.h"
#include "ppa/ChipEstimator.h"
#include "spec/DesignPointJson.h"

#include <QTest>

#include <cmath>

using namespace kh;

namespace {
struct Reference {
    const char* preset;
    double area_mm2, tops_per_w, tops;      // NeuroSim, docs/validation.md §1
    double gold_area, gold_topsw, gold_tops; // this model when the test was written
};
// Golden values: kirchhoff-cli ppa --network vgg8 --config <preset>, model of 2026-11-22.
const Reference kRefs[] = {
    {"neurosim_vgg8_rram22", 86.6, 20.8, 7.89, 68.9327, 14.7194, 8.97282},
    {"neurosim_vgg8_sram22", 79.7, 15.2, 7.72, 75.8305, 14.0734, 8.95825},
    {"neurosim_vgg8_sram5", 13.1, 44.4, 11.98, 10.7176, 38.5874, 16.1119},
};

PpaReport run(const char* preset)
{
    const LayerTable net = readNetworkCsv(std::string(KIRCHHOFF_TEST_PRESETS) + "/networks/vgg8.csv");
    const DesignPoint dp = loadDesignPointFile(std::string(KIRCHHOFF_TEST_PRESETS) + "/designs/" + preset + ".json");
    return estimateChip(net, dp);
}
} // namespace

class TestPpaReference : public QObject {
    Q_OBJECT
private slots:
    void withinToleranceOfNeuroSim_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < 3; ++i)
            QTest::newRow(kRefs[i].preset) << i;
    }
    void withinToleranceOfNeuroSim()
    {
        QFETCH(int, index);
        const Reference& ref = kRefs[index];
        const PpaReport r = run(ref.preset);
        const double ratios[3] = {r.area_mm2 / ref.area_mm2, r.tops_per_w / ref.tops_per_w, r.tops / ref.tops};
        int within25 = 0;
        for (double q : ratios) {
            QVERIFY2(q >= 1 / 1.5 && q <= 1.5, qPrintable(QString("ratio %1 outside a factor of 1.5").arg(q)));
            within25 += std::abs(q - 1.0) <= 0.25 ? 1 : 0;
        }
        QVERIFY2(within25 >= 2, qPrintable(QString("area %1, TOPS/W %2, TOPS %3").arg(ratios[0]).arg(ratios[1]).arg(ratios[2])));
    }

    void goldenValues_data() { withinToleranceOfNeuroSim_data(); }
    void goldenValues()
    {
        QFETCH(int, index);
        const Reference& ref = kRefs[index];
        const PpaReport r = run(ref.preset);
        // 0.5 %: room for floating-point reordering, none for a model change.
        auto near = [](double got, double want) { return std::abs(got / want - 1.0) < 0.005; };
        QVERIFY2(near(r.area_mm2, ref.gold_area), qPrintable(QString::number(r.area_mm2, 'g', 8)));
        QVERIFY2(near(r.tops_per_w, ref.gold_topsw), qPrintable(QString::number(r.tops_per_w, 'g', 8)));
        QVERIFY2(near(r.tops, ref.gold_tops), qPrintable(QString::number(r.tops, 'g', 8)));
    }

    void reportIsSelfConsistent()
    {
        const PpaReport r = run("neurosim_vgg8_rram22");
        QVERIFY(std::abs(r.ops_per_image - 1.232e9) < 1e6);   // NeuroSim's VGG8 count
        QVERIFY(std::abs(r.area_breakdown_mm2.total() - r.area_mm2) < 1e-9 * r.area_mm2);
        double layerEnergy = 0, layerOps = 0;
        for (const LayerReport& l : r.layers) {
            layerEnergy += l.energy_pj;
            layerOps += l.ops;
            QVERIFY(l.latency_ns > 0 && l.energy_pj > 0);
            QVERIFY(l.utilization > 0 && l.utilization <= 1.0 + 1e-12);
        }
        QVERIFY(std::abs(layerEnergy - r.energy_pj) < 1e-6 * r.energy_pj);
        QCOMPARE(layerOps, r.ops_per_image);
        QVERIFY(std::abs(r.tops - r.ops_per_image * r.fps * 1e-12) < 1e-9 * r.tops);
        QVERIFY(std::abs(r.tops_per_mm2 - r.tops / r.area_mm2) < 1e-12);
        QVERIFY(std::abs(r.tops_per_w - r.ops_per_image / (r.energy_pj + r.leakage_energy_pj)) < 1e-9 * r.tops_per_w);
        // Pipelined period is the slowest stage; the latency of one image is their sum.
        double slowest = 0;
        for (const LayerReport& l : r.layers)
            slowest = std::max(slowest, l.latency_ns);
        QVERIFY(r.period_ns >= slowest - 1e-9);
        QVERIFY(r.latency_ns >= r.period_ns);
        QVERIFY(r.floorplan.total_tiles > 0 && r.floorplan.utilization > 0.3 && r.floorplan.utilization <= 1.0);
    }
};

QTEST_APPLESS_MAIN(TestPpaReference)
#include "tst_ppa_reference.moc"
