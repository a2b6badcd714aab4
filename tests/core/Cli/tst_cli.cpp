// kirchhoff-cli ppa end to end: report and JSON with the contract's names, exit codes for bad input.
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
