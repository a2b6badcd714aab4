// The GUI's one background runner. With the sweep job: points arrive on the UI thread while it
// stays responsive; cancel stops the run and keeps finished points; a bad spec comes back as an
// error, not a crash. As a task: requests made while busy coalesce to the newest, an InputError
// becomes the outcome's error, anything else an internal error, and Cancelled a cancellation.
#include "CoreJobs.h"

#include "common/InputError.h"
#include "common/Progress.h"
#include "dse/ResultStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <thread>

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

class TestBackgroundTask : public QObject {
    Q_OBJECT
private slots:
    void pointsArriveWhileTheUiThreadStaysResponsive()
    {
        QTemporaryDir dir;
        ui::SweepTask task;
        std::vector<PointRecord> points;
        QSignalSpy done(&task, &ui::TaskSignals::finished);
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
        const Qt::HANDLE uiThread = QThread::currentThreadId();
        bool allOnUiThread = true;
        QVERIFY(task.start(ui::sweepJob(ui::sweepSpecFile(writeSpec(dir, mlpSpec(200))), dir.filePath("r.sqlite"), 2,
                                        [&](const PointRecord& r) {
                                            allOnUiThread = allOnUiThread && QThread::currentThreadId() == uiThread;
                                            points.push_back(r);
                                        })));
        QVERIFY(done.wait(600000));
        tick.stop();
        const auto& outcome = task.outcome();
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.value.ok, 12LL);
        QCOMPARE(int(points.size()), 12);
        QVERIFY(allOnUiThread);
        for (const PointRecord& r : points)
            QVERIFY(r.metrics.count("accuracy"));
        QCOMPARE(ResultStore(dir.filePath("r.sqlite").toStdString(), ResultStore::Mode::ReadOnly).count(), 12LL);
        qInfo("worst UI event-loop gap during the sweep: %lld ms", worst);
    }

    void cancelKeepsFinishedPoints()
    {
        QTemporaryDir dir;
        ui::SweepTask task;
        int points = 0;
        QSignalSpy done(&task, &ui::TaskSignals::finished);
        task.start(ui::sweepJob(ui::sweepSpecFile(writeSpec(dir, mlpSpec(1000))), dir.filePath("r.sqlite"), 2,
                                [&](const PointRecord&) { ++points; }));
        QTRY_VERIFY_WITH_TIMEOUT(points >= 1, 600000);
        task.cancel();
        QVERIFY(done.wait(600000));
        const auto& outcome = task.outcome();
        QVERIFY(outcome.value.cancelled);
        const long long stored = ResultStore(dir.filePath("r.sqlite").toStdString(), ResultStore::Mode::ReadOnly).count();
        QVERIFY(stored >= 1 && stored < 12);
        QCOMPARE(outcome.value.evaluated, stored);
    }

    void badSpecIsAnErrorMessage()
    {
        QTemporaryDir dir;
        ui::SweepTask task;
        QSignalSpy done(&task, &ui::TaskSignals::finished);
        json spec = mlpSpec(10);
        spec["axes"]["array.rowz"] = {1};
        task.start(ui::sweepJob(ui::sweepSpecFile(writeSpec(dir, spec)), dir.filePath("r.sqlite"), 1, [](const PointRecord&) {}));
        QVERIFY(done.wait(60000));
        const auto& outcome = task.outcome();
        QVERIFY2(outcome.error.contains("axes.array.rowz"), qPrintable(outcome.error));
        QVERIFY(!outcome.cancelled);
    }

    void requestsWhileBusyCoalesceToTheNewest()
    {
        ui::BackgroundTask<int> task;
        std::atomic<bool> release{false};
        std::vector<int> results;
        std::vector<bool> current;
        QObject::connect(&task, &ui::TaskSignals::finished, [&] {
            results.push_back(task.outcome().value);
            current.push_back(task.isCurrent());
        });
        task.request([&](ui::TaskContext&) {
            while (!release.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 1;
        });
        QVERIFY(task.busy());
        for (int i = 2; i <= 5; ++i)
            task.request([i](ui::TaskContext&) { return i; });
        QVERIFY(!task.start([](ui::TaskContext&) { return 99; }));   // start() never queues
        release = true;
        QTRY_COMPARE_WITH_TIMEOUT(int(results.size()), 2, 10000);
        QTest::qWait(50);
        QCOMPARE(results, (std::vector<int>{1, 5}));
        QCOMPARE(current, (std::vector<bool>{false, true}));   // 1 answered an outdated request
        // Withdrawn inputs: the running work finishes but is not current; its queued successor is dropped.
        release = false;
        task.request([&](ui::TaskContext&) {
            while (!release.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 6;
        });
        task.request([](ui::TaskContext&) { return 7; });
        task.invalidate();
        release = true;
        QTRY_COMPARE_WITH_TIMEOUT(int(results.size()), 3, 10000);
        QTest::qWait(50);
        QCOMPARE(results.back(), 6);
        QCOMPARE(int(results.size()), 3);
        QVERIFY(!current.back());
    }

    void failuresBecomeTheOutcome()
    {
        ui::BackgroundTask<int> task;
        QSignalSpy done(&task, &ui::TaskSignals::finished);
        task.start([](ui::TaskContext&) -> int { throw InputError("model.onnx: Gemm node 'fc': bad C"); });
        QVERIFY(done.wait(10000));
        QCOMPARE(task.outcome().error, QString("model.onnx: Gemm node 'fc': bad C"));
        QVERIFY(!task.outcome().ok());
        task.start([](ui::TaskContext&) -> int { throw std::logic_error("bug"); });
        QVERIFY(done.wait(10000));
        QCOMPARE(task.outcome().error, QString("internal error: bug"));
        // Cancellation: the work sees the flag through its Progress and stops.
        std::atomic<bool> running{false};
        task.start([&](ui::TaskContext& ctx) -> int {
            running = true;
            for (;;) {
                if (ctx.progress().cancelled())
                    throw Cancelled();
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(running.load(), 10000);
        task.cancel();
        QVERIFY(done.wait(10000));
        QVERIFY(task.outcome().cancelled);
        QVERIFY(task.outcome().error.isEmpty());
        // Progress reports arrive on the UI thread as the progress signal.
        QSignalSpy progress(&task, &ui::TaskSignals::progress);
        task.start([](ui::TaskContext& ctx) {
            ctx.progress().report(0.5, "half");
            return 7;
        });
        QVERIFY(done.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(progress.count(), 1, 5000);
        QCOMPARE(progress.at(0).at(1).toString(), QString("half"));
        QCOMPARE(task.outcome().value, 7);
    }
};

QTEST_MAIN(TestBackgroundTask)
#include "tst_background_task.moc"
