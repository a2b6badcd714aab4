// The GUI's sweep runner: the core scheduler on a QtConcurrent pool. Points arrive as signals on
// the UI thread while it stays responsive; cancel stops the run and keeps finished points; a bad
// spec comes back as an error, not a crash.
#include "SweepRunner.h"

#include "dse/ResultStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

using namespace kh;
using nlohmann::json;

namespace {
const std::string kPresets = KIRCHHOFF_TEST_PRESETS;

QString writeSpec(const QTemporaryDir& dir, const json& spec)
{
    const QString path = dir.filePath("spec.json");
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(QByteArray::fromStdString(spec.dump()));
    return path;
}

json mlpSpec(int images)
{
    return json{{"model", kPresets + "/models/mlp_fashion.onnx"},
                {"base", kPresets + "/designs/neurosim_v15_default_rram22.json"},
                {"budget", {{"images", images}, {"chips", 1}}},
                {"axes", {{"array.parallel_rows", {32, 64, 128}}, {"device.cell_bits", {1, 2}}, {"precision.adc_bits", {{"lossless_minus", {0, 1}}}}}}};
}
} // namespace

class TestSweepRunner : public QObject {
    Q_OBJECT
private slots:
    void pointsArriveWhileTheUiThreadStaysResponsive()
    {
        QTemporaryDir dir;
        ui::SweepRunner runner;
        QSignalSpy points(&runner, &ui::SweepRunner::pointFinished);
        QSignalSpy done(&runner, &ui::SweepRunner::finished);
        // A 10 ms timer on the UI thread: the longest gap between its ticks is the worst
        // event-loop latency the sweep caused.
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, [&] {
            worst = std::max(worst, clock.elapsed() - last);
            last = clock.elapsed();
        });
        clock.start();
        tick.start(10);
        runner.start(writeSpec(dir, mlpSpec(200)), dir.filePath("r.sqlite"), 2);
        QVERIFY(done.wait(600000));
        tick.stop();
        const auto outcome = done.at(0).at(0).value<ui::SweepOutcome>();
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.summary.ok, 12LL);
        QCOMPARE(points.size(), 12);
        for (const auto& args : points)
            QVERIFY(args.at(0).value<PointRecord>().metrics.count("accuracy"));
        QCOMPARE(ResultStore(dir.filePath("r.sqlite").toStdString(), ResultStore::Mode::ReadOnly).count(), 12LL);
        qInfo("worst UI event-loop gap during the sweep: %lld ms", worst);
    }

    void cancelKeepsFinishedPoints()
    {
        QTemporaryDir dir;
        ui::SweepRunner runner;
        QSignalSpy points(&runner, &ui::SweepRunner::pointFinished);
        QSignalSpy done(&runner, &ui::SweepRunner::finished);
        runner.start(writeSpec(dir, mlpSpec(1000)), dir.filePath("r.sqlite"), 2);
        QVERIFY(points.wait(600000));
        runner.cancel();
        QVERIFY(done.wait(600000));
        const auto outcome = done.at(0).at(0).value<ui::SweepOutcome>();
        QVERIFY(outcome.summary.cancelled);
        const long long stored = ResultStore(dir.filePath("r.sqlite").toStdString(), ResultStore::Mode::ReadOnly).count();
        QVERIFY(stored >= 1 && stored < 12);
        QCOMPARE(outcome.summary.evaluated, stored);
    }

    void badSpecIsAnErrorMessage()
    {
        QTemporaryDir dir;
        ui::SweepRunner runner;
        QSignalSpy done(&runner, &ui::SweepRunner::finished);
        json spec = mlpSpec(10);
        spec["axes"]["array.rowz"] = {1};
        runner.start(writeSpec(dir, spec), dir.filePath("r.sqlite"), 1);
        QVERIFY(done.wait(60000));
        const auto outcome = done.at(0).at(0).value<ui::SweepOutcome>();
        QVERIFY2(outcome.error.contains("axes.array.rowz"), qPrintable(outcome.error));
    }
};

QTEST_MAIN(TestSweepRunner)
#include "tst_sweep_runner.moc"
