// Pulse inputs (mapping.input_encoding pulse_count and pulse_width): the column integrates the
// whole multi-bit input before one conversion. With a lossless ADC that is still exactly W·x; with
// an ADC that clips the integrated sum it is not, where bit-serial reads of the same ADC stay exact;
// both pulse schemes integrate the same charge, so the simulator gives them the same numbers; and
// the design point refuses the combinations the model does not cover, at the key.
#include "cim/CimLayer.h"
#include "common/InputError.h"
#include "spec/DesignPointJson.h"

#include <QTest>

#include <random>

using namespace kh;
using namespace kh::cim;

namespace {
struct Problem {
    int m = 10, n = 200, batch = 5;
    std::vector<std::int64_t> w, x;
};

Problem makeProblem(bool signedInputs, unsigned seed)
{
    Problem p;
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::int64_t> wd(-128, 127), xd(signedInputs ? -128 : 0, signedInputs ? 127 : 255);
    for (int i = 0; i < p.m * p.n; ++i)
        p.w.push_back(wd(rng));
    for (int i = 0; i < p.batch * p.n; ++i)
        p.x.push_back(i % 4 == 0 ? 0 : xd(rng));
    return p;
}

DesignPoint pulsePoint(InputEncoding encoding, int parallelRows)
{
    DesignPoint dp;
    dp.array.rows = 64;
    dp.array.cols = 64;
    dp.array.parallel_rows = parallelRows;
    dp.device.cell_bits = 2;
    dp.mapping.input_encoding = encoding;
    dp.precision.adc_bits = losslessAdcBits(dp);
    return dp;
}

std::vector<double> emulated(const DesignPoint& dp, const Problem& p, bool signedInputs)
{
    CimLayer layer(p.w, p.m, p.n, dp, 3);
    layer.setExactShortcut(false);
    return layer.run(p.x, p.batch, signedInputs);
}

std::vector<double> exact(const Problem& p)
{
    const std::vector<std::int64_t> e = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
    return std::vector<double>(e.begin(), e.end());
}
} // namespace

class TestPulseInputs : public QObject {
    Q_OBJECT
private slots:
    void oneConversionPerInputAndAWiderRange()
    {
        DesignPoint dp = pulsePoint(InputEncoding::PulseCount, 16);
        QCOMPARE(inputCycles(dp), 1);
        QCOMPARE(bitsPerConversion(dp), 8);
        QCOMPARE(pulseSlots(dp), 255);
        QCOMPARE(maxPartialSum(dp), 16LL * 255 * 3);
        dp.mapping.input_encoding = InputEncoding::BitSerial;
        QCOMPARE(inputCycles(dp), 8);
        QCOMPARE(pulseSlots(dp), 1);
        QCOMPARE(maxPartialSum(dp), 16LL * 1 * 3);
    }

    void losslessAdcGivesTheExactProduct()
    {
        for (InputEncoding enc : {InputEncoding::PulseCount, InputEncoding::PulseWidth})
            for (int par : {8, 64})
                for (bool s : {false, true}) {
                    const Problem p = makeProblem(s, unsigned(par + (s ? 1 : 0)));
                    const DesignPoint dp = pulsePoint(enc, par);
                    QVERIFY(CimLayer(p.w, p.m, p.n, dp, 0).adc().lossless());
                    QCOMPARE(emulated(dp, p, s), exact(p));
                }
    }

    // A 6-bit clip ADC holds every bit-serial partial sum of 16 rows of 2-bit cells (≤ 48) but
    // not the integrated sums (≤ 16 · 255 · 3): bit-serial stays exact, pulse inputs clip, and
    // every converted read is at most the ADC's top code.
    void integrationClipsWhereBitPlanesDoNot()
    {
        const Problem p = makeProblem(false, 11);
        DesignPoint serial = pulsePoint(InputEncoding::BitSerial, 16);
        serial.precision.adc_bits = 6;
        QVERIFY(serial.precision.adc_bits >= losslessAdcBits(serial));
        QCOMPARE(emulated(serial, p, false), exact(p));
        DesignPoint pulses = serial;
        pulses.mapping.input_encoding = InputEncoding::PulseCount;
        const std::vector<double> clipped = emulated(pulses, p, false), ideal = exact(p);
        int differ = 0;
        for (size_t i = 0; i < ideal.size(); ++i)
            differ += clipped[i] != ideal[i];
        QVERIFY2(differ > int(ideal.size()) / 2, qPrintable(QString::number(differ)));
        // Each output is a sum over (column slice, row block) conversions of at most 63, weighted by
        // the slice's place value: bounded by 63 · blocks · Σ place values of the data columns.
        const double bound = 63.0 * ((p.n + 15) / 16) * (1 + 4 + 16 + 64);
        for (double y : clipped)
            QVERIFY(std::fabs(y) <= bound);
    }

    void bothPulseSchemesIntegrateTheSameCharge()
    {
        for (NoiseMode mode : {NoiseMode::None, NoiseMode::Device}) {
            const Problem p = makeProblem(true, 5);
            DesignPoint count = pulsePoint(InputEncoding::PulseCount, 32);
            count.precision.adc_bits = 9;
            count.noise.mode = mode;
            if (mode == NoiseMode::Device) {
                for (int s = 0; s < 4; ++s)
                    count.device.mem_states.push_back({1e-6 * (1 + 3 * s), 1e-7 * (1 + s)});
                count.noise.read_noise_rel = 0.02;
            }
            DesignPoint width = count;
            width.mapping.input_encoding = InputEncoding::PulseWidth;
            QCOMPARE(emulated(count, p, true), emulated(width, p, true));
        }
    }

    void designPointRefusesWhatTheModelDoesNotCover()
    {
        auto errorKey = [](const nlohmann::json& j) -> std::string {
            try {
                designPointFromJson(j);
            } catch (const InputError& e) {
                return e.key();
            }
            return "accepted";
        };
        const nlohmann::json base = {{"mapping", {{"input_encoding", "pulse_width"}}}};
        QCOMPARE(errorKey(base), std::string("accepted"));
        nlohmann::json j = base;
        j["precision"]["dac_bits"] = 2;
        QCOMPARE(errorKey(j), std::string("precision.dac_bits"));
        j = base;
        j["precision"]["input_bits"] = 13;
        QCOMPARE(errorKey(j), std::string("precision.input_bits"));
        j = base;
        j["noise"]["ir_drop"]["enabled"] = true;
        QCOMPARE(errorKey(j), std::string("noise.ir_drop.enabled"));
        j = base;
        j["mapping"]["input_encoding"] = "pulse_train";
        QCOMPARE(errorKey(j), std::string("mapping.input_encoding"));
    }
};

QTEST_APPLESS_MAIN(TestPulseInputs)
#include "tst_pulse_inputs.moc"
