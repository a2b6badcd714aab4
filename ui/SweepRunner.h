#pragma once
// Runs a sweep off the UI thread: the core scheduler (SweepEngine) on a QtConcurrent pool, points
// reported as they are stored, progress with ETA, cancellation within a second. The results live
// in the SQLite store, so a finished, cancelled or crashed sweep can be reopened and resumed.
#include "dse/PointRecord.h"
#include "dse/SweepEngine.h"
#include "dse/SweepSpec.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace kh::ui {

struct SweepOutcome {
    SweepSummary summary;
    QString error;   // bad spec, unreadable model/dataset, unwritable store
};

class SweepRunner : public QObject {
    Q_OBJECT
public:
    explicit SweepRunner(QObject* parent = nullptr);
    ~SweepRunner() override;
    // specPath: a sweep spec file; dbPath: its results file (created or resumed).
    void start(const QString& specPath, const QString& dbPath, int threads);
    // spec: a whole sweep spec as JSON (the sweep view's); specDir resolves its relative paths.
    void startSpec(const nlohmann::json& spec, const QString& specDir, const QString& dbPath, int threads);
    void cancel();
    bool busy() const { return watcher_.isRunning(); }
    // Blocks until the current run ends (for the headless demo and tests).
    void wait() { watcher_.waitForFinished(); }

signals:
    void pointFinished(const kh::PointRecord& record);
    void progress(double fraction, const QString& what);
    void finished(const kh::ui::SweepOutcome& outcome);

private:
    // load: reads the spec in the worker (file parsing can be slow: models are digested).
    void launch(std::function<SweepSpec(const std::string& exeDir)> load, const QString& dbPath, int threads);
    QFutureWatcher<SweepOutcome> watcher_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace kh::ui
