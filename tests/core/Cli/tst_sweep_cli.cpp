// kirchhoff-cli sweep / pareto / merge end to end: a sweep killed with SIGKILL part-way resumes
// with every point exactly once; shards merged equal the whole sweep; Ctrl-C/SIGTERM stop with
// exit code 3; the Pareto front exports as CSV, SVG, PNG and PDF; bad input exits with code 2.
#include "SweepPoints.h"

#include "dse/ResultStore.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <nlohmann/json.hpp>

#include <cmath>
#include <csignal>
#include <map>
#include <set>

using nlohmann::json;

namespace {

const QString kPresets = KIRCHHOFF_TEST_PRESETS;

struct Run {
    int code = -1;
    QString out, err;
};

Run cli(const QStringList& args, int timeoutMs = 240000)
{
    QProcess p;
    p.start(KIRCHHOFF_CLI_PATH, args);
    p.waitForFinished(timeoutMs);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString writeSpec(const QTemporaryDir& dir, const QString& name, const json& spec)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QByteArray::fromStdString(spec.dump(2)));
    return path;
}

// Each point simulates the MLP on 200 images: slow enough to be killed part-way.
json slowSpec()
{
    return json{{"name", "kill test"},
                {"model", (kPresets + "/models/mlp_fashion.onnx").toStdString()},
                {"base", (kPresets + "/designs/neurosim_v15_default_rram22.json").toStdString()},
                {"budget", {{"images", 200}, {"chips", 2}}},
                {"axes",
                 {{"array.parallel_rows", {16, 32, 64, 128}},
                  {"device.cell_bits", {1, 2, 4}},
                  {"precision.adc_bits", {{"lossless_minus", {0, 1, 2}}}}}}};
}

json ppaSpec() { return kh::test::ppaSweepSpec(); }

std::map<std::string, std::string> pointsOf(const QString& db) { return kh::test::sweepPointsOf(db); }

long long countIn(const QString& db)
{
    try {
        return kh::ResultStore(db.toStdString(), kh::ResultStore::Mode::ReadOnly).count();
    } catch (const std::exception&) {
        return 0;   // not created yet
    }
}

// Starts a sweep and returns once `points` are stored (or the sweep ended, or 2 minutes passed).
void startSweepUntil(QProcess& p, const QString& spec, const QString& db, long long points)
{
    p.start(KIRCHHOFF_CLI_PATH, {"sweep", "--spec", spec, "--db", db, "--threads", "2", "--quiet"});
    if (!p.waitForStarted())
        return;
    QElapsedTimer t;
    t.start();
    while (countIn(db) < points && t.elapsed() < 120000 && p.state() == QProcess::Running)
        QThread::msleep(20);
}

} // namespace

class TestSweepCli : public QObject {
    Q_OBJECT
private slots:
    void killedSweepResumesWithEveryPointOnce()
    {
        QTemporaryDir dir;
        const QString spec = writeSpec(dir, "slow.json", slowSpec());
        const QString db = dir.filePath("killed.sqlite");
        QProcess p;
        startSweepUntil(p, spec, db, 5);
        QVERIFY2(p.state() == QProcess::Running, "the sweep ended before it could be killed");
        p.kill();   // SIGKILL: no chance to clean up
        QVERIFY(p.waitForFinished(10000));
        const long long partial = countIn(db);
        QVERIFY2(partial >= 5 && partial < 36, QByteArray::number(partial));
        // The killed file opens cleanly and every stored row is whole.
        for (const auto& [hash, text] : pointsOf(db))
            QVERIFY2(text.find(" ok {") != std::string::npos && text.find("accuracy") != std::string::npos, text.c_str());

        const Run resumed = cli({"sweep", "--spec", spec, "--db", db, "--threads", "2", "--quiet"});
        QVERIFY2(resumed.code == 0, qPrintable(resumed.out + resumed.err));
        QVERIFY2(resumed.out.contains(QString("%1 already stored").arg(partial)), qPrintable(resumed.out));
        const Run clean = cli({"sweep", "--spec", spec, "--db", dir.filePath("clean.sqlite"), "--threads", "2", "--quiet"});
        QCOMPARE(clean.code, 0);
        const auto killed = pointsOf(db), reference = pointsOf(dir.filePath("clean.sqlite"));
        QCOMPARE(killed.size(), size_t(36));
        QVERIFY(killed == reference);   // every point exactly once, with the same numbers
        std::set<std::string> seqs;
        for (const auto& [hash, text] : killed)
            QVERIFY(seqs.insert(text.substr(0, text.find(' '))).second);
    }

    void interruptStopsCleanlyWithExitCode3()
    {
        QTemporaryDir dir;
        const QString spec = writeSpec(dir, "slow.json", slowSpec());
        const QString db = dir.filePath("r.sqlite");
        QProcess p;
        startSweepUntil(p, spec, db, 2);
        QVERIFY(p.state() == QProcess::Running);
        QElapsedTimer stop;
        stop.start();
        p.terminate();   // SIGTERM, handled like Ctrl-C
        QVERIFY(p.waitForFinished(20000));
        qInfo("stopped %lld ms after SIGTERM", stop.elapsed());
        QCOMPARE(p.exitCode(), 3);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("resume"));
        QVERIFY(countIn(db) >= 2);
    }

    void shardsMergedEqualTheWholeSweep()
    {
        QTemporaryDir dir;
        const QString spec = writeSpec(dir, "ppa.json", ppaSpec());
        QCOMPARE(cli({"sweep", "--spec", spec, "--db", dir.filePath("whole.sqlite"), "--quiet"}).code, 0);
        QStringList parts;
        for (int k = 1; k <= 3; ++k) {
            parts << dir.filePath(QString("part%1.sqlite").arg(k));
            const Run r = cli({"sweep", "--spec", spec, "--db", parts.back(), "--shard", QString("%1/3").arg(k), "--quiet"});
            QVERIFY2(r.code == 0, qPrintable(r.err));
        }
        const Run merged = cli(QStringList{"merge"} + parts + QStringList{"-o", dir.filePath("all.sqlite")});
        QVERIFY2(merged.code == 0, qPrintable(merged.err));
        const auto whole = pointsOf(dir.filePath("whole.sqlite")), all = pointsOf(dir.filePath("all.sqlite"));
        QCOMPARE(whole.size(), size_t(60));
        QVERIFY(whole == all);
        // Shards are disjoint and none is empty.
        size_t sum = 0;
        for (const QString& part : parts) {
            const size_t n = pointsOf(part).size();
            QVERIFY(n >= 19 && n <= 21);
            sum += n;
        }
        QCOMPARE(sum, size_t(60));
        // Merging again changes nothing.
        QCOMPARE(cli(QStringList{"merge"} + parts + QStringList{"-o", dir.filePath("all.sqlite")}).code, 0);
        QVERIFY(pointsOf(dir.filePath("all.sqlite")) == whole);
    }

    void paretoExportsEveryFormat()
    {
        QTemporaryDir dir;
        const QString spec = writeSpec(dir, "ppa.json", ppaSpec());
        const QString db = dir.filePath("r.sqlite");
        QCOMPARE(cli({"sweep", "--spec", spec, "--db", db, "--quiet"}).code, 0);
        const Run r = cli({"pareto", "--db", db, "--x", "tops", "--y", "tops_per_w", "--csv", dir.filePath("f.csv"), "--svg",
                           dir.filePath("f.svg"), "--png", dir.filePath("f.png"), "--pdf", dir.filePath("f.pdf"), "--width", "800",
                           "--height", "600", "--dpi", "96"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains("Pareto front:"));
        QFile csv(dir.filePath("f.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QVERIFY(lines[0].startsWith("pareto_rank,on_front,tops,tops_per_w"));
        QCOMPARE(lines.size(), 61);
        QVERIFY(lines[1].startsWith("0,1,"));
        QFile svg(dir.filePath("f.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QFile pdf(dir.filePath("f.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        const QImage png(dir.filePath("f.png"));
        QCOMPARE(png.size(), QSize(800, 600));
        // A 3-objective front and a design-point key as an axis.
        const Run three = cli({"pareto", "--db", db, "--x", "array.parallel_rows", "--x-dir", "max", "--y", "tops_per_w", "--z", "area_mm2"});
        QVERIFY2(three.code == 0, qPrintable(three.err));
    }

    // trend: a metric against a swept key, one line per value of a second key, each point the
    // mean over the other swept keys (here 3 cell widths × 2 nodes = 6 points per mean).
    void trendAveragesOverTheOtherKeys()
    {
        QTemporaryDir dir;
        const QString spec = writeSpec(dir, "ppa.json", ppaSpec());
        const QString db = dir.filePath("r.sqlite");
        QCOMPARE(cli({"sweep", "--spec", spec, "--db", db, "--quiet"}).code, 0);
        const Run r = cli({"trend", "--db", db, "--x", "array.parallel_rows", "--y", "tops_per_w", "--group", "precision.adc_type", "--log-x",
                           "--csv", dir.filePath("t.csv"), "--png", dir.filePath("t.png"), "--width", "640", "--height", "480", "--dpi", "96"});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        QFile csv(dir.filePath("t.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 11);   // a header, 2 ADC types × 5 parallel-row counts
        QCOMPARE(lines[0], QString("precision.adc_type,array.parallel_rows,mean_tops_per_w,min_tops_per_w,max_tops_per_w,points"));
        // The SAR mean at 64 rows, recomputed from the stored points.
        double sum = 0;
        int n = 0;
        for (const kh::PointRecord& rec : kh::ResultStore(db.toStdString(), kh::ResultStore::Mode::ReadOnly).records())
            if (rec.params["precision.adc_type"] == "sar" && rec.params["array.parallel_rows"] == 64) {
                sum += rec.metrics.at("tops_per_w");
                ++n;
            }
        QCOMPARE(n, 6);
        bool found = false;
        for (const QString& line : lines)
            if (line.startsWith("sar,64,")) {
                const QStringList f = line.split(',');
                QVERIFY(std::fabs(f[2].toDouble() - sum / n) <= 1e-12 * sum / n);
                QCOMPARE(f[5], QString("6"));
                found = true;
            }
        QVERIFY(found);
        QCOMPARE(QImage(dir.filePath("t.png")).size(), QSize(640, 480));
    }

    void badInputExitsWithCode2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no spec") << QStringList{"sweep", "--spec", "/no/such.json", "--db", "x.sqlite"} << "no such file";
        QTest::newRow("bad shard") << QStringList{"sweep", "--spec", "demo", "--db", "x.sqlite", "--shard", "4/3"} << "--shard";
        QTest::newRow("pareto missing db") << QStringList{"pareto", "--db", "/no/such.sqlite"} << "cannot open";
        QTest::newRow("pareto bad metric") << QStringList{"pareto", "--db", "DB", "--x", "speed"} << "--x";
        QTest::newRow("trend unknown key") << QStringList{"trend", "--db", "DB", "--x", "array.speed"} << "--x";
        QTest::newRow("trend unknown group") << QStringList{"trend", "--db", "DB", "--x", "array.rows", "--group", "colour"} << "--group";
        QTest::newRow("trend unknown metric") << QStringList{"trend", "--db", "DB", "--x", "array.rows", "--y", "speed"} << "--y";
        QTest::newRow("merge without output") << QStringList{"merge", "DB"} << "--out";
        QTest::newRow("merge non-db") << QStringList{"merge", "SPEC", "-o", "out.sqlite"} << "not a database";
    }
    void badInputExitsWithCode2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString spec = writeSpec(dir, "ppa.json", ppaSpec());
        const QString db = dir.filePath("r.sqlite");
        QCOMPARE(cli({"sweep", "--spec", spec, "--db", db, "--quiet"}).code, 0);
        for (QString& a : args) {
            a.replace("DB", db).replace("SPEC", spec);
            if (a == "x.sqlite" || a == "out.sqlite")
                a = dir.filePath(a);
        }
        const Run r = cli(args);
        QVERIFY2(r.code == 2, qPrintable(QString::number(r.code) + r.out + r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void vmmBenchReportsStatisticsFitsAndSweeps()
    {
        QTemporaryDir dir;
        const Run r = cli({"vmm-bench", "--device", "epiram", "--trials", "200", "--json", dir.filePath("v.json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("Fits by AIC"));
        QFile f(dir.filePath("v.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const json j = json::parse(f.readAll().toStdString());
        QCOMPARE(j["statistics"]["count"].get<int>(), 6400);
        QCOMPARE(j["fits"].size(), size_t(5));
        const Run s = cli({"vmm-bench", "--device", "alox_hfo2", "--trials", "100", "--sweep", "c2c=0,0.05,0.1", "--csv",
                           dir.filePath("c2c.csv"), "--svg", dir.filePath("c2c.svg")});
        QVERIFY2(s.code == 0, qPrintable(s.err));
        QFile csv(dir.filePath("c2c.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(csv.readAll()).split('\n', Qt::SkipEmptyParts).size(), 4);
        QFile svg(dir.filePath("c2c.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly) && svg.readAll().contains("<svg"));
        QCOMPARE(cli({"vmm-bench", "--device", "no_such_device"}).code, 2);
        QCOMPARE(cli({"vmm-bench", "--device", "epiram", "--sweep", "colour=1,2"}).code, 2);
        QCOMPARE(cli({"vmm-bench", "--device", "epiram", "--matrix", dir.filePath("c2c.svg"), "--vectors", dir.filePath("c2c.csv")}).code, 2);
    }

    void nsga2CannotBeSharded()
    {
        QTemporaryDir dir;
        json j = ppaSpec();
        j["sampler"] = {{"kind", "nsga2"}, {"population", 8}, {"generations", 2}};
        const QString spec = writeSpec(dir, "evo.json", j);
        const Run r = cli({"sweep", "--spec", spec, "--db", dir.filePath("r.sqlite"), "--shard", "1/2"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("nsga2"));
        const Run ok = cli({"sweep", "--spec", spec, "--db", dir.filePath("r.sqlite"), "--quiet"});
        QVERIFY2(ok.code == 0, qPrintable(ok.err));
    }

    // Progress into a pipe (a log file, CI) comes as whole lines every 10 %, ending at 100 %,
    // without the carriage returns a terminal gets.
    void progressToAPipeIsWholeLines()
    {
        QTemporaryDir dir;
        const Run r = cli({"sweep", "--spec", writeSpec(dir, "p.json", ppaSpec()), "--db", dir.filePath("p.sqlite")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(!r.err.contains('\r'));
        const QStringList lines = r.err.split('\n', Qt::SkipEmptyParts).filter(" %  ");
        QVERIFY2(lines.size() >= 2 && lines.size() <= 11, qPrintable(r.err));
        QVERIFY2(lines.last().startsWith("100.0 %"), qPrintable(lines.last()));
    }
};

QTEST_GUILESS_MAIN(TestSweepCli)
#include "tst_sweep_cli.moc"
