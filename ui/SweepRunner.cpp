#include "SweepRunner.h"

#include "QtConcurrentTaskPool.h"

#include "common/InputError.h"
#include "dse/ResultStore.h"
#include "dse/SweepSpec.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace kh::ui {

namespace {
// Core progress -> queued signals on the runner's thread; cancellation from the UI's flag.
class Bridge final : public Progress {
public:
    Bridge(QPointer<SweepRunner> runner, std::shared_ptr<std::atomic<bool>> cancel) : runner_(runner), cancel_(std::move(cancel)) {}
    void report(double fraction, const std::string& what) override
    {
        const QString text = QString::fromStdString(what);
        QPointer<SweepRunner> r = runner_;
        QMetaObject::invokeMethod(r, [r, fraction, text] {
            if (r)
                emit r->progress(fraction, text);
        }, Qt::QueuedConnection);
    }
    bool cancelled() const override { return cancel_->load(); }

private:
    QPointer<SweepRunner> runner_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};
} // namespace

SweepRunner::SweepRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<kh::PointRecord>("kh::PointRecord");
    qRegisterMetaType<kh::ui::SweepOutcome>("kh::ui::SweepOutcome");
    connect(&watcher_, &QFutureWatcher<SweepOutcome>::finished, this, [this] { emit finished(watcher_.result()); });
}

SweepRunner::~SweepRunner()
{
    cancel();
    watcher_.waitForFinished();
}

void SweepRunner::start(const QString& specPath, const QString& dbPath, int threads)
{
    if (busy())
        return;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto bridge = std::make_shared<Bridge>(QPointer<SweepRunner>(this), cancel_);
    const std::string spec = specPath.toStdString(), db = dbPath.toStdString();
    const std::string exeDir = QCoreApplication::applicationDirPath().toStdString();
    QPointer<SweepRunner> self(this);
    watcher_.setFuture(QtConcurrent::run([bridge, spec, db, exeDir, threads, self]() {
        SweepOutcome out;
        try {
            const SweepSpec s = loadSweepSpecFile(spec, exeDir);
            ResultStore store(db);
            QtConcurrentTaskPool pool(threads);
            SweepOptions options;
            options.pool = &pool;
            options.progress = bridge.get();
            options.onPoint = [self](const PointRecord& r) {
                QMetaObject::invokeMethod(self, [self, r] {
                    if (self)
                        emit self->pointFinished(r);
                }, Qt::QueuedConnection);
            };
            out.summary = runSweep(s, store, options);
        } catch (const InputError& e) {
            out.error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            out.error = QStringLiteral("internal error: ") + e.what();
        }
        return out;
    }));
}

void SweepRunner::cancel()
{
    if (cancel_)
        cancel_->store(true);
}

} // namespace kh::ui
