// ADC circuit errors (docs/simulation.md, "ADC circuit errors"): a SAR with nominal capacitors is the
// ideal quantizer; drawn errors have the closed-form statistics of their model (offset per shared
// ADC, gain per column, mid-code DNL σ_unit·√(2^B − 1), comparator noise's flip probability, the
// INL bow); zero widths equal no errors; the per-column tables, the device tables and the row-by-row
// reads agree; error grows with the widths; the same seed gives the same numbers for any thread
// count; bad combinations are refused at their key.
#include "CimLayerChecks.h"
#include "cim/AdcErrors.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace kh;
using namespace kh::cim;

namespace {

using Problem = test::LayerProblem;

Problem makeProblem(unsigned seed) { return test::randomLayerProblem(12, 300, 6, -128, 127, 255, 3, seed); }

// 2-bit cells, bit-serial 8-bit inputs, 64 rows in parallel, a lossless clip SAR ADC.
DesignPoint adcPoint()
{
    DesignPoint dp;
    dp.array.rows = 128;
    dp.array.cols = 64;
    dp.array.parallel_rows = 64;
    dp.array.cols_per_adc = 8;
    dp.device.cell_bits = 2;
    dp.precision.weight_bits = 8;
    dp.precision.input_bits = 8;
    dp.precision.dac_bits = 1;
    dp.precision.adc_type = AdcType::Sar;
    dp.mapping.input_encoding = InputEncoding::BitSerial;
    dp.precision.adc_bits = losslessAdcBits(dp);
    return dp;
}

double sampleStd(const std::vector<double>& v)
{
    double mean = 0, var = 0;
    for (double x : v)
        mean += x;
    mean /= double(v.size());
    for (double x : v)
        var += (x - mean) * (x - mean);
    return std::sqrt(var / double(v.size() - 1));
}

double meanAbsError(const std::vector<double>& y, const std::vector<std::int64_t>& exact)
{
    double e = 0;
    for (size_t i = 0; i < y.size(); ++i)
        e += std::fabs(y[i] - double(exact[i]));
    return e / double(y.size());
}

} // namespace

class TestAdcErrors : public QObject {
    Q_OBJECT
private slots:
    void nominalSarIsTheIdealQuantizer()
    {
        // Capacitors a hair from nominal: successive approximation must round and clamp exactly
        // as the ideal clip and linear quantizers do, over the whole range and beyond it.
        for (AdcMode mode : {AdcMode::Clip, AdcMode::Linear}) {
            DesignPoint dp = adcPoint();
            dp.precision.adc_bits = 5;
            dp.precision.adc_mode = mode;
            dp.noise.adc_errors.cap_mismatch_sigma = 1e-13;
            const AdcQuantizer adc(mode, 5, maxPartialSum(dp));
            const AdcErrors errors(dp, adc, 16, 1);
            QVERIFY(errors.active());
            for (double v = -3.0; v < double(maxPartialSum(dp)) + 5.0; v += 0.0371)
                QCOMPARE(errors.convert(adc, v, 3, 0), adc(v));
        }
    }

    void offsetIsSharedByTheColumnsOfOneAdc()
    {
        DesignPoint dp = adcPoint();
        dp.noise.adc_errors.offset_sigma_lsb = 0.7;
        const AdcQuantizer adc(AdcMode::Clip, dp.precision.adc_bits, maxPartialSum(dp));
        const int columns = 64 * 200;   // 200 arrays, 8 ADCs each
        const AdcErrors errors(dp, adc, columns, 9);
        std::vector<double> perAdc;
        for (int c = 0; c < columns; ++c) {
            if (c % 8 == 0)
                perAdc.push_back(errors.columnOffsetLsb(c));
            else
                QCOMPARE(errors.columnOffsetLsb(c), errors.columnOffsetLsb(c - c % 8));
            QCOMPARE(errors.columnGain(c), 0.0);
        }
        // 1600 ADCs: the sample σ lies within 5 % of 0.7 (its relative s.e. is 1/√3200 ≈ 1.8 %).
        QVERIFY2(std::fabs(sampleStd(perAdc) / 0.7 - 1.0) < 0.05, qPrintable(QString::number(sampleStd(perAdc))));
        // Another chip draws other offsets.
        QVERIFY(AdcErrors(dp, adc, columns, 10).columnOffsetLsb(0) != errors.columnOffsetLsb(0));
    }

    void gainAndColumnOffsetArePerColumn()
    {
        DesignPoint dp = adcPoint();
        dp.noise.adc_errors.gain_sigma = 0.02;
        dp.noise.adc_errors.column_offset_sigma_lsb = 0.3;
        const AdcQuantizer adc(AdcMode::Clip, dp.precision.adc_bits, maxPartialSum(dp));
        const int columns = 4000;
        const AdcErrors errors(dp, adc, columns, 2);
        std::vector<double> gains, offsets;
        for (int c = 0; c < columns; ++c) {
            gains.push_back(errors.columnGain(c));
            offsets.push_back(errors.columnOffsetLsb(c));
        }
        QVERIFY(std::fabs(sampleStd(gains) / 0.02 - 1.0) < 0.05);
        QVERIFY(std::fabs(sampleStd(offsets) / 0.3 - 1.0) < 0.05);
        // The conversion applies them: round(v·(1 + g) + o).
        for (int c : {0, 7, 123}) {
            const double v = 57.3;
            const double expected = std::clamp(std::round(v * (1 + errors.columnGain(c)) + errors.columnOffsetLsb(c)), 0.0,
                                               double(adc.levels() - 1));
            QCOMPARE(errors.convert(adc, v, c, 0), expected);
        }
    }

    void sarMidCodeDnlHasItsClosedFormSpread()
    {
        // The mid-scale code is as wide as w_(B−1) − Σ_(i<B−1) w_i LSB (nominal 1). Capacitor i
        // of 2^i units has variance σ²·2^i, so the width's σ is σ_unit·√(2^B − 1).
        DesignPoint dp = adcPoint();
        dp.precision.adc_bits = 8;
        const double sigma = 0.004;
        dp.noise.adc_errors.cap_mismatch_sigma = sigma;
        dp.array.cols_per_adc = 1;
        const AdcQuantizer adc(AdcMode::Clip, 8, maxPartialSum(dp));
        const int columns = 4000;
        const AdcErrors errors(dp, adc, columns, 5);
        std::vector<double> widths;
        for (int c = 0; c < columns; ++c) {
            const std::vector<double> w = errors.sarWeights(c);
            QCOMPARE(int(w.size()), 8);
            double lower = 0;
            for (int i = 0; i < 7; ++i)
                lower += w[size_t(i)];
            widths.push_back(w[7] - lower);
        }
        const double expected = sigma * std::sqrt(255.0);
        QVERIFY2(std::fabs(sampleStd(widths) / expected - 1.0) < 0.06,
                 qPrintable(QString("%1 vs %2").arg(sampleStd(widths)).arg(expected)));
        // The converter's own mid-scale transition sits where the weights put it.
        const std::vector<double> w = errors.sarWeights(0);
        const double threshold = w[7] - 0.5;
        QCOMPARE(errors.convert(adc, threshold + 1e-9, 0, 0), 128.0);
        QVERIFY(errors.convert(adc, threshold - 1e-9, 0, 0) <= 127.0);
    }

    void comparatorNoiseFlipsCodesAsTheNormalTailSays()
    {
        // An input on a code centre with σ = 0.5 LSB leaves its code when |noise| > 0.5:
        // probability 2·(1 − Φ(1)) = 0.3173.
        DesignPoint dp = adcPoint();
        dp.noise.adc_errors.noise_sigma_lsb = 0.5;
        const AdcQuantizer adc(AdcMode::Clip, dp.precision.adc_bits, maxPartialSum(dp));
        const AdcErrors errors(dp, adc, 8, 3);
        QVERIFY(!errors.isStatic());
        const int draws = 40000;
        int flipped = 0;
        for (int k = 0; k < draws; ++k)
            flipped += errors.convert(adc, 40.0, 1, errors.noiseKey(std::uint64_t(k))) != 40.0;
        const double p = double(flipped) / draws;
        QVERIFY2(std::fabs(p - 0.3173) < 0.01, qPrintable(QString::number(p)));
        // The same conversion key gives the same code.
        QCOMPARE(errors.convert(adc, 40.0, 1, 77), errors.convert(adc, 40.0, 1, 77));
    }

    void inlBowPeaksAtMidScale()
    {
        DesignPoint dp = adcPoint();
        dp.precision.adc_bits = 6;
        dp.precision.adc_mode = AdcMode::Linear;
        dp.noise.adc_errors.inl_lsb = 2.0;
        const AdcQuantizer adc(AdcMode::Linear, 6, maxPartialSum(dp));
        const AdcErrors errors(dp, adc, 8, 3);
        const double lsb = adc.lsb(), top = double(adc.levels() - 1);
        QCOMPARE(errors.convert(adc, 0.0, 0, 0), 0.0);
        QCOMPARE(errors.convert(adc, top * lsb, 0, 0), top * lsb);
        const double mid = std::round(top / 2);
        QCOMPARE(errors.convert(adc, mid * lsb, 0, 0), (mid + 2.0) * lsb);
        // Elsewhere the bow is 4·INL·x·(1 − x) of the fraction x of full scale.
        for (double q : {5.0, 16.0, 40.0, 60.0}) {
            const double x = q / top;
            QCOMPARE(errors.convert(adc, q * lsb, 0, 0), std::round(q + 8.0 * x * (1.0 - x)) * lsb);
        }
    }

    void zeroWidthErrorsEqualNone()
    {
        const Problem p = makeProblem(1);
        DesignPoint dp = adcPoint();
        dp.precision.adc_bits -= 2;   // lossy on purpose: clipping must be identical too
        const std::vector<double> none = CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, false);
        // Capacitors a hair from nominal exercise the whole error path and change nothing.
        dp.noise.adc_errors.cap_mismatch_sigma = 1e-13;
        CimLayer layer(p.w, p.m, p.n, dp, 0);
        QCOMPARE(layer.run(p.x, p.batch, false), none);
        layer.setPackedReads(false);
        QCOMPARE(layer.run(p.x, p.batch, false), none);
    }

    void fastPathsEqualRowByRow()
    {
        // Static errors: per-column tables (none mode) and the device tables; with comparator
        // noise, conversion by conversion. Row-by-row reads must give the same numbers.
        const Problem p = makeProblem(2);
        for (int mode = 0; mode < 4; ++mode) {
            DesignPoint dp = adcPoint();
            dp.noise.adc_errors.offset_sigma_lsb = 0.6;
            dp.noise.adc_errors.gain_sigma = 0.01;
            dp.noise.adc_errors.cap_mismatch_sigma = 0.01;
            if (mode & 1)
                dp.noise.adc_errors.noise_sigma_lsb = 0.4;
            if (mode & 2) {
                dp.noise.mode = NoiseMode::Device;
                dp.device.mem_states = {{1e-6, 5e-8}, {2e-6, 1e-7}, {3e-6, 1e-7}, {4e-6, 2e-7}};
            }
            CimLayer layer(p.w, p.m, p.n, dp, 4);
            const std::vector<double> fast = layer.run(p.x, p.batch, false);
            layer.setPackedReads(false);
            QVERIFY2(layer.run(p.x, p.batch, false) == fast, qPrintable(QString("case %1").arg(mode)));
        }
    }

    void errorGrowsWithEveryWidth()
    {
        const Problem p = makeProblem(3);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        auto errorWith = [&](auto set, std::vector<double> scales = {1.0, 2.0, 4.0, 8.0}) {
            double last = 0;
            for (double scale : scales) {
                DesignPoint dp = adcPoint();
                set(dp.noise.adc_errors, scale);
                // Mean over chips: a handful of ADCs serve the layer, so one chip's draw is noisy.
                double e = 0;
                for (std::uint64_t chip = 0; chip < 8; ++chip)
                    e += meanAbsError(CimLayer(p.w, p.m, p.n, dp, chip).run(p.x, p.batch, false), exact) / 8;
                if (!(e > last)) {
                    qWarning("scale %g: error %g after %g", scale, e, last);
                    return false;
                }
                last = e;
            }
            return true;
        };
        QVERIFY(errorWith([](AdcErrorSpec& e, double s) { e.offset_sigma_lsb = 0.3 * s; }));
        QVERIFY(errorWith([](AdcErrorSpec& e, double s) { e.noise_sigma_lsb = 0.3 * s; }));
        QVERIFY(errorWith([](AdcErrorSpec& e, double s) { e.gain_sigma = 0.01 * s; }));
        QVERIFY(errorWith([](AdcErrorSpec& e, double s) { e.column_offset_sigma_lsb = 0.3 * s; }));
        QVERIFY(errorWith([](AdcErrorSpec& e, double s) { e.cap_mismatch_sigma = 0.03 * s; }));
        // The bow is the same in every ADC, so data and reference columns partly cancel: up to 3 LSB.
        QVERIFY(errorWith([](AdcErrorSpec& e, double s) { e.inl_lsb = 0.75 * s; }, {1.0, 2.0, 4.0}));
    }

    void sameSeedSameNumbersForAnyThreadCount()
    {
        DesignPoint dp = adcPoint();
        dp.noise.adc_errors.offset_sigma_lsb = 0.5;
        dp.noise.adc_errors.noise_sigma_lsb = 0.5;
        dp.noise.adc_errors.cap_mismatch_sigma = 0.01;
        QVERIFY(test::sameNumbersForAnyThreadCount(makeProblem(4), dp));
    }

    void linearRangeCalibratesToTheObservedSums()
    {
        // A 5-bit linear ADC over P_max wastes levels on sums that never occur: calibrated to the
        // largest (or the 99th percentile) partial sum of the first batch, its LSB shrinks to that
        // range / 31, and the outputs come closer to the exact product.
        const Problem p = makeProblem(5);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        DesignPoint dp = adcPoint();
        dp.precision.adc_bits = 5;
        dp.precision.adc_mode = AdcMode::Linear;
        CimLayer full(p.w, p.m, p.n, dp, 0);
        full.calibrateAdc(p.x, p.batch, false);   // a no-op for the full range
        QCOMPARE(full.adc().lsb(), double(maxPartialSum(dp)) / 31.0);
        const double errFull = meanAbsError(full.run(p.x, p.batch, false), exact);
        dp.precision.adc_range = AdcRange::Max;
        CimLayer byMax(p.w, p.m, p.n, dp, 0);
        byMax.calibrateAdc(p.x, p.batch, false);
        // The largest ideal partial sum of those vectors, by brute force.
        long long largest = 0;
        for (int b = 0; b < p.batch; ++b)
            for (int bit = 0; bit < 8; ++bit)
                for (int c = 0; c < byMax.encoded().columns; ++c)
                    for (int b0 = 0; b0 < p.n; b0 += dp.array.parallel_rows) {
                        long long sum = 0;
                        for (int r = b0; r < std::min(p.n, b0 + dp.array.parallel_rows); ++r)
                            sum += ((p.x[size_t(b * p.n + r)] >> bit) & 1) * byMax.encoded().at(r, c);
                        largest = std::max(largest, sum);
                    }
        QCOMPARE(byMax.adc().lsb(), std::max(1.0, double(largest) / 31.0));
        QVERIFY(byMax.adc().lsb() < full.adc().lsb());
        const double errMax = meanAbsError(byMax.run(p.x, p.batch, false), exact);
        QVERIFY2(errMax < errFull, qPrintable(QString("%1 vs %2").arg(errMax).arg(errFull)));
        dp.precision.adc_range = AdcRange::Percentile;
        dp.precision.adc_range_percentile = 99;
        CimLayer byPercentile(p.w, p.m, p.n, dp, 0);
        byPercentile.calibrateAdc(p.x, p.batch, false);
        QVERIFY(byPercentile.adc().lsb() <= byMax.adc().lsb());
        // Only for uniform levels.
        try {
            designPointFromJson({{"precision", {{"adc_range", "max"}}}});
            QFAIL("adc_range with a clip ADC was accepted");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.key()), QString("precision.adc_range"));
        }
    }

    void designPointRefusesBadCombinations()
    {
        const auto refusal = test::designPointRefusal;
        const nlohmann::json flash = {{"precision", {{"adc_type", "flash"}}}, {"noise", {{"adc_errors", {{"cap_mismatch_sigma", 0.01}}}}}};
        QVERIFY(refusal(flash).find("noise.adc_errors.cap_mismatch_sigma") != std::string::npos);
        const nlohmann::json nonlinear = {{"precision", {{"adc_type", "sar"}, {"adc_mode", "nonlinear"}}},
                                          {"noise", {{"adc_errors", {{"cap_mismatch_sigma", 0.01}}}}}};
        QVERIFY(refusal(nonlinear).find("noise.adc_errors.cap_mismatch_sigma") != std::string::npos);
        const nlohmann::json negative = {{"noise", {{"adc_errors", {{"offset_sigma_lsb", -0.1}}}}}};
        QVERIFY(refusal(negative).find("noise.adc_errors.offset_sigma_lsb") != std::string::npos);
        const nlohmann::json ok = {{"precision", {{"adc_type", "sar"}}},
                                   {"noise", {{"adc_errors", {{"cap_mismatch_sigma", 0.01}, {"noise_sigma_lsb", 0.3}}}}}};
        QCOMPARE(refusal(ok), std::string());
        const DesignPoint back = designPointFromJson(designPointToJson(designPointFromJson(ok)));
        QCOMPARE(back.noise.adc_errors.cap_mismatch_sigma, 0.01);
        QCOMPARE(back.noise.adc_errors.noise_sigma_lsb, 0.3);
    }
};

QTEST_APPLESS_MAIN(TestAdcErrors)
#include "tst_adc_errors.moc"
