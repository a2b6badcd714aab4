#pragma once
// Runs the Monte-Carlo accuracy evaluation off the UI thread. Progress and cancellation cross over
// through the core's Progress interface; results come back as a signal on the UI thread.
#include "cim/AccuracyEvaluator.h"
#include "spec/DesignPoint.h"

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>

namespace kh::ui {

struct AccuracyResult {
    cim::AccuracyReport report;
    QString error;        // bad input (model, dataset, design point)
    bool cancelled = false;
};

class AccuracyRunner : public QObject {
    Q_OBJECT
public:
    explicit AccuracyRunner(QObject* parent = nullptr);
    ~AccuracyRunner() override;
    // modelPath: ONNX file; dataset: "fashion-mnist" or a directory of IDX files.
    void start(const QString& modelPath, const QString& dataset, const DesignPoint& dp);
    void cancel();
    bool busy() const { return watcher_.isRunning(); }

signals:
    void progress(double fraction, const QString& what);
    void finished(const kh::ui::AccuracyResult& result);

private:
    QFutureWatcher<AccuracyResult> watcher_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace kh::ui
