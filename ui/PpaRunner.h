#pragma once
// Runs the chip estimator off the UI thread (QtConcurrent). Requests made while a run is in flight
// are coalesced: only the newest one runs next, so fast editing never queues stale work.
#include "spec/LayerTable.h"
#include "ppa/PpaReport.h"
#include "spec/DesignPoint.h"

#include <QFutureWatcher>
#include <QObject>
#include <optional>

namespace kh::ui {

struct PpaResult {
    PpaReport report;
    QString error;   // non-empty when the core rejected the input
};

class PpaRunner : public QObject {
    Q_OBJECT
public:
    explicit PpaRunner(QObject* parent = nullptr);
    ~PpaRunner() override;
    void request(const LayerTable& net, const DesignPoint& dp);
    bool busy() const { return watcher_.isRunning(); }

signals:
    void started();
    void finished(const kh::ui::PpaResult& result);

private:
    void startNext();
    QFutureWatcher<PpaResult> watcher_;
    std::optional<std::pair<LayerTable, DesignPoint>> pending_;
};

} // namespace kh::ui
