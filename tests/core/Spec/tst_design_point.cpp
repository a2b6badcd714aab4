// Design point JSON: defaults, round trips, and that every kind of bad input names the key's path.
#include "common/InputError.h"
#include "spec/DesignPointJson.h"

#include <QDir>
#include <QTest>

using namespace kh;
using nlohmann::json;

class TestDesignPoint : public QObject {
    Q_OBJECT

    static QString errorOf(const json& j)
    {
        try {
            designPointFromJson(j);
        } catch (const InputError& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    void emptyObjectGivesDocumentedDefaults()
    {
        const DesignPoint dp = designPointFromJson(json::object());
        QCOMPARE(dp.technology.node_nm, 22);
        QCOMPARE(dp.array.rows, 128);
        QCOMPARE(dp.precision.adc_bits, 5);
        QCOMPARE(dp.device.on_off_ratio, 17.0);
        QCOMPARE(dp.chip.speedup, 0);   // "auto"
        QVERIFY(dp.noise.mode == NoiseMode::None);
    }

    void writtenPointRoundTripsExactly()
    {
        DesignPoint dp;
        dp.technology.node_nm = 7;
        dp.technology.vdd_v = 0.65;
        dp.device.type = DeviceType::FeFET;
        dp.device.access = AccessType::OneFeFET;
        dp.device.cell_bits = 2;
        dp.device.mem_states = {{1e-9, 0}, {1e-7, 1e-9}, {2e-7, 0}, {3e-7, 2e-9}};
        dp.array.parallel_rows = 64;
        dp.precision.adc_type = AdcType::Sar;
        dp.precision.adc_mode = AdcMode::Nonlinear;
        dp.mapping.conv = ConvMapping::Novel;
        dp.mapping.weight_encoding = WeightEncoding::TwosComplement;
        dp.noise.mode = NoiseMode::Device;
        dp.noise.drift.mode = DriftMode::Target;
        dp.noise.drift.target = 0.25;
        dp.chip.interconnect = InterconnectType::HTree;
        dp.chip.speedup = 4;
        dp.chip.clock_ghz = 1.5;
        dp.evaluation.seed = 1234567890123ULL;
        dp.noise.output_noise = {{0, 0.1, 0.2}, {1, 1.05, 0.3}, {4, 3.9, 0.5}};
        const json once = designPointToJson(dp);
        const json twice = designPointToJson(designPointFromJson(once));
        QCOMPARE(QString::fromStdString(twice.dump()), QString::fromStdString(once.dump()));
        const DesignPoint back = designPointFromJson(once);
        QCOMPARE(back.device.mem_states.size(), size_t(4));
        QCOMPARE(back.device.mem_states[1].g_sigma_s, 1e-9);
        QCOMPARE(*back.noise.drift.target, 0.25);
        QCOMPARE(back.evaluation.seed, 1234567890123ULL);
        QCOMPARE(back.noise.output_noise.size(), size_t(3));
        QCOMPARE(back.noise.output_noise[2].output, 4LL);
    }

    void badInputNamesTheKeyPath_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown top key") << R"({"technolgy": {}})" << "technolgy: unknown key";
        QTest::newRow("unknown nested key") << R"({"array": {"rowz": 4}})" << "array.rowz: unknown key";
        QTest::newRow("wrong type") << R"({"array": {"rows": "many"}})" << "array.rows: expected an integer";
        QTest::newRow("fractional int") << R"({"array": {"rows": 12.5}})" << "array.rows: expected an integer";
        QTest::newRow("out of range") << R"({"precision": {"adc_bits": 40}})" << "precision.adc_bits: must be in [1, 16]";
        QTest::newRow("negative") << R"({"device": {"r_on_ohm": -5}})" << "device.r_on_ohm: must be in";
        QTest::newRow("bad enum") << R"({"device": {"type": "DRAM"}})" << "device.type: unknown value \"DRAM\"";
        QTest::newRow("section not object") << R"({"noise": 3})" << "noise: expected an object";
        QTest::newRow("nested saf") << R"({"noise": {"saf": {"p_stuck_min": 2}}})" << "noise.saf.p_stuck_min: must be in";
        QTest::newRow("saf sum") << R"({"noise": {"saf": {"p_stuck_min": 0.6, "p_stuck_max": 0.6}}})" << "noise.saf:";
        QTest::newRow("drift target") << R"({"noise": {"drift": {"mode": "target"}}})" << "noise.drift.target: required";
        QTest::newRow("parallel rows") << R"({"array": {"rows": 64, "parallel_rows": 128}})" << "array.parallel_rows: must not exceed";
        QTest::newRow("dac bits") << R"({"precision": {"input_bits": 4, "dac_bits": 8}})" << "precision.dac_bits";
        QTest::newRow("bit serial needs 1b dac") << R"({"precision": {"dac_bits": 2}})" << "precision.dac_bits: must be 1";
        QTest::newRow("sram cell bits") << R"({"device": {"type": "SRAM", "cell_bits": 2}})" << "device.cell_bits: an SRAM cell";
        QTest::newRow("node") << R"({"technology": {"node_nm": 12}})" << "technology.node_nm: no technology data for 12 nm";
        QTest::newRow("mem states count") << R"({"device": {"cell_bits": 2, "mem_states": [[1,0],[2,0]]}})"
                                          << "device.mem_states: has 2 states; 4";
        QTest::newRow("mem state row") << R"({"device": {"mem_states": [[1,0],[2]]}})" << "device.mem_states[1]: expected";
        QTest::newRow("speedup") << R"({"chip": {"speedup": "fast"}})" << "chip.speedup: expected \"auto\"";
        QTest::newRow("circuit needs table") << R"({"noise": {"mode": "circuit"}})" << "noise.output_noise: required";
        QTest::newRow("seed negative") << R"({"evaluation": {"seed": -1}})" << "evaluation.seed: must be non-negative";
        QTest::newRow("output noise row") << R"({"noise": {"output_noise": [[0, 0, 0], [0, 1, 0]]}})" << "noise.output_noise[1]: output levels must increase";
        QTest::newRow("output noise type") << R"({"noise": {"output_noise": 5}})" << "noise.output_noise: expected a file path";
        QTest::newRow("root not object") << R"([1, 2])" << "<root>: expected an object";
    }
    void badInputNamesTheKeyPath()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString error = errorOf(json::parse(text.toStdString()));
        QVERIFY2(error.contains(expected), qPrintable("got: " + error));
    }

    void syntaxErrorsGiveFileLineColumn()
    {
        try {
            parseJsonText("{\n  \"array\": {\n    \"rows\": 12,,\n  }\n}", "dp.json");
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith("dp.json:3:"), e.what());
        }
    }

    void unsetParallelRowsFollowRows()
    {
        const DesignPoint dp = designPointFromJson(json::parse(R"({"array": {"rows": 64, "cols": 4}})"));
        QCOMPARE(dp.array.parallel_rows, 64);
        QCOMPARE(dp.array.cols_per_adc, 4);
    }

    void commentsAreAllowed()
    {
        const json j = parseJsonText("{ // a comment\n \"array\": {\"rows\": 64} }", "x.json");
        QCOMPARE(designPointFromJson(j).array.rows, 64);
    }

    void missingFileIsAnInputError()
    {
        QVERIFY_THROWS_EXCEPTION(InputError, loadDesignPointFile("/nonexistent/dp.json"));
    }

    void fileErrorsArePrefixedWithThePath()
    {
        const QString path = QDir::temp().filePath("kh_bad_dp.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"array": {"cols": 0}})");
        f.close();
        try {
            loadDesignPointFile(path.toStdString());
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).contains(path + ": array.cols: must be in"), e.what());
        }
    }

    void everyShippedDesignPresetLoads()
    {
        const QDir dir(QString(KIRCHHOFF_TEST_PRESETS) + "/designs");
        const QStringList files = dir.entryList({"*.json"});
        QVERIFY(files.size() >= 3);
        for (const QString& f : files)
            loadDesignPointFile(dir.filePath(f).toStdString());
    }

    void derivedQuantities()
    {
        DesignPoint dp;
        dp.precision.weight_bits = 8;
        dp.device.cell_bits = 3;
        QCOMPARE(cellsPerWeight(dp), 3);
        dp.array.parallel_rows = 128;
        dp.device.cell_bits = 1;
        QCOMPARE(maxPartialSum(dp), 128LL);
        QCOMPARE(losslessAdcBits(dp), 8);   // 2^7 - 1 = 127 < 128
        dp.array.parallel_rows = 127;
        QCOMPARE(losslessAdcBits(dp), 7);
        dp.device.cell_bits = 2;
        dp.precision.dac_bits = 2;
        dp.precision.input_bits = 8;
        QCOMPARE(inputCycles(dp), 4);
        QCOMPARE(maxPartialSum(dp), 127LL * 3 * 3);
    }
};

QTEST_APPLESS_MAIN(TestDesignPoint)
#include "tst_design_point.moc"
