// kirchhoff-cli ppa end to end: report and JSON with the contract's names, exit codes for bad input.
#include "io/Npy.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject {
    Q_OBJECT

    struct Result {
        int code;
        QString out, err;
    };
    static Result cli(const QStringList& args)
    {
        QProcess p;
        p.setWorkingDirectory(QString(KIRCHHOFF_TEST_PRESETS) + "/..");
        p.start(KIRCHHOFF_CLI_PATH, args);
        if (!p.waitForFinished(120000))
            return {-1, {}, "timeout"};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
    }
    static QString writeFile(QTemporaryDir& dir, const QString& name, const QByteArray& content)
    {
        const QString path = dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return path;
    }
    // 30 % spread of G_on and 4 % stuck cells: enough loss for fine-tuning to show on the MLP.
    static QString writeNoisyPoint(QTemporaryDir& dir)
    {
        return writeFile(dir, "dp.json",
                         R"({"device": {"mem_states": [[1e-5, 3e-6], [1.7e-4, 5.1e-5]]},
                             "mapping": {"weight_encoding": "differential"},
                             "noise": {"mode": "device", "saf": {"p_stuck_min": 0.02, "p_stuck_max": 0.02}}})");
    }

private slots:
    void ppaWritesReportAndContractJson()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("r.json");
        const Result r = cli({"ppa", "--network", "presets/networks/vgg8.csv", "--config",
                              "presets/designs/neurosim_vgg8_rram22.json", "--json", out});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("TOPS/W"));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
        for (const char* key : {"area_mm2", "latency_ns", "energy_pj", "leakage_uw", "tops", "tops_per_w", "tops_per_mm2",
                                "fps", "layers", "breakdown", "floorplan", "config"})
            QVERIFY2(j.contains(key), key);
        QCOMPARE(j["layers"].toArray().size(), 8);
        QVERIFY(j["tops_per_w"].toDouble() > 1.0);
        QVERIFY(j["breakdown"].toObject()["area_mm2"].toObject().contains("adc"));
    }

    void presetNamesResolve()
    {
        const Result r = cli({"ppa", "--network", "resnet18_cifar100", "--config", "neurosim_vgg8_sram5", "--json", "-", "--quiet"});
        QCOMPARE(r.code, 0);
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).object().contains("fps"));
    }

    void badInputExitsTwoWithLocation_data()
    {
        QTest::addColumn<QByteArray>("network");
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated csv") << QByteArray("32,32,3,3,3,128,0,1\n32,32,128\n") << QByteArray("{}") << "net.csv:2:";
        QTest::newRow("negative csv") << QByteArray("32,32,-3,3,3,128,0,1\n") << QByteArray("{}") << "net.csv:1: IFM_C";
        QTest::newRow("empty csv") << QByteArray("") << QByteArray("{}") << "net.csv:1: no layers";
        QTest::newRow("unknown key") << QByteArray("1,1,8,1,1,8,0,1\n") << QByteArray(R"({"array": {"rowz": 1}})") << "dp.json: array.rowz: unknown key";
        QTest::newRow("json syntax") << QByteArray("1,1,8,1,1,8,0,1\n") << QByteArray("{\n\"array\": }") << "dp.json:2:";
    }
    void badInputExitsTwoWithLocation()
    {
        QFETCH(QByteArray, network);
        QFETCH(QByteArray, config);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const Result r = cli({"ppa", "--network", writeFile(dir, "net.csv", network), "--config", writeFile(dir, "dp.json", config)});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    }

    void mvmLosslessEqualsExactProduct()
    {
        QTemporaryDir dir;
        const int m = 5, n = 200, b = 3;
        std::vector<std::int64_t> w, x;
        for (int i = 0; i < m * n; ++i)
            w.push_back((i * 37) % 255 - 127);
        for (int i = 0; i < b * n; ++i)
            x.push_back((i * 53) % 256 - 128);   // signed inputs
        writeFile(dir, "w.npy", QByteArray::fromStdString(kh::formatNpyInt64({size_t(m), size_t(n)}, w)));
        writeFile(dir, "x.npy", QByteArray::fromStdString(kh::formatNpyInt64({size_t(b), size_t(n)}, x)));
        // 2-bit cells, 64 rows in parallel: partial sums up to 64·1·3 = 192 -> 8-bit ADC is lossless.
        const QString dp = writeFile(dir, "dp.json", R"({"device": {"cell_bits": 2}, "array": {"parallel_rows": 64},
            "precision": {"adc_bits": 8}, "mapping": {"weight_encoding": "differential"}})");
        const Result r = cli({"mvm", "--config", dp, "--weights", dir.filePath("w.npy"), "--inputs", dir.filePath("x.npy"),
                              "--out", dir.filePath("y.npy")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile f(dir.filePath("y.npy"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const kh::NpyArray y = kh::parseNpy(f.readAll().toStdString(), "y.npy");
        QCOMPARE(y.shape, (std::vector<size_t>{size_t(b), size_t(m)}));
        for (int bi = 0; bi < b; ++bi)
            for (int o = 0; o < m; ++o) {
                std::int64_t exact = 0;
                for (int i = 0; i < n; ++i)
                    exact += w[size_t(o * n + i)] * x[size_t(bi * n + i)];
                QCOMPARE(y.ints[size_t(bi * m + o)], exact);
            }
    }

    void mvmBadFilesExitTwo()
    {
        QTemporaryDir dir;
        const QString dp = writeFile(dir, "dp.json", "{}");
        writeFile(dir, "w.npy", QByteArray::fromStdString(kh::formatNpyInt64({1, 2}, {300, 0})));   // not 8-bit
        writeFile(dir, "x.npy", QByteArray::fromStdString(kh::formatNpyInt64({1, 2}, {1, 2})));
        writeFile(dir, "bad.npy", "garbage");
        Result r = cli({"mvm", "--config", dp, "--weights", dir.filePath("w.npy"), "--inputs", dir.filePath("x.npy"), "--out", dir.filePath("y.npy")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("w.npy: weights: element 0 = 300"), qPrintable(r.err));
        r = cli({"mvm", "--config", dp, "--weights", dir.filePath("bad.npy"), "--inputs", dir.filePath("x.npy"), "--out", dir.filePath("y.npy")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("bad.npy: not a NumPy .npy file"), qPrintable(r.err));
        writeFile(dir, "w2.npy", QByteArray::fromStdString(kh::formatNpyInt64({1, 3}, {1, 2, 3})));
        r = cli({"mvm", "--config", dp, "--weights", dir.filePath("w2.npy"), "--inputs", dir.filePath("x.npy"), "--out", dir.filePath("y.npy")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("x.npy: inputs must have shape B x 3"), qPrintable(r.err));
    }

#ifdef KIRCHHOFF_TRAINING
    // finetune end to end on a few images: the tuned ONNX loads in eval, the log records every
    // epoch and the before/after test accuracy on fresh chips.
    void finetuneWritesAModelThatEvaluates()
    {
        QTemporaryDir dir;
        const QString dp = writeNoisyPoint(dir);
        const QString out = dir.filePath("tuned.onnx"), log = dir.filePath("log.json");
        Result r = cli({"finetune", "--model", "presets/models/mlp_fashion.onnx", "--config", dp, "--out", out, "--log", log, "--epochs", "1",
                        "--train-images", "640", "--validation-images", "200", "--validation-chips", "1", "--images", "100", "--chips", "1",
                        "--quiet"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("Test         100 images, 1 fresh chips"), qPrintable(r.out));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(j["epochs"].toArray().size(), 2);
        QCOMPARE(j["steps"].toInt(), 5);   // 640 images in batches of 128
        QVERIFY(j["test_after"].toObject()["accuracy"].toDouble() > 0.3);
        QVERIFY(j["epochs"].toArray()[1].toObject()["loss"].toDouble() > 0);
        r = cli({"eval", "--model", out, "--images", "50", "--chips", "1", "--quiet"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void finetuneBadInputExitsTwo()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("t.onnx");
        const QString model = "presets/models/mlp_fashion.onnx";
        QCOMPARE(cli({"finetune", "--model", model}).code, 2);   // --out missing
        QCOMPARE(cli({"finetune", "--model", model, "--out", out, "--optimizer", "lbfgs"}).code, 2);
        QCOMPARE(cli({"finetune", "--model", model, "--out", out, "--epochs", "0"}).code, 2);
        QCOMPARE(cli({"finetune", "--model", model, "--out", model}).code, 2);
        QCOMPARE(cli({"finetune", "--model", dir.filePath("none.onnx"), "--out", out}).code, 2);
        QVERIFY(!QFile::exists(out));
    }

    // Progressive on the MLP: the layer outputs and the model of each stage land in the directory,
    // the log records the stages, and a rerun that reads the recorded outputs writes the same model.
    void finetuneProgressiveRecordsTheChipsLayerOutputs()
    {
        QTemporaryDir dir;
        const QString dp = writeNoisyPoint(dir);
        const QString lo = dir.filePath("lo"), out = dir.filePath("p.onnx"), again = dir.filePath("p2.onnx"), log = dir.filePath("log.json");
        const QStringList common{"finetune", "--model", "presets/models/mlp_fashion.onnx", "--config", dp, "--progressive",
                                 "--progressive-images", "900", "--validation-images", "200", "--validation-chips", "1",
                                 "--images", "100", "--layer-outputs", lo, "--quiet"};
        Result r = cli(common + QStringList{"--out", out, "--log", log});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("fixed chip"), qPrintable(r.out));
        QVERIFY(QFile::exists(lo + "/layer_0.npy"));
        QVERIFY(QFile::exists(lo + "/stage_0.onnx"));
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject j = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(j.contains("progressive"));
        const QJsonArray epochs = j["epochs"].toArray();
        QVERIFY(epochs.size() >= 2);
        QCOMPARE(epochs.last().toObject()["frozen_layers"].toInt(), 1);
        r = cli(common + QStringList{"--out", again});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QFile a(out), b(again);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(a.readAll() == b.readAll());
        // A recorded file of the wrong shape is named, and nothing is written.
        writeFile(dir, "lo/layer_0.npy", QByteArray::fromStdString(kh::formatNpyFloat64({900, 3}, std::vector<double>(2700, 0.5))));
        const QString third = dir.filePath("p3.onnx");
        r = cli(common + QStringList{"--out", third});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("layer_0.npy"), qPrintable(r.err));
        QVERIFY(!QFile::exists(third));
    }

    void finetuneProgressiveBadOptionsExitTwo()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath("t.onnx");
        const QString model = "presets/models/mlp_fashion.onnx";
        QCOMPARE(cli({"finetune", "--model", model, "--out", out, "--stages", "1"}).code, 2);   // needs --progressive
        QCOMPARE(cli({"finetune", "--model", model, "--out", out, "--layer-outputs", dir.path()}).code, 2);
        QCOMPARE(cli({"finetune", "--model", model, "--out", out, "--progressive", "--train-images", "100"}).code, 2);
        QCOMPARE(cli({"finetune", "--model", model, "--out", out, "--progressive", "--progressive-images", "1"}).code, 2);
        QCOMPARE(cli({"finetune", "--model", model, "--out", out, "--progressive", "--stages", "-1"}).code, 2);
        QVERIFY(!QFile::exists(out));
    }
#endif

    // Macro scope: one array without a network, or beside the chip report.
    void ppaMacroScope()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath("macro.json");
        Result r = cli({"ppa", "--scope", "macro", "--config", "neurosim_vgg8_rram22", "--json", json});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains("fJ/MAC"), qPrintable(r.out));
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(f.readAll()).object()["macro"].toObject();
        QVERIFY(m["tops_per_w"].toDouble() > 0);
        QCOMPARE(m["rows"].toInt(), 128);
        r = cli({"ppa", "--scope", "both", "--network", "vgg8", "--json", "-", "--quiet"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject both = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY(both["macro_energy_share"].toDouble() > 0 && both["macro_energy_share"].toDouble() < 1);
        QVERIFY(both["macro"].toObject()["tops_per_w"].toDouble() > both["tops_per_w"].toDouble());
        QCOMPARE(cli({"ppa", "--scope", "die", "--network", "vgg8"}).code, 2);
        QCOMPARE(cli({"ppa", "--scope", "chip"}).code, 2);   // the chip needs a network
    }

    void usageErrorsExitTwo()
    {
        QCOMPARE(cli({"ppa"}).code, 2);                                        // --network missing
        QCOMPARE(cli({"ppa", "--network"}).code, 2);                           // value missing
        QCOMPARE(cli({"ppa", "--network", "vgg8", "--bogus", "1"}).code, 2);   // unknown option
        QCOMPARE(cli({"frobnicate"}).code, 2);
        QCOMPARE(cli({"ppa", "--network", "/no/such.csv"}).code, 2);
        QCOMPARE(cli({"--help"}).code, 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
