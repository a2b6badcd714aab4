// The estimator against NeuroSim's 19 measured runs (docs/validation.md §1b): every run's area,
// TOPS/W and TOPS, and the components behind them. The bounds are where the model stands today;
// they only ever tighten (issue 16 asks for 1.5x on every figure and a 15 % median).
#include "NeuroSimRunSet.h"

#include "ppa/ChipEstimator.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace kh;
using namespace kh::test;

namespace {

std::vector<NeuroSimRun> runs()
{
    return loadNeuroSimRuns(std::string(KIRCHHOFF_TEST_DATA) + "/ppa/neurosim_runs.csv", KIRCHHOFF_TEST_PRESETS);
}

double worstFactor(double ratio) { return std::max(ratio, 1.0 / ratio); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

} // namespace

class TestPpaNeuroSimSet : public QObject {
    Q_OBJECT
private slots:
    void readsAllNineteenRuns()
    {
        const std::vector<NeuroSimRun> set = runs();
        QCOMPARE(int(set.size()), 19);
        for (const NeuroSimRun& r : set) {
            QVERIFY(!r.net.layers.empty());
            QVERIFY(r.value.count("tops_w") && r.value.count("area_mm2") && r.value.count("tops"));
        }
    }

    // Prints the whole comparison (the table of docs/validation.md §1b) and holds the headline
    // figures to today's bounds.
    void headlineFiguresStayWithinTodaysBounds()
    {
        std::vector<double> errors;
        double worst = 1;
        std::printf("%-40s %8s %8s %8s | %6s %6s %6s %6s | %6s %6s\n", "run", "area", "TOPS/W", "TOPS", "E_adc", "E_acc",
                    "E_ic", "E_buf", "A_adc", "A_acc");
        std::printf("%-40s %8s %8s %8s | %6s %6s %6s %6s | %6s %6s\n", "", "", "", "", "L_adc", "L_acc", "L_ic", "L_buf", "clock",
                    "period");
        for (const NeuroSimRun& r : runs()) {
            const PpaReport p = estimateChip(r.net, r.point);
            const double q[3] = {p.area_mm2 / r.value.at("area_mm2"), p.tops_per_w / r.value.at("tops_w"),
                                 p.tops / r.value.at("tops")};
            const Breakdown& e = p.energy_breakdown_pj;
            const Breakdown& a = p.area_breakdown_mm2;
            // NeuroSim prints energies in uJ per image; ours are pJ.
            auto eq = [&](double ours, const char* col) { return ours * 1e-6 / r.value.at(col); };
            std::printf("%-40s %8.2f %8.2f %8.2f | %6.2f %6.2f %6.2f %6.2f | %6.2f %6.2f\n", r.name.c_str(), q[0], q[1], q[2],
                        eq(e.adc, "adc_energy_uJ"), eq(e.accumulation, "accum_energy_uJ"), eq(e.interconnect, "ic_energy_uJ"),
                        eq(e.buffers, "buf_energy_uJ"), a.adc / r.value.at("adc_area_mm2"),
                        a.accumulation / r.value.at("accum_area_mm2"));
            const Breakdown& l = p.latency_breakdown_ns;
            auto lq = [&](double ours, const char* col) { return ours / r.value.at(col); };
            std::printf("%-40s %8s %8s %8s | %6.2f %6.2f %6.2f %6.2f | %6.2f %6.2f\n", "", "", "", "", lq(l.adc, "adc_lat_ns"),
                        lq(l.accumulation, "accum_lat_ns"), lq(l.interconnect, "ic_lat_ns"), lq(l.buffers, "buf_lat_ns"),
                        lq(p.clock_ns, "clk_ns"), lq(p.period_ns, "latency_ns"));
            for (double v : q) {
                QVERIFY(std::isfinite(v) && v > 0);
                errors.push_back(std::abs(v - 1.0));
                worst = std::max(worst, worstFactor(v));
            }
        }
        const double med = median(errors);
        std::printf("worst factor %.2f, median |error| %.1f %%\n", worst, 100 * med);
        QVERIFY2(worst <= kWorstFactorToday, qPrintable(QString("worst factor %1").arg(worst)));
        QVERIFY2(med <= kMedianErrorToday, qPrintable(QString("median |error| %1").arg(med)));
    }

private:
    static constexpr double kWorstFactorToday = 4.85;  // 4.80 on 2026-12-04 (voltage-mode readout)
    static constexpr double kMedianErrorToday = 0.24;  // 23.4 % on 2026-12-04
};

QTEST_APPLESS_MAIN(TestPpaNeuroSimSet)
#include "tst_ppa_neurosim_set.moc"
