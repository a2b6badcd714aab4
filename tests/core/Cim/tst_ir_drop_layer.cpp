// IR drop inside the CIM operator (docs/simulation.md, "IR drop"): vanishing wires equal no IR
// drop; the crossbar's transfer-matrix reads equal a direct network solve of the same read; the
// error grows with wire resistance and with the array's rows; reads only lose current; the same
// seed gives the same numbers for any thread count; the design point refuses what the model does
// not cover, naming the key.
#include "CimLayerChecks.h"
#include "cim/CrossbarSolver.h"
#include "cim/IrDropArrays.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace kh;
using namespace kh::cim;

namespace {

using Problem = test::LayerProblem;

// Unsigned 4-bit inputs and 8-bit weights with some zero inputs. nonNegative: weights in [0, 127],
// so that with two's complement slices every read only adds (no sign or offset column subtracts a
// read that loses current too) and the IR-drop error has one sign.
Problem makeProblem(unsigned seed, bool nonNegative = false)
{
    return test::randomLayerProblem(10, 200, 4, nonNegative ? 0 : -128, 127, 15, 4, seed);
}

// 1-bit cells, bit-serial inputs, a lossless clip ADC: without IR drop every output is exact.
DesignPoint irDropPoint(int rows, double wireOhm, AccessType access)
{
    DesignPoint dp;
    dp.array.rows = rows;
    dp.array.cols = 64;
    dp.array.parallel_rows = rows;
    dp.device.access = access;
    dp.device.cell_bits = 1;
    dp.device.r_on_ohm = 100e3;
    dp.device.on_off_ratio = 10;
    dp.precision.weight_bits = 8;
    dp.precision.input_bits = 4;
    dp.precision.dac_bits = 1;
    dp.mapping.input_encoding = InputEncoding::BitSerial;
    dp.precision.adc_bits = losslessAdcBits(dp);
    dp.noise.ir_drop.enabled = true;
    dp.noise.ir_drop.row_wire_ohm = wireOhm;
    dp.noise.ir_drop.col_wire_ohm = wireOhm;
    return dp;
}

// Mean of exact − y over the outputs; every term must be ≥ 0 (current is only lost).
double meanLoss(const std::vector<double>& y, const std::vector<std::int64_t>& exact)
{
    double e = 0;
    for (size_t i = 0; i < y.size(); ++i) {
        if (y[i] > double(exact[i]))
            return -1;
        e += double(exact[i]) - y[i];
    }
    return e / double(y.size());
}

DesignPoint positivePoint(int rows, double wireOhm, AccessType access)
{
    DesignPoint dp = irDropPoint(rows, wireOhm, access);
    dp.mapping.weight_encoding = WeightEncoding::TwosComplement;
    return dp;
}

} // namespace

class TestIrDropLayer : public QObject {
    Q_OBJECT
private slots:
    void vanishingWiresEqualNoIrDrop()
    {
        const Problem p = makeProblem(1);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        for (AccessType access : {AccessType::OneT1R, AccessType::Crossbar}) {
            DesignPoint dp = irDropPoint(64, 1e-9, access);
            CimLayer layer(p.w, p.m, p.n, dp, 0);
            const std::vector<double> y = layer.run(p.x, p.batch, false);
            QCOMPARE(y.size(), exact.size());
            for (size_t i = 0; i < y.size(); ++i)
                QCOMPARE(y[i], double(exact[i]));
        }
    }

    void crossbarTransferEqualsDirectSolve()
    {
        // A selector-less crossbar drives every row of a block (zero digits at 0 V): the
        // precomputed transfer reads must equal one network solve of the same read.
        DesignPoint dp = irDropPoint(32, 2.0, AccessType::Crossbar);
        dp.array.cols = 24;
        dp.array.parallel_rows = 16;
        const int inputs = 40, columns = 30;
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        std::vector<double> normalized(size_t(inputs * columns));
        for (double& v : normalized)
            v = u(rng) < 0.5 ? 0.0 : 1.0;
        const double g0 = 1e-6, g1 = 1e-5;
        const IrDropArrays arrays(normalized, inputs, columns, dp, g0, g1);
        QVERIFY(arrays.linear());
        std::uniform_int_distribution<std::int64_t> digit(0, 1);
        std::vector<std::int64_t> digits(static_cast<size_t>(inputs));
        for (auto& d : digits)
            d = digit(rng);
        const double vpd = dp.device.read_voltage_v;
        const CrossbarWires wires = IrDropArrays::wires(dp);
        // The block [32, 40) of the second array, and the block [16, 32) of the first.
        for (auto [arrayStart, b0, b1] : {std::tuple{32, 32, 40}, std::tuple{0, 16, 32}}) {
            std::vector<double> reads(static_cast<size_t>(columns));
            arrays.blockReads(digits.data(), arrayStart, b0, b1, reads.data());
            std::vector<int> positions;
            std::vector<double> volts;
            std::int64_t digitSum = 0;
            for (int r = b0; r < b1; ++r) {
                positions.push_back(r - arrayStart);
                volts.push_back(double(digits[size_t(r)]) * vpd);
                digitSum += digits[size_t(r)];
            }
            for (int c0 = 0; c0 < columns; c0 += dp.array.cols) {
                const int width = std::min(dp.array.cols, columns - c0);
                std::vector<double> g, amps(static_cast<size_t>(width));
                for (int r = b0; r < b1; ++r)
                    for (int c = c0; c < c0 + width; ++c)
                        g.push_back(g0 + normalized[size_t(r * columns + c)] * (g1 - g0));
                CrossbarSolver solver(wires, dp.array.rows);
                QVERIFY(solver.solve(positions, volts, g.data(), width, amps.data()) > 0);
                for (int c = 0; c < width; ++c) {
                    const double direct = (amps[size_t(c)] / vpd - g0 * double(digitSum)) / (g1 - g0);
                    QVERIFY2(std::fabs(reads[size_t(c0 + c)] - direct) <= 1e-6 * std::max(1.0, std::fabs(direct)),
                             qPrintable(QString("column %1: %2 vs %3").arg(c0 + c).arg(reads[size_t(c0 + c)]).arg(direct)));
                }
            }
        }
    }

    void negligibleDropShortcutIsExact()
    {
        // Integer levels read by a rounding ADC: a read whose loss bound is under half a step
        // skips the solve. Wherever it does, the solved read must round to the same integer.
        DesignPoint dp = irDropPoint(128, 1.0, AccessType::OneT1R);
        dp.array.cols = 32;
        const int inputs = 128, columns = 48;
        std::mt19937 rng(8);
        std::vector<double> levels(size_t(inputs * columns));
        for (double& v : levels)
            v = double(rng() % 2);
        IrDropArrays solved(levels, inputs, columns, dp, 1e-6, 1e-5), shortcut(levels, inputs, columns, dp, 1e-6, 1e-5);
        shortcut.setRoundedReads(true);
        int skipped = 0, dense = 0;
        for (int trial = 0; trial < 60; ++trial) {
            const int active = 1 + trial % 30;   // sparse to moderately dense bit planes
            std::vector<std::int64_t> digits(static_cast<size_t>(inputs), 0);
            for (int k = 0; k < active; ++k)
                digits[size_t(rng() % inputs)] = 1;
            std::vector<double> a(static_cast<size_t>(columns)), b(static_cast<size_t>(columns)), ideal(static_cast<size_t>(columns));
            solved.blockReads(digits.data(), 0, 0, inputs, a.data());
            shortcut.blockReads(digits.data(), 0, 0, inputs, b.data());
            const bool skip = shortcut.idealIfNegligible(digits.data(), 0, inputs, ideal.data());
            skipped += skip;
            for (int c = 0; c < columns; ++c) {
                QCOMPARE(std::round(a[size_t(c)]), std::round(b[size_t(c)]));
                if (skip)
                    QCOMPARE(b[size_t(c)], ideal[size_t(c)]);
            }
        }
        std::vector<std::int64_t> all(static_cast<size_t>(inputs), 1);
        std::vector<double> scratch(static_cast<size_t>(columns));
        dense = shortcut.idealIfNegligible(all.data(), 0, inputs, scratch.data());
        QVERIFY2(skipped > 0, "no sparse read was found negligible");
        QVERIFY2(!dense, "a full array at 1 ohm per cell is not negligible");
        // Rows at different voltages (multi-bit digits) are never taken as negligible.
        std::vector<std::int64_t> mixed(static_cast<size_t>(inputs), 0);
        mixed[0] = 1;
        mixed[1] = 2;
        QVERIFY(!shortcut.idealIfNegligible(mixed.data(), 0, inputs, scratch.data()));
    }

    void readsOnlyLoseCurrent()
    {
        // Every cell at or above g_0 and every input non-negative: wire resistance can only take
        // current away, and the farthest columns of a full array lose more than the nearest.
        DesignPoint dp = irDropPoint(64, 5.0, AccessType::OneT1R);
        const int inputs = 64, columns = 64;
        const std::vector<double> normalized(size_t(inputs * columns), 1.0);
        const IrDropArrays arrays(normalized, inputs, columns, dp, 1e-6, 1e-5);
        const std::vector<std::int64_t> digits(static_cast<size_t>(inputs), 1);
        std::vector<double> reads(static_cast<size_t>(columns));
        arrays.blockReads(digits.data(), 0, 0, inputs, reads.data());
        for (double r : reads)
            QVERIFY(r < double(inputs));
        QVERIFY(reads.back() < reads.front());
        QVERIFY(reads.front() > 0.5 * double(inputs));
    }

    void errorGrowsWithWireResistance()
    {
        const Problem p = makeProblem(2, true);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        for (AccessType access : {AccessType::OneT1R, AccessType::Crossbar}) {
            double last = 0;
            for (double ohm : {0.5, 2.0, 8.0}) {
                const std::vector<double> y = CimLayer(p.w, p.m, p.n, positivePoint(128, ohm, access), 0).run(p.x, p.batch, false);
                const double e = meanLoss(y, exact);
                QVERIFY2(e > last, qPrintable(QString("%1 ohm: error %2 after %3").arg(ohm).arg(e).arg(last)));
                last = e;
            }
        }
    }

    void errorGrowsWithArrayRows()
    {
        const Problem p = makeProblem(3, true);
        const std::vector<std::int64_t> exact = CimLayer::exactProduct(p.w, p.m, p.n, p.x, p.batch);
        double last = -0.5;   // 32 rows may still round to the exact sums
        for (int rows : {32, 64, 128, 256}) {
            const std::vector<double> y = CimLayer(p.w, p.m, p.n, positivePoint(rows, 2.0, AccessType::OneT1R), 0).run(p.x, p.batch, false);
            const double e = meanLoss(y, exact);
            QVERIFY2(e >= 0, "a read gained current");
            QVERIFY2(e > last, qPrintable(QString("%1 rows: error %2 after %3").arg(rows).arg(e).arg(last)));
            last = e;
        }
    }

    void nodeWiresAreUsedWhenUnset()
    {
        DesignPoint dp = irDropPoint(128, 1.0, AccessType::OneT1R);
        dp.noise.ir_drop.row_wire_ohm.reset();
        dp.noise.ir_drop.col_wire_ohm.reset();
        const CrossbarWires w = IrDropArrays::wires(dp);
        QVERIFY(w.row_segment_ohm > 0 && w.col_segment_ohm > 0);
        // A finer node has thinner wires: more resistance per cell.
        DesignPoint fine = dp;
        fine.technology.node_nm = 7;
        dp.technology.node_nm = 45;
        QVERIFY(IrDropArrays::wires(fine).row_segment_ohm > IrDropArrays::wires(dp).row_segment_ohm);
    }

    void sameSeedSameNumbersForAnyThreadCount()
    {
        DesignPoint dp = irDropPoint(128, 2.0, AccessType::OneT1R);
        dp.noise.mode = NoiseMode::Device;
        dp.noise.read_noise_rel = 0.02;
        dp.device.mem_states = {{1e-5, 5e-7}, {1e-4, 3e-6}};
        QVERIFY(test::sameNumbersForAnyThreadCount(makeProblem(4), dp));
    }

    void designPointRefusesWhatTheModelDoesNotCover()
    {
        const auto refusal = test::designPointRefusal;
        const nlohmann::json circuit = {{"noise", {{"mode", "circuit"}, {"output_sigma", 1.0}, {"ir_drop", {{"enabled", true}}}}}};
        QVERIFY(refusal(circuit).find("noise.ir_drop.enabled") != std::string::npos);
        const nlohmann::json sram = {{"device", {{"type", "SRAM"}, {"access", "6T"}}}, {"noise", {{"ir_drop", {{"enabled", true}}}}}};
        QVERIFY(refusal(sram).find("noise.ir_drop.enabled") != std::string::npos);
        const nlohmann::json negative = {{"noise", {{"ir_drop", {{"enabled", true}, {"row_wire_ohm", -1.0}}}}}};
        QVERIFY(refusal(negative).find("noise.ir_drop.row_wire_ohm") != std::string::npos);
        const nlohmann::json ok = {{"noise", {{"ir_drop", {{"enabled", true}, {"row_wire_ohm", 1.5}, {"sense_ohm", 100.0}}}}}};
        QCOMPARE(refusal(ok), std::string());
        const DesignPoint dp = designPointFromJson(ok);
        QCOMPARE(*dp.noise.ir_drop.row_wire_ohm, 1.5);
        QVERIFY(!dp.noise.ir_drop.col_wire_ohm);
        // Round trip through JSON.
        const DesignPoint back = designPointFromJson(designPointToJson(dp));
        QCOMPARE(*back.noise.ir_drop.row_wire_ohm, 1.5);
        QCOMPARE(back.noise.ir_drop.sense_ohm, 100.0);
        QVERIFY(back.noise.ir_drop.enabled);
    }
};

QTEST_APPLESS_MAIN(TestIrDropLayer)
#include "tst_ir_drop_layer.moc"
