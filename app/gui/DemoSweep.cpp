#include "DemoSweep.h"

#include "ChartExport.h"
#include "DemoChart.h"
#include "CoreJobs.h"

#include "common/InputError.h"
#include "dse/MetricInfo.h"
#include "dse/ParetoQuery.h"
#include "dse/ResultStore.h"

#include <QChart>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QThread>

#include <cstdio>
#include <memory>

namespace kh::app {

int runDemoSweep(const QString& presetDir, const QString& outDir)
{
    QDir().mkpath(outDir);
    const QString db = QDir(outDir).filePath("kirchhoff-demo.sqlite");
    for (const char* suffix : {"", "-wal", "-shm"})   // a fresh demo every time
        QFile::remove(db + suffix);
    const QString spec = presetDir + "/sweeps/demo.json";
    std::printf("Kirchhoff demo sweep: %s\n", qPrintable(spec));
    std::fflush(stdout);

    ui::SweepTask task;
    QEventLoop loop;
    QObject::connect(&task, &ui::TaskSignals::progress, [](double fraction, const QString& what) {
        std::fprintf(stderr, "\r%5.1f %%  %-60s", fraction * 100, qPrintable(what));
        std::fflush(stderr);
    });
    QObject::connect(&task, &ui::TaskSignals::finished, &loop, &QEventLoop::quit);
    task.start(ui::sweepJob(ui::sweepSpecFile(spec), db, QThread::idealThreadCount(), [](const PointRecord&) {}));
    loop.exec();
    const ui::TaskOutcome<SweepSummary>& outcome = task.outcome();
    std::fprintf(stderr, "\n");
    if (!outcome.error.isEmpty()) {
        std::fprintf(stderr, "error: %s\n", qPrintable(outcome.error));
        return 2;
    }
    const SweepSummary& s = outcome.value;
    std::printf("%lld design points (%lld ok) in %.1f s; %lld accuracy simulations, %lld reused from the cache\n", s.planned, s.ok,
                s.seconds, s.accuracy_runs, s.accuracy_hits);
    try {
        const ResultStore store(db.toStdString(), ResultStore::Mode::ReadOnly);
        const std::vector<PointRecord> records = store.records();
        const std::vector<RankedPoint> ranked = rankRecords(records, {"accuracy", "tops_per_w"}, {Direction::Maximize, Direction::Maximize});
        std::vector<ui::ChartPoint> points;
        std::printf("Pareto front (max accuracy, max TOPS/W):\n  accuracy %%   TOPS/W   parameters\n");
        for (const RankedPoint& p : ranked) {
            points.push_back({p.values[0] * 100, p.values[1], p.rank == 0, QString::fromStdString(p.record->paramsText())});
            if (p.rank == 0)
                std::printf("  %9.1f %8.2f   %s\n", p.values[0] * 100, p.values[1], qPrintable(QString::fromStdString(p.record->paramsText())));
        }
        std::unique_ptr<QChart> chart(ui::makeParetoChart(
            points, QObject::tr("2-layer MLP (Fashion-MNIST) on 22 nm RRAM: parallel rows × cell bits × ADC bits × ADC type"),
            QString::fromStdString(metricDisplay("accuracy").label), QString::fromStdString(metricDisplay("tops_per_w").label), false, false, true, true));
        for (const char* ext : {"svg", "pdf", "png"}) {
            const QString path = QDir(outDir).filePath(QString("kirchhoff-demo.%1").arg(ext));
            const QString error = ui::exportChart(chart.get(), path);
            if (!error.isEmpty()) {
                std::fprintf(stderr, "error: %s\n", qPrintable(error));
                return 1;
            }
            std::printf("wrote %s\n", qPrintable(path));
        }
        std::printf("results in %s (try: kirchhoff-cli pareto --db %s --x accuracy --y tops_per_w)\n", qPrintable(db), qPrintable(db));
        return 0;
    } catch (const InputError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    }
}

} // namespace kh::app
