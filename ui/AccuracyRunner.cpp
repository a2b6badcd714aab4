#include "AccuracyRunner.h"

#include "common/InputError.h"
#include "io/IdxDataset.h"
#include "nn/OnnxImport.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace kh::ui {

namespace {
class Bridge final : public Progress {
public:
    Bridge(QPointer<AccuracyRunner> runner, std::shared_ptr<std::atomic<bool>> cancel) : runner_(runner), cancel_(std::move(cancel)) {}
    void report(double fraction, const std::string& what) override
    {
        const QString text = QString::fromStdString(what);
        QPointer<AccuracyRunner> r = runner_;
        QMetaObject::invokeMethod(r, [r, fraction, text] {
            if (r)
                emit r->progress(fraction, text);
        }, Qt::QueuedConnection);
    }
    bool cancelled() const override { return cancel_->load(); }

private:
    QPointer<AccuracyRunner> runner_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};
} // namespace

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
    auto bridge = std::make_shared<Bridge>(QPointer<AccuracyRunner>(this), cancel_);
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
