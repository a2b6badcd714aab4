#include "SweepRunner.h"

#include "QtConcurrentTaskPool.h"
#include "QueuedProgress.h"

#include "common/InputError.h"
#include "dse/ResultStore.h"
#include "dse/SweepSpec.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace kh::ui {

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
    const std::string spec = specPath.toStdString();
    launch([spec](const std::string& exeDir) { return loadSweepSpecFile(spec, exeDir); }, dbPath, threads);
}

void SweepRunner::startSpec(const nlohmann::json& spec, const QString& specDir, const QString& dbPath, int threads)
{
    const std::string dir = specDir.toStdString();
    launch([spec, dir](const std::string& exeDir) { return sweepSpecFromJson(spec, dir, exeDir); }, dbPath, threads);
}

void SweepRunner::launch(std::function<SweepSpec(const std::string& exeDir)> load, const QString& dbPath, int threads)
{
    if (busy())
        return;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto bridge = std::make_shared<QueuedProgress>(
        this, [this](double fraction, const QString& what) { emit progress(fraction, what); }, cancel_);
    const std::string db = dbPath.toStdString();
    const std::string exeDir = QCoreApplication::applicationDirPath().toStdString();
    QPointer<SweepRunner> self(this);
    watcher_.setFuture(QtConcurrent::run([bridge, load, db, exeDir, threads, self]() {
        SweepOutcome out;
        try {
            const SweepSpec s = load(exeDir);
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
