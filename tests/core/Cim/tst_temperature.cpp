// Conductance against temperature (docs/simulation.md, "Temperature"): the scaling's closed forms
// (metallic G_max, Arrhenius G_min, log interpolation between), identity at 300 K, a layer's error
// growing with the distance from 300 K, drift compensation taking back the systematic part, the
// same numbers for any thread count, and refusals at their key.
#include "CimLayerChecks.h"
#include "cim/TemperatureScaling.h"

#include <QTest>

#include <cmath>

using namespace kh;
using namespace kh::cim;

namespace {

// 2-bit RRAM cells from 1/(6 kΩ·17) to 1/6 kΩ, bit-serial inputs, a lossless ADC: every error
// is the cells' own.
DesignPoint hotPoint(double temperatureK, double tcr, double ea)
{
    DesignPoint dp;
    dp.device.cell_bits = 2;
    dp.array.parallel_rows = 64;
    dp.precision.dac_bits = 1;
    dp.mapping.weight_encoding = WeightEncoding::Differential;
    dp.precision.adc_bits = 10;
    dp.noise.mode = NoiseMode::Device;
    dp.technology.temperature_k = temperatureK;
    dp.noise.g_on_tcr_per_k = tcr;
    dp.noise.g_off_activation_ev = ea;
    return dp;
}

double relativeError(const test::LayerProblem& p, const DesignPoint& dp)
{
    const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
    const std::vector<double> y = test::runLayer(p, dp, 1);
    double e = 0, ref = 0;
    for (size_t i = 0; i < y.size(); ++i) {
        e += (y[i] - double(exact[i])) * (y[i] - double(exact[i]));
        ref += double(exact[i]) * double(exact[i]);
    }
    return std::sqrt(e / ref);
}

} // namespace

class TestTemperature : public QObject {
    Q_OBJECT
private slots:
    void scalingFollowsItsClosedForms()
    {
        NoiseSpec n;
        n.g_on_tcr_per_k = 1e-3;
        n.g_off_activation_ev = 0.1;
        const double gMin = 1e-6, gMax = 1e-4, T = 360;
        const TemperatureScaling s(n, T, gMin, gMax);
        QVERIFY(s.active());
        const double on = 1.0 / (1.0 + 1e-3 * 60.0);
        const double off = std::exp(-0.1 / 8.617333262e-5 * (1.0 / 360.0 - 1.0 / 300.0));   // ≈ 1.9: hotter conducts more
        QVERIFY(std::fabs(s.factor(gMax) - on) < 1e-12);
        QVERIFY(std::fabs(s.factor(gMin) - off) < 1e-12);
        QVERIFY(off > 1.85 && off < 1.95);
        // Halfway in log G the factor is the geometric mean; outside the range the end values.
        QVERIFY(std::fabs(s.factor(1e-5) - std::sqrt(on * off)) < 1e-12);
        QVERIFY(std::fabs(s.factor(1e-7) - off) < 1e-12);
        QVERIFY(std::fabs(s.factor(0.0) - off) < 1e-12);
        QVERIFY(std::fabs(s(gMax) - gMax * on) < 1e-18);
        // At 300 K, or with both coefficients 0, every conductance is unchanged.
        QVERIFY(!TemperatureScaling(n, 300, gMin, gMax).active());
        QCOMPARE(TemperatureScaling(NoiseSpec{}, 400, gMin, gMax)(gMin), gMin);
    }

    void aLayerLosesMoreFurtherFrom300K()
    {
        const test::LayerProblem p = test::randomLayerProblem(16, 256, 8, -128, 127, 255, 3, 5);
        // At 300 K the coefficients change nothing: the same numbers as without them.
        QCOMPARE(test::runLayer(p, hotPoint(300, 1e-3, 0.15), 1), test::runLayer(p, hotPoint(300, 0, 0), 1));
        double last = relativeError(p, hotPoint(300, 1e-3, 0.15));
        for (double T : {320.0, 350.0, 400.0}) {
            const double e = relativeError(p, hotPoint(T, 1e-3, 0.15));
            QVERIFY2(e > last, qPrintable(QString("%1 K: %2 after %3").arg(T).arg(e).arg(last)));
            last = e;
        }
        // Cooler than 300 K moves the states the other way, and loses too.
        QVERIFY(relativeError(p, hotPoint(250, 1e-3, 0.15)) > relativeError(p, hotPoint(300, 1e-3, 0.15)));
        // The reference read at programming (300 K; drift compensation per column) takes back the
        // common gain of a metallic filament's loss. It cannot take back G_off's thermally activated
        // rise, an offset: a gain correction then makes it worse (documented).
        DesignPoint metallic = hotPoint(400, 1e-3, 0), compensated = metallic;
        compensated.noise.drift_compensation = DriftCompensation::Column;
        QVERIFY2(relativeError(p, compensated) < 0.8 * relativeError(p, metallic),
                 qPrintable(QString("%1 against %2").arg(relativeError(p, compensated)).arg(relativeError(p, metallic))));
        DesignPoint noisy = hotPoint(350, 1e-3, 0.15);   // read noise: chips differ
        noisy.noise.read_noise_rel = 0.01;
        QVERIFY(test::sameNumbersForAnyThreadCount(p, noisy));
    }

    void badValuesAreRefusedAtTheirKey()
    {
        const std::string noDevice = test::designPointRefusal({{"noise", {{"g_off_activation_ev", 0.1}}}});
        QVERIFY2(noDevice.find("noise.g_off_activation_ev") != std::string::npos && noDevice.find("device") != std::string::npos,
                 noDevice.c_str());
        const std::string negative = test::designPointRefusal(
            {{"technology", {{"temperature_k", 400}}}, {"noise", {{"mode", "device"}, {"g_on_tcr_per_k", -0.01}}}});
        QVERIFY2(negative.find("noise.g_on_tcr_per_k") != std::string::npos, negative.c_str());
        QCOMPARE(test::designPointRefusal({{"noise", {{"mode", "device"}, {"g_on_tcr_per_k", 1e-3}, {"g_off_activation_ev", 0.2}}}}),
                 std::string());
    }
};

QTEST_APPLESS_MAIN(TestTemperature)
#include "tst_temperature.moc"
