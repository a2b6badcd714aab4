// PCM cells and drift compensation (docs/simulation.md, "PCM"): the model's published fits at
// their clip points; the drawn conductances have the model's closed-form statistics (programming
// σ, the folded-normal mean of ν, the 1/f σ at time t); no drift before t0; zero scales equal
// noise-free cells; longer times lose more and compensation recovers part of it; the same seed
// gives the same numbers for any thread count; bad combinations are refused at their key.
#include "CimLayerChecks.h"
#include "cim/CellProgramming.h"
#include "cim/PcmModel.h"
#include "common/CounterRng.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace kh;
using namespace kh::cim;

namespace {

struct Moments {
    double mean = 0, std = 0;
};

template <typename F>
Moments moments(int n, F f)
{
    double s = 0, s2 = 0;
    for (int i = 0; i < n; ++i) {
        const double v = f(std::uint64_t(i));
        s += v;
        s2 += v * v;
    }
    const double mean = s / n;
    return {mean, std::sqrt(std::max(0.0, (s2 - n * mean * mean) / (n - 1)))};
}

PcmSpec only(double programming, double drift, double read)
{
    PcmSpec p;
    p.enabled = true;
    p.programming_noise_scale = programming;
    p.drift_scale = drift;
    p.read_noise_scale = read;
    return p;
}

using Problem = test::LayerProblem;

Problem makeProblem(unsigned seed) { return test::randomLayerProblem(16, 256, 8, -128, 127, 255, 3, seed); }

// 2-bit PCM cells between 0.25 and 25 µS, bit-serial inputs, a lossless ADC: every error is the
// cells' own.
DesignPoint pcmPoint(double tS, DriftCompensation compensation)
{
    DesignPoint dp;
    dp.device.type = DeviceType::PCM;
    dp.device.cell_bits = 2;
    dp.device.r_on_ohm = 40e3;   // 25 µS
    dp.device.on_off_ratio = 100;
    dp.array.rows = 128;
    dp.array.parallel_rows = 64;
    dp.precision.weight_bits = 8;
    dp.precision.input_bits = 8;
    dp.precision.dac_bits = 1;
    dp.mapping.input_encoding = InputEncoding::BitSerial;
    dp.mapping.weight_encoding = WeightEncoding::Differential;
    dp.precision.adc_bits = losslessAdcBits(dp);
    dp.noise.mode = NoiseMode::Device;
    dp.noise.pcm.enabled = true;
    dp.noise.pcm.t_s = tS;
    dp.noise.drift_compensation = compensation;
    return dp;
}

double relativeError(const std::vector<double>& y, const std::vector<std::int64_t>& exact)
{
    double e = 0, ref = 0;
    for (size_t i = 0; i < y.size(); ++i) {
        e += (y[i] - double(exact[i])) * (y[i] - double(exact[i]));
        ref += double(exact[i]) * double(exact[i]);
    }
    return std::sqrt(e / ref);
}

// Mean relative output error over chips.
double meanError(const Problem& p, const DesignPoint& dp, int chips = 4)
{
    const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
    double e = 0;
    for (int chip = 0; chip < chips; ++chip)
        e += relativeError(CimLayer(p.w, p.m, p.n, dp, std::uint64_t(chip)).run(p.x, p.batch, false), exact) / chips;
    return e;
}

constexpr double kHour = 3600, kDay = 86400, kMonth = 30 * kDay, kYear = 365 * kDay;

} // namespace

class TestPcmDrift : public QObject {
    Q_OBJECT
private slots:
    void publishedFitsAtTheirClipPoints()
    {
        QCOMPARE(PcmModel::programmingSigmaUs(0.0), 0.2635);
        QVERIFY(std::fabs(PcmModel::programmingSigmaUs(1.0) - 1.0554) < 1e-12);
        QCOMPARE(PcmModel::driftNuMean(1.0), 0.049);                               // 0.0244 clipped up
        QVERIFY(std::fabs(PcmModel::driftNuMean(0.01) - (-0.0155 * std::log(0.01) + 0.0244)) < 1e-12);
        QCOMPARE(PcmModel::driftNuMean(1e-4), 0.1);                                // clipped down
        QCOMPARE(PcmModel::driftNuSigma(1.0), 0.008);
        QCOMPARE(PcmModel::driftNuSigma(0.01), 0.045);
        QVERIFY(std::fabs(PcmModel::driftNuSigma(0.3) - (-0.0125 * std::log(0.3) - 0.0059)) < 1e-12);
        QCOMPARE(PcmModel::readNoiseQs(1.0), 0.0088);
        QCOMPARE(PcmModel::readNoiseQs(1e-4), 0.2);
    }

    void programmingNoiseHasThePublishedSigma()
    {
        const double gMax = 25e-6, gT = 12.5e-6;   // x = 0.5
        const Moments m = moments(40000, [&](std::uint64_t k) {
            return PcmModel::conductance(gT, gMax, only(1, 0, 0), 3600, hashKey(7, k));
        });
        const double sigma = PcmModel::programmingSigmaUs(0.5) * 1e-6;   // the model's µS at g_max = 25 µS
        QVERIFY2(std::fabs(m.std / sigma - 1) < 0.02, qPrintable(QString::number(m.std / sigma)));
        QVERIFY(std::fabs(m.mean - gT) < 3 * sigma / std::sqrt(40000.0));
        // On a device whose top state is 100 µS the spread scales with it.
        const Moments big = moments(40000, [&](std::uint64_t k) {
            return PcmModel::conductance(4 * gT, 4 * gMax, only(1, 0, 0), 3600, hashKey(7, k));
        });
        QVERIFY(std::fabs(big.std / (4 * sigma) - 1) < 0.02);
    }

    void driftExponentIsAFoldedNormal()
    {
        // −ln(g/g_T)/ln(t/t0) = ν = |N(μ, σ)|: its mean is σ√(2/π)·e^(−μ²/2σ²) + μ·(1 − 2Φ(−μ/σ)).
        const double gMax = 25e-6, x = 0.01, t = kDay;
        const double mu = PcmModel::driftNuMean(x), sigma = PcmModel::driftNuSigma(x);
        const Moments nu = moments(40000, [&](std::uint64_t k) {
            return -std::log(PcmModel::conductance(x * gMax, gMax, only(0, 1, 0), t, hashKey(3, k)) / (x * gMax)) / std::log(t / 20.0);
        });
        const double phi = 0.5 * std::erfc(mu / sigma / std::sqrt(2.0));   // Φ(−μ/σ)
        const double expected = sigma * std::sqrt(2 / M_PI) * std::exp(-mu * mu / (2 * sigma * sigma)) + mu * (1 - 2 * phi);
        QVERIFY2(std::fabs(nu.mean / expected - 1) < 0.01, qPrintable(QString("%1 vs %2").arg(nu.mean).arg(expected)));
        // No drift before t0, and none with a zero scale.
        QCOMPARE(PcmModel::conductance(x * gMax, gMax, only(0, 1, 0), 20.0, 5), x * gMax);
        QCOMPARE(PcmModel::conductance(x * gMax, gMax, only(0, 1, 0), 1.0, 5), x * gMax);
        QCOMPARE(PcmModel::conductance(x * gMax, gMax, only(0, 0, 0), kYear, 5), x * gMax);
    }

    void readNoiseGrowsWithTimeAsOneOverF()
    {
        const double gMax = 25e-6, x = 0.2;
        for (double t : {kHour, kYear}) {
            const Moments m = moments(40000, [&](std::uint64_t k) {
                return PcmModel::conductance(x * gMax, gMax, only(0, 0, 1), t, hashKey(11, k)) / (x * gMax);
            });
            const double sigma = PcmModel::readNoiseQs(x) * std::sqrt(std::log((t + 250e-9) / (2 * 250e-9)));
            QVERIFY2(std::fabs(m.std / sigma - 1) < 0.02, qPrintable(QString("t %1: %2 vs %3").arg(t).arg(m.std).arg(sigma)));
        }
    }

    void zeroScalesEqualNoiseFreeCells()
    {
        const Problem p = makeProblem(1);
        DesignPoint dp = pcmPoint(kYear, DriftCompensation::None);
        dp.noise.pcm.programming_noise_scale = dp.noise.pcm.drift_scale = dp.noise.pcm.read_noise_scale = 0;
        const std::vector<double> y = CimLayer(p.w, p.m, p.n, dp, 0).run(p.x, p.batch, false);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        for (size_t i = 0; i < y.size(); ++i)
            QCOMPARE(y[i], double(exact[i]));
        // Compensation of a chip that did not drift changes nothing.
        dp.noise.drift_compensation = DriftCompensation::Column;
        CimLayer compensated(p.w, p.m, p.n, dp, 0);
        for (double a : compensated.driftCompensation())
            QCOMPARE(a, 1.0);
        QCOMPARE(compensated.run(p.x, p.batch, false), y);
    }

    void longerTimesLoseMoreAndCompensationRecoversPart()
    {
        const Problem p = makeProblem(2);
        double last = 0;
        for (double t : {kHour, kDay, kMonth, kYear}) {
            const double none = meanError(p, pcmPoint(t, DriftCompensation::None));
            const double global = meanError(p, pcmPoint(t, DriftCompensation::Global));
            const double column = meanError(p, pcmPoint(t, DriftCompensation::Column));
            QVERIFY2(none > last, qPrintable(QString("t %1 s: %2 after %3").arg(t).arg(none).arg(last)));
            QVERIFY2(global < 0.8 * none, qPrintable(QString("t %1 s: global %2, none %3").arg(t).arg(global).arg(none)));
            QVERIFY2(column < none, qPrintable(QString("t %1 s: column %2, none %3").arg(t).arg(column).arg(none)));
            last = none;
        }
        // State-dependent ν leaves a spread one factor cannot undo: a year still costs more than an hour.
        QVERIFY(meanError(p, pcmPoint(kYear, DriftCompensation::Global)) > meanError(p, pcmPoint(kHour, DriftCompensation::Global)));
    }

    void compensationAlsoServesGenericDrift()
    {
        const Problem p = makeProblem(3);
        DesignPoint dp = pcmPoint(0, DriftCompensation::None);
        dp.noise.pcm.enabled = false;
        dp.noise.drift.mode = DriftMode::TowardMin;
        dp.noise.drift.t_s = 1e5;
        dp.noise.drift.nu = 0.05;
        const double none = meanError(p, dp);
        dp.noise.drift_compensation = DriftCompensation::Global;
        // Systematic drift scales every cell alike: one factor undoes the gain. What remains is the
        // ADC's rounding of reads that are no longer integers (weighted by up to 2^7·4^3 per read).
        QVERIFY2(meanError(p, dp) < 0.3 * none, qPrintable(QString("%1 vs %2").arg(meanError(p, dp)).arg(none)));
    }

    void driftModesFollowTheirDefinition()
    {
        // docs/simulation.md, "Drift semantics": random draws the sign per cell (½ each), the
        // magnitude is |ν|, and the upward branch is clamped at G_max like toward_max.
        EncodedWeights e;
        e.inputs = 100;
        e.columns = 100;
        e.level.assign(10000, 1);   // every cell ON (the top state of 1-bit cells)
        DesignPoint dp;
        dp.device.cell_bits = 1;
        dp.noise.mode = NoiseMode::Device;
        dp.noise.drift = {1000, 1, 0.05, DriftMode::Random, std::nullopt};
        const std::vector<MemState> states = {{1e-6, 0}, {1.7e-5, 0}};
        const double step = states[1].g_mean_s - states[0].g_mean_s, shrunk = std::pow(1000.0, -0.05);
        auto cells = [&](DriftMode mode) {
            dp.noise.drift.mode = mode;
            return programCells(e, dp, states, 5).normalized;
        };
        int down = 0;
        for (float v : cells(DriftMode::Random)) {
            const double g = states[0].g_mean_s + double(v) * step;
            const bool atTop = std::fabs(g - states[1].g_mean_s) < 1e-6 * states[1].g_mean_s;
            const bool moved = std::fabs(g - shrunk * states[1].g_mean_s) < 1e-6 * states[1].g_mean_s;
            QVERIFY(atTop || moved);
            down += moved;
        }
        QVERIFY2(std::abs(down - 5000) < 150, qPrintable(QString::number(down)));   // 3σ of a fair coin: 150
        for (float v : cells(DriftMode::TowardMax))
            QCOMPARE(v, 1.0f);   // clamped where it is
        for (float v : cells(DriftMode::TowardMin))
            QVERIFY(std::fabs(states[0].g_mean_s + double(v) * step - shrunk * states[1].g_mean_s) < 1e-6 * states[1].g_mean_s);
        // Hence, on 1-bit cells: toward G_max loses least, toward G_min most.
        const Problem p = makeProblem(6);
        DesignPoint layer = pcmPoint(0, DriftCompensation::None);
        layer.noise.pcm.enabled = false;
        layer.device.cell_bits = 1;
        layer.device.on_off_ratio = 17;
        layer.precision.adc_bits = losslessAdcBits(layer);
        layer.noise.drift = {1000, 1, 0.05, DriftMode::TowardMax, std::nullopt};
        const double up = meanError(p, layer);
        layer.noise.drift.mode = DriftMode::Random;
        const double random = meanError(p, layer);
        layer.noise.drift.mode = DriftMode::TowardMin;
        const double min = meanError(p, layer);
        QVERIFY2(up < random && random < min, qPrintable(QString("%1 %2 %3").arg(up).arg(random).arg(min)));
    }

    void relaxationSpreadGrowsAndSaturates()
    {
        // σ(t) = σ_rel·√(1 − e^(−t/τ)): measured over 10 000 ON cells at t = τ, and its trend.
        EncodedWeights e;
        e.inputs = 100;
        e.columns = 100;
        e.level.assign(10000, 1);
        DesignPoint dp;
        dp.device.cell_bits = 1;
        dp.noise.mode = NoiseMode::Device;
        dp.noise.relaxation_sigma_rel = 0.1;
        const std::vector<MemState> states = {{1e-6, 0}, {1e-5, 0}};
        auto relativeStd = [&](double t) {
            dp.noise.drift.t_s = t;   // the time since programming (no drift: ν = 0)
            const std::vector<float> cells = programCells(e, dp, states, 2).normalized;
            return moments(int(cells.size()), [&](std::uint64_t k) {
                       return (states[0].g_mean_s + double(cells[k]) * (states[1].g_mean_s - states[0].g_mean_s)) / states[1].g_mean_s;
                   }).std;
        };
        const double tau = dp.noise.relaxation_tau_s;
        QCOMPARE(relativeStd(0), 0.0);
        const double atTau = relativeStd(tau), expected = 0.1 * std::sqrt(1 - std::exp(-1.0));
        QVERIFY2(std::fabs(atTau / expected - 1) < 0.03, qPrintable(QString("%1 vs %2").arg(atTau).arg(expected)));
        QVERIFY(relativeStd(0.1 * tau) < atTau);
        QVERIFY(std::fabs(relativeStd(10 * tau) / relativeStd(100 * tau) - 1) < 1e-4);   // saturated
        // A layer loses more the longer the cells relaxed.
        const Problem p = makeProblem(9);
        DesignPoint layer = pcmPoint(0, DriftCompensation::None);
        layer.noise.pcm.enabled = false;
        layer.noise.relaxation_sigma_rel = 0.1;
        double last = 0;
        for (double t : {300.0, 1800.0, 36000.0}) {
            layer.noise.drift.t_s = t;
            const double err = meanError(p, layer);
            QVERIFY2(err > last, qPrintable(QString("t %1 s: %2 after %3").arg(t).arg(err).arg(last)));
            last = err;
        }
        // Refused outside device mode and beside the PCM model.
        try {
            designPointFromJson({{"noise", {{"relaxation_sigma_rel", 0.05}}}});
            QFAIL("relaxation without device mode was accepted");
        } catch (const InputError& err) {
            QCOMPARE(QString::fromStdString(err.key()), QString("noise.relaxation_sigma_rel"));
        }
    }

    void sameSeedSameNumbersForAnyThreadCount()
    {
        QVERIFY(test::sameNumbersForAnyThreadCount(makeProblem(4), pcmPoint(kDay, DriftCompensation::Column)));
    }

    void designPointRefusesBadCombinations()
    {
        const auto refusal = test::designPointRefusal;
        QVERIFY(refusal({{"noise", {{"pcm", {{"enabled", true}}}}}}).find("noise.pcm.enabled") != std::string::npos);
        QVERIFY(refusal({{"noise", {{"mode", "device"}, {"pcm", {{"enabled", true}}}, {"drift", {{"t_s", 100.0}, {"nu", 0.05}}}}}})
                    .find("noise.pcm.enabled")
                != std::string::npos);
        QVERIFY(refusal({{"noise", {{"drift_compensation", "global"}}}}).find("noise.drift_compensation") != std::string::npos);
        QVERIFY(refusal({{"noise", {{"mode", "device"}, {"drift_compensation", "sideways"}}}}).find("noise.drift_compensation")
                != std::string::npos);
        QVERIFY(refusal({{"noise", {{"mode", "device"}, {"pcm", {{"enabled", true}, {"t_s", -1.0}}}}}}).find("noise.pcm.t_s")
                != std::string::npos);
        const nlohmann::json ok = {{"noise", {{"mode", "device"}, {"pcm", {{"enabled", true}, {"t_s", 86400.0}}}, {"drift_compensation", "column"}}}};
        QCOMPARE(refusal(ok), std::string());
        const DesignPoint back = designPointFromJson(designPointToJson(designPointFromJson(ok)));
        QVERIFY(back.noise.pcm.enabled);
        QCOMPARE(back.noise.pcm.t_s, 86400.0);
        QVERIFY(back.noise.drift_compensation == DriftCompensation::Column);
    }
};

QTEST_APPLESS_MAIN(TestPcmDrift)
#include "tst_pcm_drift.moc"
