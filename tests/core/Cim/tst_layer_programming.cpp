// A layer's programming as the network hook and the fine-tuning graph share it
// (cim/LayerProgramming): the effective weights of a drawn chip are the linear map its reads
// apply (up to the ADC's rounding, bounded per read), for every weight encoding and with drift
// compensation; without device noise they are the weights; the hook's parts and seeds are the
// ones chipLayerWeights draws.
#include "cim/CimLayer.h"
#include "cim/CimNetworkHook.h"
#include "cim/LayerProgramming.h"
#include "common/InputError.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace kh;
using namespace kh::cim;

namespace {
DesignPoint noisyPoint(WeightEncoding enc)
{
    DesignPoint dp;
    dp.array.rows = dp.array.parallel_rows = 32;
    dp.array.cols = 32;
    dp.precision.weight_bits = 4;
    dp.precision.input_bits = 4;
    dp.precision.dac_bits = 4;   // one read per input vector: the ADC rounds once per column
    dp.mapping.input_encoding = InputEncoding::Dac;
    dp.precision.adc_bits = 12;
    dp.mapping.weight_encoding = enc;
    dp.noise.mode = NoiseMode::Device;
    dp.device.mem_states = {{1e-5, 1e-6}, {1.7e-4, 5.1e-5}};   // 30 % spread of G_on
    dp.noise.saf.p_stuck_min = 0.03;
    dp.noise.saf.p_stuck_max = 0.03;
    return dp;
}

std::vector<std::int64_t> randomInts(size_t n, int lo, int hi, unsigned seed)
{
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> d(lo, hi);
    std::vector<std::int64_t> v(n);
    for (auto& x : v)
        x = d(rng);
    return v;
}
} // namespace

class TestLayerProgramming : public QObject {
    Q_OBJECT
private slots:
    void effectiveWeightsAreTheChipsLinearMap_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("compensated");
        QTest::newRow("offset") << int(WeightEncoding::Offset) << false;
        QTest::newRow("differential") << int(WeightEncoding::Differential) << false;
        QTest::newRow("twos_complement") << int(WeightEncoding::TwosComplement) << false;
        QTest::newRow("neurosim_shift") << int(WeightEncoding::NeuroSimShift) << false;
        QTest::newRow("differential, drift compensated per column") << int(WeightEncoding::Differential) << true;
    }
    // y_int of the simulated reads against W_eff · x: within Σ|coef| · 0.5 (one rounding per
    // column read, unsigned inputs), while the nominal W · x is far off (the noise is visible).
    void effectiveWeightsAreTheChipsLinearMap()
    {
        QFETCH(int, encoding);
        QFETCH(bool, compensated);
        DesignPoint dp = noisyPoint(WeightEncoding(encoding));
        if (compensated) {
            // Toward G_max: no cell falls below the reference g_0, so no read is clipped at 0.
            dp.noise.drift = {1e4, 1, 0.05, DriftMode::TowardMax, std::nullopt};
            dp.noise.drift_compensation = DriftCompensation::Column;
        }
        const int out = 6, in = 29, batch = 20;
        const std::vector<std::int64_t> w = randomInts(size_t(out) * in, -7, 7, 3), x = randomInts(size_t(batch) * in, 0, 15, 4);
        const std::uint64_t chip = 77;
        const CimLayer layer(w, out, in, dp, chip);
        const std::vector<double> y = layer.run(x, batch, false);
        const std::vector<double> eff = effectiveWeights(w, out, in, dp, chip);
        const std::vector<double>& scales = layer.driftCompensation();
        QCOMPARE(scales.empty(), !compensated);
        double worstEffective = 0, worstNominal = 0;
        for (int b = 0; b < batch; ++b)
            for (int m = 0; m < out; ++m) {
                double bound = 0;
                for (const OutputTerm& t : layer.encoded().terms[size_t(m)])
                    bound += 0.5 * std::abs(t.coef) * (scales.empty() ? 1.0 : scales[size_t(t.column)]);
                double ye = 0, yn = 0;
                for (int k = 0; k < in; ++k) {
                    ye += eff[size_t(m) * in + size_t(k)] * double(x[size_t(b) * in + size_t(k)]);
                    yn += double(w[size_t(m) * in + size_t(k)] * x[size_t(b) * in + size_t(k)]);
                }
                const double got = y[size_t(b) * out + size_t(m)];
                worstEffective = std::max(worstEffective, std::abs(got - ye) / bound);
                worstNominal = std::max(worstNominal, std::abs(got - yn) / bound);
            }
        QVERIFY2(worstEffective <= 1.0 + 1e-9, qPrintable(QString("worst |y - W_eff x| / bound = %1").arg(worstEffective)));
        QVERIFY2(worstNominal > 3.0, qPrintable(QString("the noise must show: worst |y - W x| / bound = %1").arg(worstNominal)));
    }

    void withoutDeviceNoiseTheEffectiveWeightsAreTheWeights()
    {
        DesignPoint dp = noisyPoint(WeightEncoding::Offset);
        dp.noise.mode = NoiseMode::None;
        const std::vector<std::int64_t> w = randomInts(40, -7, 7, 9);
        const std::vector<double> eff = effectiveWeights(w, 5, 8, dp, 3);
        for (size_t k = 0; k < w.size(); ++k)
            QCOMPARE(eff[k], double(w[k]));
    }

    // The network hook programs the parts chipLayerWeights draws: a novel-mapped 2×2 conv's
    // outputs are scale_x · W_chip · x within the ADC's rounding, and another chip differs.
    void theHookReadsTheChipLayerWeights()
    {
        DesignPoint dp = noisyPoint(WeightEncoding::Differential);
        dp.mapping.conv = ConvMapping::Novel;
        nn::LinearLayerInfo layer;
        layer.index = 0;
        layer.name = "conv";
        layer.conv = true;
        layer.cin = 7;
        layer.kh = layer.kw = 2;
        layer.in = 28;
        layer.out = 5;
        std::mt19937 rng(1);
        std::normal_distribution<float> g(0.0f, 1.0f);
        std::vector<float> w(size_t(layer.out) * layer.in);
        for (float& v : w)
            v = g(rng);
        layer.weight = w.data();
        LayerInputRange range;
        range.max_abs = 15;   // input scale 1: the codes are the inputs
        const std::uint64_t chip = 4;
        CimNetworkHook hook(dp, {range}, chip);
        const int rows = 12;
        std::vector<float> x(size_t(rows) * layer.in);
        const std::vector<std::int64_t> xi = randomInts(x.size(), 0, 15, 2);
        for (size_t k = 0; k < x.size(); ++k)
            x[k] = float(xi[k]);
        std::vector<float> y(size_t(rows) * layer.out);
        hook.matmul(layer, x.data(), rows, y.data());
        const std::vector<float> chipW = chipLayerWeights(layer, dp, chip), otherW = chipLayerWeights(layer, dp, chip + 1);
        const QuantizedLayerWeights q = quantizeLayerWeights(w.data(), layer.out, layer.in, dp.precision.weight_bits, layer.name);
        double worst = 0, other = 0;
        for (int r = 0; r < rows; ++r)
            for (int m = 0; m < layer.out; ++m) {
                double ye = 0, yo = 0;
                for (int k = 0; k < layer.in; ++k) {
                    ye += double(chipW[size_t(m) * layer.in + size_t(k)]) * double(x[size_t(r) * layer.in + size_t(k)]);
                    yo += double(otherW[size_t(m) * layer.in + size_t(k)]) * double(x[size_t(r) * layer.in + size_t(k)]);
                }
                // 4 parts × (7 + 7 coefficients: 3 slices per side) × 0.5 LSB, in weight units.
                const double bound = 4 * 2 * 7 * 0.5 * q.scale[size_t(m)];
                worst = std::max(worst, std::abs(double(y[size_t(r) * layer.out + size_t(m)]) - ye) / bound);
                other = std::max(other, std::abs(double(y[size_t(r) * layer.out + size_t(m)]) - yo) / bound);
            }
        QVERIFY2(worst <= 1.0 + 1e-5, qPrintable(QString("worst = %1").arg(worst)));
        QVERIFY2(other > 1.0, qPrintable(QString("another chip must read otherwise: %1").arg(other)));
    }

    // The input grid and the digital layers, as the hook and the training graph both read them.
    void inputGridsAndDigitalLayers()
    {
        PrecisionSpec p;
        p.input_bits = 4;
        LayerInputRange r;
        r.max_abs = 3.0;
        InputGrid g = inputGrid(r, p);
        QVERIFY(!g.signedInputs);
        QCOMPARE(g.lo, 0.0);
        QCOMPARE(g.hi, 15.0);
        QCOMPARE(g.scale, 0.2);
        r.non_negative = false;
        g = inputGrid(r, p);
        QVERIFY(g.signedInputs);
        QCOMPARE(g.lo, -7.0);
        QCOMPARE(g.hi, 7.0);
        QCOMPARE(g.scale, 3.0 / 7);
        DesignPoint dp;
        QVERIFY(!layerIsDigital(0, dp, 3));
        QVERIFY(layerIsDigital(3, dp, 3));   // no calibrated range
        dp.mapping.first_layer_digital = true;
        QVERIFY(layerIsDigital(0, dp, 3));
        QVERIFY(!layerIsDigital(1, dp, 3));
    }

    void quantizationIsPerChannelAndRejectsNonFiniteWeights()
    {
        const std::vector<float> w{0.5f, -1.0f, 0.25f, 4.0f, 2.0f, -1.0f};
        const QuantizedLayerWeights q = quantizeLayerWeights(w.data(), 2, 3, 4, "fc");
        QCOMPARE(q.scale[0], 1.0 / 7);
        QCOMPARE(q.scale[1], 4.0 / 7);
        QCOMPARE(q.q, (std::vector<std::int64_t>{4, -7, 2, 7, 4, -2}));   // round half away: 3.5 -> 4, 1.75 -> 2
        const std::vector<float> bad{1.0f, NAN};
        QVERIFY_THROWS_EXCEPTION(InputError, quantizeLayerWeights(bad.data(), 1, 2, 8, "fc"));
    }
};

QTEST_APPLESS_MAIN(TestLayerProgramming)
#include "tst_layer_programming.moc"
