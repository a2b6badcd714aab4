#include "AccuracyRunner.h"

#include "QueuedProgress.h"

#include "common/InputError.h"
#include "io/IdxDataset.h"
#include "nn/OnnxImport.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace kh::ui {

AccuracyRunner::AccuracyRunner(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<AccuracyResult>::finished, this, [this] { emit finished(watcher_.result()); });
}

AccuracyRunner::~AccuracyRunner()
{
    cancel();
    watcher_.waitForFinished();
}

void AccuracyRunner::start(const QString& modelPath, const QString& dataset, const DesignPoint& dp)
{
    if (busy())
        return;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto bridge = std::make_shared<QueuedProgress>(
        this, [this](double fraction, const QString& what) { emit progress(fraction, what); }, cancel_);
    const std::string model = modelPath.toStdString(), data = dataset.toStdString();
    watcher_.setFuture(QtConcurrent::run([bridge, model, data, dp]() {
        AccuracyResult r;
        try {
            const nn::Graph g = nn::importOnnx(model);
            const LabeledDataset test = loadIdxDataset(data, "test");
            LabeledDataset calibration;
            try {
                calibration = loadIdxDataset(data, "train");
            } catch (const InputError&) {
                calibration = test;
            }
            r.report = cim::evaluateAccuracy(g, test, calibration, dp, bridge.get());
        } catch (const Cancelled&) {
            r.cancelled = true;
        } catch (const InputError& e) {
            r.error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            r.error = QStringLiteral("internal error: ") + e.what();
        }
        return r;
    }));
}

void AccuracyRunner::cancel()
{
    if (cancel_)
        cancel_->store(true);
}

} // namespace kh::ui
