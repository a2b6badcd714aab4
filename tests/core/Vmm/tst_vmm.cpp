// The VMM error benchmark (docs/validation.md §7): quantisation bounds without non-idealities, fitters that
// recover their own family's parameters, statistics against closed-form values, the MELISO device
// ordering and trends, determinism, and bad input.
#include "common/CounterRng.h"
#include "common/InputError.h"
#include "io/MatrixFile.h"
#include "vmm/DistributionFits.h"
#include "vmm/ErrorStatistics.h"
#include "vmm/VmmBenchmark.h"

#include <QTemporaryDir>
#include <QTest>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace kh;
using namespace kh::vmm;

namespace {
const std::string kPresets = KIRCHHOFF_TEST_PRESETS;

std::vector<double> normals(int n, std::uint64_t seed)
{
    std::vector<double> z;
    for (int i = 0; i < n; ++i)
        z.push_back(normalAt(hashKey(seed, std::uint64_t(i))));
    return z;
}

double variance(const RramDevice& d, const VmmOptions& o)
{
    return describeErrors(runVmmBenchmark(d, o).errors).variance;
}

RramDevice preset(const char* name)
{
    return loadDeviceFile(kPresets + "/devices/" + name + ".json");
}

void writeFile(const QString& path, const std::string& text)
{
    std::ofstream(path.toStdString()) << text;
}
} // namespace

class TestVmm : public QObject {
    Q_OBJECT
private slots:
    void progressIsReportedAndCancellationStopsTheRun()
    {
        struct Recorder : Progress {
            std::vector<double> seen;
            int cancelAfter = -1;
            void report(double f, const std::string&) override { seen.push_back(f); }
            bool cancelled() const override { return cancelAfter >= 0 && int(seen.size()) >= cancelAfter; }
        };
        RramDevice d;
        VmmOptions o;
        o.trials = 300;
        const VmmResult plain = runVmmBenchmark(d, o);
        Recorder rec;
        const VmmResult watched = runVmmBenchmark(d, o, &rec);
        QVERIFY(watched.errors == plain.errors);   // watching changes nothing
        QVERIFY(!rec.seen.empty());
        QCOMPARE(rec.seen.back(), 1.0);
        QVERIFY(std::is_sorted(rec.seen.begin(), rec.seen.end()));
        Recorder stop;
        stop.cancelAfter = 1;
        o.trials = 20000;
        QVERIFY_THROWS_EXCEPTION(Cancelled, runVmmBenchmark(d, o, &stop));
        QVERIFY(stop.seen.size() <= 2);
    }

    void idealCrossbarErrsOnlyWithinQuantisationBounds()
    {
        RramDevice d;
        d.states = 257;
        VmmOptions o;
        o.trials = 200;
        o.c2c = o.d2d = o.read_noise = o.nonlinearity = false;
        const VmmResult r = runVmmBenchmark(d, o);
        // Each weight sits within half a level of its value: |e_i| <= amax · Δ/2 · Σ|x_j|, Δ = 1/256;
        // with |a| <= 1 and |x_j| <= 1 that is at most 32 / 512.
        const double bound = 32.0 / 512.0 + 1e-12;
        for (double e : r.errors)
            QVERIFY(std::abs(e) <= bound);
        // More levels: proportionally smaller errors (quantisation error ∝ 1/levels).
        d.states = 1025;
        const double v1025 = describeErrors(runVmmBenchmark(d, o).errors).variance;
        const double v257 = describeErrors(r.errors).variance;
        QVERIFY(v1025 < v257 / 10);
    }

    void statisticsMatchClosedForms()
    {
        const ErrorStatistics s = describeErrors({1, 2, 3, 4, 5});
        QCOMPARE(s.mean, 3.0);
        QCOMPARE(s.variance, 2.5);
        QVERIFY(std::abs(s.skewness) < 1e-12);
        QVERIFY(std::abs(s.excess_kurtosis - (-1.3)) < 1e-12);
        QCOMPARE(s.quantiles[4], 3.0);   // median
        QCOMPARE(s.quantiles[3], 2.0);   // 25 %
        // {0, 0, 0, 1}: g1 = 2/√3, g2 = 7/3 − 3.
        const ErrorStatistics t = describeErrors({0, 0, 0, 1});
        QVERIFY(std::abs(t.skewness - 2 / std::sqrt(3.0)) < 1e-12);
        QVERIFY(std::abs(t.excess_kurtosis - (7.0 / 3 - 3)) < 1e-12);
        QVERIFY_THROWS_EXCEPTION(InputError, describeErrors({1}));
    }

    void fittersRecoverTheirOwnParameters()
    {
        const int n = 20000;
        const std::vector<double> z = normals(n, 11), u = normals(n, 12);
        std::vector<double> x;
        for (double v : z)
            x.push_back(1.0 + 2.0 * v);
        DistributionFit f = fitNormal(x);
        QVERIFY(std::abs(f.parameter("mu") - 1.0) < 0.05 && std::abs(f.parameter("sigma") - 2.0) < 0.05);

        x.clear();   // 2-component mixture: 30 % N(−2, 0.5), 70 % N(1, 0.8)
        for (int i = 0; i < n; ++i)
            x.push_back(uniformAt(hashKey(13, std::uint64_t(i))) < 0.3 ? -2 + 0.5 * z[size_t(i)] : 1 + 0.8 * z[size_t(i)]);
        f = fitNormalMixture(x, 2);
        QVERIFY2(std::abs(f.parameter("w1") - 0.3) < 0.02 && std::abs(f.parameter("mu1") + 2) < 0.05 && std::abs(f.parameter("sigma1") - 0.5) < 0.05
                     && std::abs(f.parameter("mu2") - 1) < 0.05 && std::abs(f.parameter("sigma2") - 0.8) < 0.05,
                 "mixture2");

        x.clear();   // 3 components: 20 % N(−3, .5), 50 % N(0, .5), 30 % N(3, .5)
        for (int i = 0; i < n; ++i) {
            const double p = uniformAt(hashKey(14, std::uint64_t(i)));
            x.push_back((p < 0.2 ? -3 : p < 0.7 ? 0 : 3) + 0.5 * z[size_t(i)]);
        }
        f = fitNormalMixture(x, 3);
        QVERIFY2(std::abs(f.parameter("w1") - 0.2) < 0.02 && std::abs(f.parameter("w2") - 0.5) < 0.02 && std::abs(f.parameter("mu1") + 3) < 0.05
                     && std::abs(f.parameter("mu3") - 3) < 0.05 && std::abs(f.parameter("sigma2") - 0.5) < 0.05,
                 "mixture3");

        x.clear();
        for (double v : z)
            x.push_back(sampleJohnsonSU(0.5, 1.5, 0.2, 0.8, v));
        f = fitJohnsonSU(x);
        QVERIFY2(std::abs(f.parameter("gamma") - 0.5) < 0.1 && std::abs(f.parameter("delta") - 1.5) < 0.1 && std::abs(f.parameter("xi") - 0.2) < 0.1
                     && std::abs(f.parameter("lambda") - 0.8) < 0.1,
                 "johnson_su");

        x.clear();
        for (double v : u)
            x.push_back(sampleSinhArcsinh(0.1, 1.2, 0.4, 0.8, v));
        f = fitSinhArcsinh(x);
        QVERIFY2(std::abs(f.parameter("mu") - 0.1) < 0.1 && std::abs(f.parameter("sigma") - 1.2) < 0.1 && std::abs(f.parameter("epsilon") - 0.4) < 0.1
                     && std::abs(f.parameter("delta") - 0.8) < 0.08,
                 "sinh_arcsinh");
        // AIC ranks the true family (or an equally flexible one) above the plain normal.
        const std::vector<DistributionFit> all = fitAll(x);
        QVERIFY(all.front().name != "normal");
        QVERIFY(std::abs(fittedDensity(all.front(), 0.1)) > 0);
    }

    void devicesFollowMelisoOrdering()
    {
        VmmOptions o;
        const double epi = variance(preset("epiram"), o), taox = variance(preset("taox_hfox"), o);
        const double agsi = variance(preset("ag_asi"), o), alox = variance(preset("alox_hfo2"), o);
        qInfo("error variance: EpiRAM %.4g, TaOx/HfOx %.4g, Ag:a-Si %.4g, AlOx/HfO2 %.4g", epi, taox, agsi, alox);
        QVERIFY(epi < taox && epi < agsi && epi < alox);
        QVERIFY(alox > taox && alox > agsi);
    }

    void errorsGrowWithNonlinearityAndC2cAndShrinkWithBitsAndWindow()
    {
        const RramDevice base = preset("epiram");
        VmmOptions o;
        o.trials = 500;
        auto sweep = [&](auto set, std::initializer_list<double> values) {
            std::vector<double> v;
            for (double x : values) {
                RramDevice d = base;
                VmmOptions p = o;
                set(d, p, x);
                v.push_back(variance(d, p));
            }
            return v;
        };
        const auto nl = sweep([](RramDevice& d, VmmOptions&, double x) { d.nl_ltp = x; }, {0.5, 2, 4, 6});
        const auto c2c = sweep([](RramDevice& d, VmmOptions&, double x) { d.c2c = x; }, {0.0, 0.02, 0.05, 0.1});
        const auto bits = sweep([](RramDevice&, VmmOptions& p, double x) { p.weight_bits = int(x); }, {3, 4, 5, 6});
        const auto window = sweep([](RramDevice& d, VmmOptions&, double x) { d.memory_window = x; }, {2, 5, 10, 50});
        for (size_t i = 1; i < 4; ++i) {
            QVERIFY(nl[i] > nl[i - 1]);
            QVERIFY(c2c[i] > c2c[i - 1]);
            QVERIFY(bits[i] < bits[i - 1]);
            QVERIFY(window[i] < window[i - 1]);
        }
    }

    void sameNumbersForAnyThreadCount()
    {
        VmmOptions o;
        o.trials = 300;
        const RramDevice d = preset("alox_hfo2");
        omp_set_num_threads(1);
        const std::vector<double> one = runVmmBenchmark(d, o).errors;
        omp_set_num_threads(2);
        const std::vector<double> two = runVmmBenchmark(d, o).errors;
        QVERIFY(one == two);
        const double aic2 = fitJohnsonSU(two).aic, mix2 = fitNormalMixture(two, 2).aic;
        omp_set_num_threads(1);
        QCOMPARE(fitJohnsonSU(one).aic, aic2);
        QCOMPARE(fitNormalMixture(one, 2).aic, mix2);
        omp_set_num_threads(2);
    }

    void userMatricesFromFiles()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath("a.csv"), "# 2 x 3\n1, 0, -1\n0.5, 0.25, 0\n");
        writeFile(dir.filePath("x.csv"), "1,1,1\n");
        writeFile(dir.filePath("a.mtx"), "%%MatrixMarket matrix coordinate real general\n% comment\n2 3 2\n1 1 1.0\n2 3 -0.5\n");
        const DenseMatrix a = readMatrixFile(dir.filePath("a.csv").toStdString());
        QCOMPARE(a.rows, 2);
        QCOMPARE(a.cols, 3);
        QCOMPARE(a.values[2], -1.0);
        const DenseMatrix m = readMatrixFile(dir.filePath("a.mtx").toStdString());
        QCOMPARE(m.values[5], -0.5);
        RramDevice d;
        d.states = 1025;
        VmmOptions o;
        o.trials = 5;
        o.c2c = o.d2d = o.read_noise = o.nonlinearity = false;
        const VmmResult r = runVmmBenchmark(d, o, a, readMatrixFile(dir.filePath("x.csv").toStdString()));
        QCOMPARE(r.errors.size(), size_t(10));
        for (double e : r.errors)
            QVERIFY(std::abs(e) < 3.0 / 2048 + 1e-12);
    }

    void designPointMemStatesBecomeADevice()
    {
        DesignPoint dp;
        dp.device.cell_bits = 2;
        dp.device.mem_states = {{1e-6, 0}, {2e-5, 2e-7}, {4e-5, 4e-7}, {6e-5, 6e-7}};
        const RramDevice d = deviceFromDesignPoint(dp);
        QCOMPARE(d.states, 4);
        QVERIFY(std::abs(d.memory_window - 60) < 1e-9);
        VmmOptions o;
        o.trials = 200;
        const std::vector<double> levels = conductanceLevels(d, o);
        QCOMPARE(levels.size(), size_t(4));
        QVERIFY(std::abs(levels[1] - 19.0 / 59) < 1e-12);   // the table's own (uneven) spacing
        const ErrorStatistics noisy = describeErrors(runVmmBenchmark(d, o).errors);
        o.c2c = false;   // the table's σ is the programming spread
        const ErrorStatistics clean = describeErrors(runVmmBenchmark(d, o).errors);
        QVERIFY(noisy.variance > clean.variance);
        QVERIFY_THROWS_EXCEPTION(InputError, deviceFromDesignPoint(DesignPoint{}));
    }

    void badInputIsRejected_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("ragged csv") << "bad.csv" << "1,2\n3\n" << "bad.csv:2";
        QTest::newRow("csv word") << "bad.csv" << "1,two\n" << "bad.csv:1";
        QTest::newRow("mtx header") << "bad.mtx" << "1 1 1\n" << "bad.mtx:1";
        QTest::newRow("mtx truncated") << "bad.mtx" << "%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n" << "of 3 entries";
        QTest::newRow("mtx index") << "bad.mtx" << "%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n" << "bad.mtx:3";
        QTest::newRow("device key") << "dev.json" << R"({"states": 64, "colour": 1})" << "colour";
        QTest::newRow("device range") << "dev.json" << R"({"states": 1})" << "states";
        QTest::newRow("device states") << "dev.json" << R"({"mem_states": [[2e-6, 0], [1e-6, 0]]})" << "mem_states[1]";
    }
    void badInputIsRejected()
    {
        QFETCH(QString, file);
        QFETCH(QString, text);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeFile(dir.filePath(file), text.toStdString());
        try {
            if (file.endsWith(".json"))
                loadDeviceFile(dir.filePath(file).toStdString());
            else
                readMatrixFile(dir.filePath(file).toStdString());
            QFAIL("accepted");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestVmm)
#include "tst_vmm.moc"
