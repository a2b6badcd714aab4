#pragma once
// Runs VMM error benchmarks off the UI thread: one device (statistics and fits for the histogram)
// or several (pooled errors for the comparison box plot). Results arrive as signals.
#include "vmm/DistributionFits.h"
#include "vmm/ErrorStatistics.h"
#include "vmm/VmmBenchmark.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QStringList>

namespace kh::ui {

struct VmmRun {
    QStringList devices;                       // device names, one per run
    std::vector<std::vector<double>> errors;   // pooled errors per device
    std::vector<vmm::ErrorStatistics> statistics;
    std::vector<vmm::DistributionFit> fits;    // of the first device, best AIC first
    vmm::VmmOptions options;
    double seconds = 0;
    QString error;
};

class VmmRunner : public QObject {
    Q_OBJECT
public:
    explicit VmmRunner(QObject* parent = nullptr);
    ~VmmRunner() override;
    // fit: also fit the distributions of the first device's errors.
    void start(const std::vector<vmm::RramDevice>& devices, const vmm::VmmOptions& options, bool fit);
    bool busy() const { return watcher_.isRunning(); }

signals:
    void finished(const kh::ui::VmmRun& run);

private:
    QFutureWatcher<VmmRun> watcher_;
};

} // namespace kh::ui
