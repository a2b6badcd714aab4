// docs/simulation.md invariants of the CIM operator: lossless ADC and no noise give the exact integer
// product for every encoding, cell bits, DAC bits, parallel rows and input signedness; noise of
// zero width equals no noise; the same seed gives the same numbers for any thread count.
#include "CimLayerChecks.h"
#include "cim/CimLayer.h"
#include "cim/ConductanceLut.h"
#include "cim/FastRound.h"
#include "cim/InputQuantizer.h"
#include "cim/ReadKernels.h"
#include "common/InputError.h"
#include "io/DeviceTables.h"

#include <QDir>
#include <QTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <random>

using namespace kh;
using namespace kh::cim;

namespace {
// Runs f once per instruction-set level of the read kernels this CPU has, then restores the best.
template <typename F>
void forEachSimdLevel(F f)
{
    using kernels::SimdLevel;
    for (SimdLevel level : {SimdLevel::Baseline, SimdLevel::Avx2, SimdLevel::Avx512}) {
        if (level > kernels::bestSimdLevel())
            break;
        kernels::setSimdLevel(level);
        f(kernels::simdLevelName(level));
    }
    kernels::setSimdLevel(kernels::bestSimdLevel());
}

struct Problem {
    int m = 12, n = 300, batch = 6;
    std::vector<std::int64_t> w, x;
};

Problem makeProblem(int weightBits, int inputBits, bool signedInputs, unsigned seed)
{
    Problem p;
    std::mt19937 rng(seed);
    const std::int64_t wlo = -(1LL << (weightBits - 1)), whi = (1LL << (weightBits - 1)) - 1;
    std::uniform_int_distribution<std::int64_t> wd(wlo, whi);
    const std::int64_t xlo = signedInputs ? -(1LL << (inputBits - 1)) : 0;
    const std::int64_t xhi = signedInputs ? (1LL << (inputBits - 1)) - 1 : (1LL << inputBits) - 1;
    std::uniform_int_distribution<std::int64_t> xd(xlo, xhi);
    for (int i = 0; i < p.m * p.n; ++i)
        p.w.push_back(wd(rng));
    for (int i = 0; i < p.batch * p.n; ++i)
        p.x.push_back(i % 5 == 0 ? 0 : xd(rng));   // some zeros, as after ReLU
    // The extremes must appear: they exercise the top slice and the sign bit.
    p.w[0] = wlo;
    p.w[1] = whi;
    p.x[1] = xhi;
    p.x[2] = xlo;
    return p;
}

DesignPoint losslessPoint(WeightEncoding enc, int cellBits, int dacBits, int parallelRows)
{
    DesignPoint dp;
    dp.array.rows = 128;
    dp.array.cols = 64;   // several column arrays, so reference columns are per array
    dp.array.parallel_rows = parallelRows;
    dp.device.cell_bits = cellBits;
    dp.precision.weight_bits = 8;
    dp.precision.input_bits = 8;
    dp.precision.dac_bits = dacBits;
    dp.mapping.input_encoding = dacBits == 1 ? InputEncoding::BitSerial : InputEncoding::Dac;
    dp.mapping.weight_encoding = enc;
    dp.precision.adc_bits = losslessAdcBits(dp);
    return dp;
}

// The design point of the fast-vs-row-by-row comparisons: two ADC bits below lossless, in 'adcMode'.
DesignPoint lossyPoint(int encoding, int cellBits, int dacBits, int parallelRows, int adcMode)
{
    DesignPoint dp = losslessPoint(WeightEncoding(encoding), cellBits, dacBits, parallelRows);
    dp.precision.adc_bits = std::max(1, dp.precision.adc_bits - 2);
    dp.precision.adc_mode = AdcMode(adcMode);
    return dp;
}

// The fast reads (popcount or tables) give exactly the row-by-row numbers at every kernel level.
void compareFastReadsWithRowByRow(CimLayer& layer, const std::vector<std::int64_t>& x, int batch, bool signedInputs)
{
    layer.setPackedReads(false);
    const std::vector<double> rows = layer.run(x, batch, signedInputs);
    layer.setPackedReads(true);
    forEachSimdLevel([&](const char* level) { QVERIFY2(layer.run(x, batch, signedInputs) == rows, level); });
}

bool equalsExact(const std::vector<double>& y, const std::vector<std::int64_t>& exact)
{
    for (size_t i = 0; i < y.size(); ++i)
        if (std::llround(y[i]) != exact[i] || std::fabs(y[i] - double(exact[i])) > 1e-6)
            return false;
    return true;
}
} // namespace

class TestCimInvariants : public QObject {
    Q_OBJECT
private slots:
    void vectorKernelLevelsAreDispatched()
    {
        // Every build GCC makes for x86-64, the sanitizer build included, must dispatch the vector
        // levels the CPU has: otherwise the hand-written kernels run in no test.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
        __builtin_cpu_init();
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
            QVERIFY(kernels::bestSimdLevel() >= kernels::SimdLevel::Avx2);
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vpopcntdq"))
            QCOMPARE(kernels::bestSimdLevel(), kernels::SimdLevel::Avx512);
        qInfo("kernel levels tested: baseline to %s", kernels::simdLevelName(kernels::bestSimdLevel()));
#else
        QSKIP("the vector kernel levels exist in GCC x86-64 builds only");
#endif
    }

    void losslessAdcGivesTheExactProduct_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<int>("cellBits");
        QTest::addColumn<int>("dacBits");
        QTest::addColumn<int>("parallelRows");
        QTest::addColumn<bool>("signedInputs");
        const char* encNames[] = {"offset", "differential", "twos", "neurosim_shift"};
        for (int e = 0; e < 4; ++e)
            for (int cb : {1, 2, 4, 8})
                for (int dac : {1, 2, 8})
                    for (int par : {16, 64, 128})
                        for (bool s : {false, true})
                            QTest::addRow("%s cb%d dac%d par%d %s", encNames[e], cb, dac, par, s ? "signed" : "unsigned")
                                << e << cb << dac << par << s;
    }
    void losslessAdcGivesTheExactProduct()
    {
        QFETCH(int, encoding);
        QFETCH(int, cellBits);
        QFETCH(int, dacBits);
        QFETCH(int, parallelRows);
        QFETCH(bool, signedInputs);
        const DesignPoint dp = losslessPoint(WeightEncoding(encoding), cellBits, dacBits, parallelRows);
        const Problem p = makeProblem(8, 8, signedInputs, unsigned(encoding * 1000 + cellBits * 100 + dacBits * 10 + parallelRows));
        CimLayer layer(p.w, p.m, p.n, dp, 0);
        QVERIFY(layer.adc().lossless());
        layer.setExactShortcut(false);   // emulate every read: this is what proves the invariant
        QVERIFY(!layer.usesExactShortcut());
        const std::vector<double> y = layer.run(p.x, p.batch, signedInputs);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        QVERIFY(equalsExact(y, exact));
        // ... which licenses the shortcut: the same numbers from one exact GEMM.
        layer.setExactShortcut(true);
        QVERIFY(layer.usesExactShortcut());
        QCOMPARE(layer.run(p.x, p.batch, signedInputs), y);
    }

    void packedReadsEqualRowByRow_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<int>("cellBits");
        QTest::addColumn<int>("dacBits");
        QTest::addColumn<int>("parallelRows");
        QTest::addColumn<int>("adcMode");
        QTest::addColumn<bool>("circuit");
        for (int e = 0; e < 4; ++e)
            for (int cb : {1, 2, 4})
                for (int dac : {1, 2})
                    for (int par : {16, 100, 128})   // 100: blocks that straddle 64-row words
                        for (int mode = 0; mode < 3; ++mode)
                            QTest::addRow("enc%d cb%d dac%d par%d adc%d", e, cb, dac, par, mode) << e << cb << dac << par << mode << (par == 100);
    }
    // Without device noise the bit-plane popcount kernel and the row-by-row reads are two ways of
    // computing the same integer partial sums: with a lossy ADC and with circuit noise too, at every
    // instruction-set level of the kernels this CPU has.
    void packedReadsEqualRowByRow()
    {
        QFETCH(int, encoding);
        QFETCH(int, cellBits);
        QFETCH(int, dacBits);
        QFETCH(int, parallelRows);
        QFETCH(int, adcMode);
        QFETCH(bool, circuit);
        DesignPoint dp = lossyPoint(encoding, cellBits, dacBits, parallelRows, adcMode);
        if (circuit) {
            dp.noise.mode = NoiseMode::Circuit;
            dp.noise.output_sigma = 0.7;
        }
        for (bool signedInputs : {false, true}) {
            const Problem p = makeProblem(8, 8, signedInputs, unsigned(encoding * 100 + cellBits * 10 + dacBits));
            CimLayer layer(p.w, p.m, p.n, dp, 7);
            layer.calibrateAdc(p.x, p.batch, signedInputs);
            compareFastReadsWithRowByRow(layer, p.x, p.batch, signedInputs);
        }
    }

    void tiledDeviceReadsEqualRowByRow_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<int>("cellBits");
        QTest::addColumn<int>("dacBits");
        QTest::addColumn<int>("parallelRows");
        QTest::addColumn<int>("adcMode");
        QTest::addColumn<bool>("readNoise");
        for (int e = 0; e < 4; ++e)
            for (int cb : {1, 2})
                for (int dac : {1, 2})
                    for (int par : {16, 100})
                        for (int mode = 0; mode < 3; ++mode)
                            QTest::addRow("enc%d cb%d dac%d par%d adc%d", e, cb, dac, par, mode) << e << cb << dac << par << mode << (mode != 2);
    }
    // With device noise the table kernel (4-row groups, 16-column tiles, groups of 16 vectors and
    // one) and the row-by-row reads sum the same fixed-point cells, exactly: identical numbers,
    // with variation, stuck cells, drift and read noise, across group, block and tile boundaries,
    // at every instruction-set level of the kernels this CPU has.
    void tiledDeviceReadsEqualRowByRow()
    {
        QFETCH(int, encoding);
        QFETCH(int, cellBits);
        QFETCH(int, dacBits);
        QFETCH(int, parallelRows);
        QFETCH(int, adcMode);
        QFETCH(bool, readNoise);
        DesignPoint dp = lossyPoint(encoding, cellBits, dacBits, parallelRows, adcMode);
        dp.noise.mode = NoiseMode::Device;
        for (int s = 0; s < (1 << cellBits); ++s)
            dp.device.mem_states.push_back({1e-6 * (1 + 3 * s), 1e-7 * (1 + s)});
        dp.noise.saf.p_stuck_min = 0.01;
        dp.noise.saf.p_stuck_max = 0.01;
        dp.noise.drift = {1e4, 1.0, 0.02, DriftMode::Random, std::nullopt};
        dp.noise.read_noise_rel = readNoise ? 0.02 : 0.0;
        for (bool signedInputs : {false, true}) {
            Problem p = makeProblem(8, 8, signedInputs, unsigned(encoding * 100 + cellBits * 10 + dacBits));
            for (int extra = 1; extra <= 2; ++extra) {
                const Problem q = makeProblem(8, 8, signedInputs, unsigned(extra));
                p.x.insert(p.x.end(), q.x.begin(), q.x.end());
            }
            const int batch = 3 * p.batch - 1;   // 17 vectors: a full group of 16 and a single one (no pair)
            p.x.resize(size_t(batch) * size_t(p.n));
            CimLayer layer(p.w, p.m, p.n, dp, 7);
            QVERIFY(layer.encoded().columns > 64 || cellBits > 1);
            layer.calibrateAdc(p.x, batch, signedInputs);
            compareFastReadsWithRowByRow(layer, p.x, batch, signedInputs);
        }
    }

    void everyAdcModeIsLosslessWithEnoughBits()
    {
        for (AdcMode mode : {AdcMode::Clip, AdcMode::Linear, AdcMode::Nonlinear}) {
            DesignPoint dp = losslessPoint(WeightEncoding::Offset, 2, 1, 64);
            dp.precision.adc_mode = mode;
            const Problem p = makeProblem(8, 8, false, 3);
            CimLayer layer(p.w, p.m, p.n, dp, 0);
            layer.setExactShortcut(false);
            layer.calibrateAdc(p.x, p.batch, false);
            QVERIFY(equalsExact(layer.run(p.x, p.batch, false), CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch)));
        }
    }

    // Issue 17: the drawn chip is held as 4-byte fixed-point cells (the tables are built per read),
    // plus the 1-byte nominal level every mode keeps; the integer weights go once no shortcut needs them.
    void deviceModeHoldsFiveBytesPerCell()
    {
        DesignPoint dp = losslessPoint(WeightEncoding::TwosComplement, 1, 1, 128);
        dp.noise.mode = NoiseMode::Device;
        dp.device.mem_states = {{1e-6, 5e-8}, {1e-5, 5e-7}};
        const Problem p = makeProblem(8, 8, false, 4);
        const CimLayer layer(p.w, p.m, p.n, dp, 1);
        const double cells = double(layer.encoded().inputs) * double(layer.encoded().columns);
        const double padded = double((layer.encoded().inputs + 3) / 4 * 4) * double((layer.encoded().columns + 15) / 16 * 16);
        // … and the ADC's output table over the partial sums 0 … P_max.
        QCOMPARE(double(layer.heldBytes()), 4.0 * padded + cells + 8.0 * double(layer.maxPartialSum() + 1));
    }

    void zeroWidthDeviceNoiseEqualsNone()
    {
        for (WeightEncoding enc : {WeightEncoding::Offset, WeightEncoding::Differential, WeightEncoding::TwosComplement}) {
            DesignPoint dp = losslessPoint(enc, 2, 1, 32);
            dp.precision.adc_bits = 5;   // lossy on purpose: clipping must be identical too
            const Problem p = makeProblem(8, 8, true, 11);
            const std::vector<double> none = CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, true);
            dp.noise.mode = NoiseMode::Device;   // evenly spaced states from r_on and on/off, sigma 0
            dp.device.on_off_ratio = 10;
            const std::vector<double> device = CimLayer(p.w, p.m, p.n, dp, 7).run(p.x, p.batch, true);
            QCOMPARE(device, none);
        }
    }

    void zeroWidthCircuitNoiseEqualsNone()
    {
        DesignPoint dp = losslessPoint(WeightEncoding::Offset, 1, 1, 16);
        dp.precision.adc_bits = 4;
        OutputNoiseTable table;
        table.columns = {"output", "mean", "std"};
        for (int level = 0; level <= 16; ++level)
            table.rows.push_back({level, double(level), 0.0});
        const QString path = QDir::temp().filePath("kh_zero_output_noise.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(formatOutputNoiseCsv(table)));
        f.close();
        const Problem p = makeProblem(8, 8, false, 5);
        const std::vector<double> none = CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, false);
        dp.noise.mode = NoiseMode::Circuit;
        dp.noise.output_noise_path = path.toStdString();
        QCOMPARE(CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, false), none);
        // The same table inline in the design point.
        dp.noise.output_noise_path.clear();
        dp.noise.output_noise = table.rows;
        QCOMPARE(CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, false), none);
    }

    void circuitSigmaAddsErrorThatGrowsWithSigma()
    {
        DesignPoint dp = losslessPoint(WeightEncoding::Offset, 1, 1, 32);
        const Problem p = makeProblem(8, 8, false, 61);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        dp.noise.mode = NoiseMode::Circuit;
        double last = -1;
        for (double sigma : {0.3, 1.0, 3.0}) {
            dp.noise.output_sigma = sigma;
            const std::vector<double> y = CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, false);
            double e = 0;
            for (size_t i = 0; i < y.size(); ++i)
                e += std::fabs(y[i] - double(exact[i]));
            QVERIFY(e > last);
            last = e;
        }
    }

    void sameSeedSameNumbersForAnyThreadCount()
    {
        DesignPoint dp = losslessPoint(WeightEncoding::Offset, 2, 1, 64);
        dp.precision.adc_bits = 5;
        dp.noise.mode = NoiseMode::Device;
        dp.device.mem_states = {{1e-6, 5e-8}, {2e-6, 1e-7}, {3e-6, 1e-7}, {4e-6, 2e-7}};
        dp.noise.read_noise_rel = 0.02;
        dp.noise.saf.p_stuck_min = 0.01;
        const Problem p = makeProblem(8, 8, false, 9);
        // ... and another chip (seed) differs.
        QVERIFY(test::sameNumbersForAnyThreadCount(test::LayerProblem{p.m, p.n, p.batch, p.w, p.x}, dp));
    }

    void errorGrowsWithVariationAndFaults()
    {
        const Problem p = makeProblem(8, 8, false, 21);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        auto rmsError = [&](const DesignPoint& dp) {
            double s = 0;
            for (int chip = 0; chip < 3; ++chip) {
                const std::vector<double> y = CimLayer(p.w, p.m, p.n, dp, std::uint64_t(chip)).run(p.x, p.batch, false);
                for (size_t i = 0; i < y.size(); ++i)
                    s += (y[i] - double(exact[i])) * (y[i] - double(exact[i]));
            }
            return std::sqrt(s / double(3 * exact.size()));
        };
        DesignPoint dp = losslessPoint(WeightEncoding::Offset, 1, 1, 32);
        dp.noise.mode = NoiseMode::Device;
        double last = -1;
        for (double rel : {0.0, 0.05, 0.1, 0.2}) {
            dp.device.mem_states = {{1e-7, 1e-7 * rel}, {1e-6, 1e-6 * rel}};
            const double e = rmsError(dp);
            QVERIFY2(e > last, qPrintable(QString("sigma %1: rms %2").arg(rel).arg(e)));
            last = e;
        }
        dp.device.mem_states = {{1e-7, 0}, {1e-6, 0}};
        dp.noise.saf.p_stuck_max = 0.02;
        QVERIFY(rmsError(dp) > 0);
    }

    void driftTowardMinHurtsMoreThanRandom()
    {
        const Problem p = makeProblem(8, 8, false, 33);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        DesignPoint dp = losslessPoint(WeightEncoding::Offset, 1, 1, 32);
        dp.noise.mode = NoiseMode::Device;
        dp.device.mem_states = {{1e-7, 0}, {1e-6, 0}};
        dp.noise.drift = {1e4, 1, 0.02, DriftMode::Random, std::nullopt};
        auto rms = [&](DriftMode mode) {
            dp.noise.drift.mode = mode;
            const std::vector<double> y = CimLayer(p.w, p.m, p.n, dp, 1).run(p.x, p.batch, false);
            double s = 0;
            for (size_t i = 0; i < y.size(); ++i)
                s += (y[i] - double(exact[i])) * (y[i] - double(exact[i]));
            return std::sqrt(s / double(y.size()));
        };
        QVERIFY(rms(DriftMode::TowardMin) > rms(DriftMode::Random));
    }

    void oneBitBelowLosslessCostsLittle()
    {
        DesignPoint dp = losslessPoint(WeightEncoding::Offset, 1, 1, 128);
        const Problem p = makeProblem(8, 8, false, 44);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        auto relErr = [&](int bits) {
            dp.precision.adc_bits = bits;
            const std::vector<double> y = CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, false);
            double e = 0, r = 0;
            for (size_t i = 0; i < y.size(); ++i) {
                e += std::fabs(y[i] - double(exact[i]));
                r += std::fabs(double(exact[i]));
            }
            return e / r;
        };
        const int lossless = losslessAdcBits(dp);
        QVERIFY(relErr(lossless) == 0.0);
        QVERIFY(relErr(lossless - 1) < 0.05);
        QVERIFY(relErr(lossless - 3) > relErr(lossless - 1));
    }

    void nonlinearAdcFitsTheCalibratedDistribution()
    {
        // Partial sums of 128 rows at ~0.3 density concentrate far below P_max = 384: levels at
        // quantiles quantise them with less error than levels spread evenly over [0, P_max].
        std::mt19937 rng(1);
        std::binomial_distribution<int> partialSum(384, 0.2);
        std::vector<double> samples;
        for (int i = 0; i < 20000; ++i)
            samples.push_back(partialSum(rng));
        AdcQuantizer linear(AdcMode::Linear, 4, 384), nonlinear(AdcMode::Nonlinear, 4, 384);
        nonlinear.calibrate(samples);
        QCOMPARE(int(nonlinear.values().size()), 16);
        QVERIFY(std::is_sorted(nonlinear.edges().begin(), nonlinear.edges().end()));
        double eLin = 0, eNon = 0;
        for (double v : samples) {
            eLin += (linear(v) - v) * (linear(v) - v);
            eNon += (nonlinear(v) - v) * (nonlinear(v) - v);
        }
        QVERIFY2(eNon < 0.5 * eLin, qPrintable(QString("%1 vs %2").arg(eNon).arg(eLin)));
        // Clip: one level per unit, clamped at 2^P − 1.
        AdcQuantizer clip(AdcMode::Clip, 4, 384);
        QCOMPARE(clip(7.4), 7.0);
        QCOMPARE(clip(100.0), 15.0);
        QCOMPARE(clip(-3.0), 0.0);
        QCOMPARE(linear(384.0), 384.0);
        QCOMPARE(linear(12.0), 0.0 + 25.6 * 0 + 0.0 + 25.6 * (std::round(12.0 / 25.6)));
    }

    void exactShortcutIsExactInEveryRegime()
    {
        // The shortcut's float GEMM splits the inputs into chunks whose partial sums stay below
        // 2^24; wide products fall back to double. Each regime must give W·x to the last unit.
        struct Case {
            int weightBits, inputBits, n;
        };
        for (const Case c : {Case{8, 8, 300}, Case{8, 8, 4000}, Case{12, 12, 700}, Case{16, 16, 200}, Case{16, 16, 3}}) {
            DesignPoint dp = losslessPoint(WeightEncoding::Differential, 1, 1, 128);
            dp.precision.weight_bits = c.weightBits;
            dp.precision.input_bits = c.inputBits;
            dp.precision.adc_bits = 24;
            std::mt19937 rng(unsigned(c.n));
            std::uniform_int_distribution<std::int64_t> wd(-(1LL << (c.weightBits - 1)) + 1, (1LL << (c.weightBits - 1)) - 1);
            std::uniform_int_distribution<std::int64_t> xd(0, (1LL << c.inputBits) - 1);
            const int m = 5, batch = 70;   // 70 vectors: a full 64-vector block and a short one
            std::vector<std::int64_t> w(size_t(m) * size_t(c.n)), x(size_t(batch) * size_t(c.n));
            for (auto& v : w)
                v = wd(rng);
            for (auto& v : x)
                v = xd(rng);
            std::fill(w.begin(), w.begin() + c.n, (1LL << (c.weightBits - 1)) - 1);   // one output at the extreme
            std::fill(x.begin(), x.begin() + c.n, (1LL << c.inputBits) - 1);
            const CimLayer layer(w, m, c.n, dp, 0);
            QVERIFY(layer.usesExactShortcut());
            const std::vector<double> y = layer.run(x, batch, false);
            const std::vector<std::int64_t> exact = CimLayer::exactProduct(w, m, c.n, x, batch);
            for (size_t i = 0; i < y.size(); ++i)
                QVERIFY2(y[i] == double(exact[i]), qPrintable(QString("n=%1 i=%2: %3 vs %4").arg(c.n).arg(i).arg(y[i], 0, 'f', 1).arg(exact[i])));
        }
    }

    void inputQuantizerFollowsItsRule()
    {
        // q = clamp(round(x / s), lo, hi) exactly, also where x / s is a half (the vectorised
        // multiply by 1/s must hand those to the division), for NaN and out-of-range inputs.
        std::mt19937 rng(9);
        std::uniform_real_distribution<float> u(-300.0f, 300.0f);
        // 3.078125 and 124.5: scales where x · (1/s) misses an exact half of x / s by one ulp.
        for (double s : {0.25, 0.1, 1.0 / 3.0, 0.0123456789, 7.0, 3.078125, 124.5, 52.0625}) {
            std::vector<float> x;
            for (int i = 0; i < 5000; ++i)
                x.push_back(u(rng));
            for (int k = -130; k <= 260; ++k)   // exact halves where x = (k + 0.5)·s is a float
                x.push_back(float((k + 0.5) * s));
            x.push_back(std::nanf(""));
            x.push_back(1e30f);
            x.push_back(-1e30f);
            // 8 bits; 16 bits, the widest range the float products take; 20 bits, computed in double.
            for (int b : {8, 16, 20})
                for (bool signedInputs : {false, true}) {
                    const double lo = signedInputs ? -std::ldexp(1.0, b - 1) + 1 : 0, hi = signedInputs ? std::ldexp(1.0, b - 1) - 1 : std::ldexp(1.0, b) - 1;
                    const double range = std::ldexp(1.0, b - 8);   // x spans ±300·range / s: beyond the range, and its halves
                    std::vector<float> xb;
                    for (float v : x)
                        xb.push_back(float(double(v) * range));
                    for (double k = hi - 300; k <= hi + 1; ++k)   // halves near the top of the range
                        xb.push_back(float((k + 0.5) * s));
                    const std::int64_t mask = (std::int64_t(1) << b) - 1;
                    std::vector<float> qf(xb.size());
                    std::vector<std::int64_t> qi(xb.size());
                    const double bits = quantizeInputs(xb.data(), xb.size(), s, lo, hi, mask, qf.data());
                    QCOMPARE(quantizeInputs(xb.data(), xb.size(), s, lo, hi, mask, qi.data()), bits);
                    double expectedBits = 0;
                    for (size_t k = 0; k < xb.size(); ++k) {
                        const double t = std::isnan(xb[k]) ? 0.0 : double(xb[k]) / s;
                        const double q = std::clamp(std::round(t), lo, hi);
                        QVERIFY2(qf[k] == float(q) && qi[k] == std::int64_t(q),
                                 qPrintable(QString("b=%5 x=%1 s=%2: %3 vs %4").arg(double(xb[k]), 0, 'g', 9).arg(s).arg(qf[k]).arg(q).arg(b)));
                        expectedBits += std::popcount(std::uint64_t(std::int64_t(q)) & std::uint64_t(mask));
                    }
                    QCOMPARE(bits, expectedBits);
                }
        }
    }

    void inlineRoundingEqualsStdRound()
    {
        // The ADC's inline rounding must be std::round (half away from zero) everywhere it is used.
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<double> u(-3000.0, 3000.0);
        std::vector<double> values = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994, -0.49999999999999994,
                                      4503599627370495.5, -4503599627370495.5, 1e15 + 0.5, double(0.49999997f)};
        for (int i = 0; i < 100000; ++i)
            values.push_back(i % 3 ? u(rng) : std::round(u(rng)) + 0.5 * (i % 2 ? 1 : -1));
        for (double v : values)
            QVERIFY2(roundHalfAway(v) == std::round(v), qPrintable(QString::number(v, 'g', 17)));
        // Clip and linear ADCs against their defining formulas, including halves and out-of-range values.
        AdcQuantizer clip(AdcMode::Clip, 5, 384), linear(AdcMode::Linear, 4, 384);
        for (double v : values) {
            const double d = v / 10.0;
            QCOMPARE(clip(d), std::clamp(std::round(d), 0.0, 31.0));
            QCOMPARE(linear(d), std::clamp(std::round(d / 25.6), 0.0, 15.0) * 25.6);
        }
    }

    // The fused table kernel against a plain int64 reference on synthetic tables: codes summed in
    // 32-bit lanes up to the bound Σ 2^m · top < 2^31 (here 1000 · (2^21 − 1), just below) and in
    // 64-bit lanes above it (top 2^31 − 1, sums past 2^32), negative cycles, empty planes (skipped),
    // multi-bit cycles, rounding shifts, partial groups of four and partial tiles, at every level.
    void lutClipCodesMatchAnInt64Reference()
    {
        struct Case {
            int groups, shift, width;
            std::int32_t top, maxEntry;
            std::vector<kernels::LutCycle> cycles;
            std::int64_t reaches;   // some output must pass it: the case tests what it claims
        };
        std::vector<kernels::LutCycle> deep;   // 21 one-bit cycles weighing 2^0 … 2^20
        for (int m = 0; m <= 20; ++m)
            deep.push_back({m, 1, m, false});
        const std::vector<Case> cases = {
            {6, 0, 16, 1000, 4000, deep, (std::int64_t(1) << 31) - (std::int64_t(1) << 26)},   // narrow, at its bound
            {9, 0, 16, std::numeric_limits<std::int32_t>::max(), (1 << 27) - 1,                  // wide: sums past 2^32
             {{0, 1, 0, false}, {1, 1, 1, false}, {2, 1, 2, false}}, std::int64_t(1) << 32},
            {32, 3, 5, 31, 200, {{0, 2, 0, false}, {2, 2, 2, false}, {4, 1, 4, true}}, 0},   // ±, 2-bit cycles
            {1, 2, 16, 255, 3000, {{0, 1, 0, false}, {1, 1, 3, true}}, 0},
        };
        std::mt19937 rng(5);
        for (const Case& k : cases) {
            int planes = 0;
            for (const kernels::LutCycle& cy : k.cycles)
                planes = std::max(planes, cy.firstPlane + cy.bits);
            const int count = 7;
            const std::size_t planeStride = std::size_t(k.groups) + 3, vectorStride = std::size_t(planes) * planeStride;
            std::vector<std::int32_t> lut(std::size_t(k.groups) * 16 * 16);
            std::uniform_int_distribution<std::int32_t> entry(k.maxEntry / 2, k.maxEntry);
            for (std::size_t i = 0; i < lut.size(); ++i)   // entry 0 of a group, no rows, is 0
                lut[i] = (i / 16) % 16 == 0 ? 0 : entry(rng);
            std::vector<std::uint8_t> idx(std::size_t(count) * vectorStride, 0xEE);   // 0xEE past each plane: must not be read
            for (int v = 0; v < count; ++v)
                for (int q = 0; q < planes; ++q)
                    for (int g = 0; g < k.groups; ++g)   // vector 1's plane 1 stays empty
                        idx[std::size_t(v) * vectorStride + std::size_t(q) * planeStride + std::size_t(g)] =
                            std::uint8_t((v == 1 && q == 1) ? 0 : rng() % 16);
            std::vector<std::int64_t> expected(std::size_t(count) * 16, 3), codes;
            for (int v = 0; v < count; ++v)
                for (int c = 0; c < k.width; ++c)
                    for (const kernels::LutCycle& cy : k.cycles) {
                        std::int64_t sum = 0;
                        for (int b = 0; b < cy.bits; ++b)
                            for (int g = 0; g < k.groups; ++g) {
                                const int e = idx[std::size_t(v) * vectorStride + std::size_t(cy.firstPlane + b) * planeStride + std::size_t(g)];
                                sum += std::int64_t(lut[(std::size_t(g) * 16 + std::size_t(e)) * 16 + std::size_t(c)]) << b;
                            }
                        QVERIFY(sum < (std::int64_t(1) << 31));   // the tables' own bound
                        const std::int64_t code = std::clamp<std::int64_t>(std::llround(std::ldexp(double(sum), -k.shift)), 0, k.top);
                        expected[std::size_t(v) * 16 + std::size_t(c)] += (cy.negative ? -code : code) << cy.weightShift;
                    }
            forEachSimdLevel([&](const char* level) {
                codes.assign(std::size_t(count) * 16, 3);   // the kernel adds to what is there
                kernels::lutClipCodes(lut.data(), k.groups, idx.data(), vectorStride, planeStride, k.cycles.data(), int(k.cycles.size()),
                                      count, k.shift, k.top, k.width, codes.data(), 16);
                QVERIFY2(codes == expected, level);
            });
            QVERIFY(*std::max_element(expected.begin(), expected.end()) > k.reaches);
        }
    }

    void outOfRangeValuesAreInputErrors()
    {
        DesignPoint dp = losslessPoint(WeightEncoding::Offset, 1, 1, 16);
        QVERIFY_THROWS_EXCEPTION(InputError, CimLayer({200, 0}, 1, 2, dp, 0));   // 8-bit signed weight
        const CimLayer layer({1, -1}, 1, 2, dp, 0);
        QVERIFY_THROWS_EXCEPTION(InputError, layer.run({256, 0}, 1, false));
        QVERIFY_THROWS_EXCEPTION(InputError, layer.run({-129, 0}, 1, true));
        QVERIFY_THROWS_EXCEPTION(InputError, layer.run({1, 2, 3}, 1, false));
    }
};

QTEST_APPLESS_MAIN(TestCimInvariants)
#include "tst_cim_invariants.moc"
