// The ziggurat normal generator used for per-read noise: its layers close (every layer has the
// same area and the top one ends at the peak), and its draws follow the standard normal — moments,
// the Kolmogorov–Smirnov distance to Φ, and the tail frequencies that the rare paths produce.
#include "common/NormalZiggurat.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace kh;

class TestNormalZiggurat : public QObject {
    Q_OBJECT
    static double phi(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

private slots:
    void layersHaveEqualAreasAndClose()
    {
        const NormalZiggurat& z = NormalZiggurat::instance();
        const double v = 0.00492867323399;
        auto f = [](double x) { return std::exp(-0.5 * x * x); };
        // Base layer: the rectangle up to r plus the tail, ∫_r^∞ f = √(π/2)·erfc(r/√2).
        const double r = z.edge(1);
        const double base = r * f(r) + std::sqrt(M_PI / 2.0) * std::erfc(r / std::sqrt(2.0));
        QVERIFY2(std::fabs(base - v) < 1e-6 * v, qPrintable(QString::number(base, 'g', 12)));
        QCOMPARE(z.edge(0) * f(r), v);
        for (int i = 1; i < NormalZiggurat::kLayers; ++i) {
            const double area = z.edge(i) * (f(z.edge(i + 1)) - f(z.edge(i)));
            QVERIFY2(std::fabs(area - v) < 1e-6 * v, qPrintable(QString("layer %1: %2").arg(i).arg(area, 0, 'g', 12)));
            QVERIFY(z.edge(i + 1) < z.edge(i));
        }
        QCOMPARE(z.edge(NormalZiggurat::kLayers), 0.0);
    }

    void drawsFollowTheStandardNormal()
    {
        const int n = 2'000'000;
        std::vector<double> x(n);
        double sum = 0, sum2 = 0, sum4 = 0;
        int beyondR = 0, beyond4 = 0;
        for (int i = 0; i < n; ++i) {
            x[size_t(i)] = fastNormalAt(hashKey(17, std::uint64_t(i)));
            const double v = x[size_t(i)];
            sum += v;
            sum2 += v * v;
            sum4 += v * v * v * v;
            beyondR += std::fabs(v) > 3.6541528853610088;
            beyond4 += std::fabs(v) > 4.0;
        }
        const double mean = sum / n, var = sum2 / n - mean * mean;
        QVERIFY2(std::fabs(mean) < 5.0 / std::sqrt(double(n)), qPrintable(QString::number(mean)));
        QVERIFY2(std::fabs(var - 1.0) < 5.0 * std::sqrt(2.0 / n), qPrintable(QString::number(var)));
        QVERIFY2(std::fabs(sum4 / n - 3.0) < 5.0 * std::sqrt(96.0 / n), qPrintable(QString::number(sum4 / n)));
        // Tail frequencies (the base layer's tail path): binomial counts within 5 σ.
        auto within = [n](int count, double p) { return std::fabs(count - n * p) < 5.0 * std::sqrt(n * p) + 1; };
        const double pR = std::erfc(3.6541528853610088 / std::sqrt(2.0)), p4 = std::erfc(4.0 / std::sqrt(2.0));
        QVERIFY2(within(beyondR, pR), qPrintable(QString("%1 against %2").arg(beyondR).arg(n * pR)));
        QVERIFY2(within(beyond4, p4), qPrintable(QString("%1 against %2").arg(beyond4).arg(n * p4)));
        // Kolmogorov–Smirnov: the critical distance at the 0.1 % level is 1.95/√n.
        std::sort(x.begin(), x.end());
        double d = 0;
        for (int i = 0; i < n; ++i) {
            const double F = phi(x[size_t(i)]);
            d = std::max({d, std::fabs(F - double(i) / n), std::fabs(F - double(i + 1) / n)});
        }
        QVERIFY2(d < 1.95 / std::sqrt(double(n)), qPrintable(QString::number(d)));
    }

    // fill() is the per-column draw of one read, 8 lanes at a time where the CPU allows: it must give
    // exactly one call per key, for every count (partial vectors), every offset (the 32-bit column
    // wraps) and enough keys that the rare paths (wedge, tail) run in many lanes.
    void fillEqualsOneDrawPerKey()
    {
        const NormalZiggurat& z = NormalZiggurat::instance();
        int tail = 0;
        std::vector<double> out(80);
        for (std::uint64_t read = 0; read < 20000; ++read) {
            const std::uint64_t base = hashKey(5, read);
            const unsigned first = read % 7 == 0 ? 0xFFFFFFF0u + unsigned(read % 13) : unsigned(read % 97);
            const int count = int(read % 71);
            std::fill(out.begin(), out.end(), -99.0);
            z.fill(base, first, count, out.data());
            for (int i = 0; i < count; ++i) {
                const double one = z(base ^ unsigned(first + unsigned(i)));
                if (out[size_t(i)] != one)
                    QFAIL(qPrintable(QString("read %1, lane %2: %3 against %4").arg(read).arg(i).arg(out[size_t(i)]).arg(one)));
                tail += std::fabs(one) > z.edge(1);   // the tail path (P ≈ 2.6e-4 per draw)
            }
            QCOMPARE(out[size_t(count)], -99.0);   // nothing written past count
        }
        QVERIFY2(tail > 50, qPrintable(QString::number(tail)));   // ~180 of ~700 000 draws
    }

    void aDrawIsAFunctionOfItsKey()
    {
        for (std::uint64_t k = 0; k < 1000; ++k)
            QCOMPARE(fastNormalAt(k * 7919), fastNormalAt(k * 7919));
        QVERIFY(fastNormalAt(1) != fastNormalAt(2));
    }
};

QTEST_APPLESS_MAIN(TestNormalZiggurat)
#include "tst_normal_ziggurat.moc"
