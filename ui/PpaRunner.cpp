#include "PpaRunner.h"

#include "common/InputError.h"
#include "ppa/ChipEstimator.h"

#include <QtConcurrent/QtConcurrentRun>

namespace kh::ui {

PpaRunner::PpaRunner(QObject* parent) : QObject(parent)
{
    connect(&watcher_, &QFutureWatcher<PpaResult>::finished, this, [this] {
        const PpaResult result = watcher_.result();
        emit finished(result);
        if (pending_)
            startNext();
    });
}

PpaRunner::~PpaRunner() { watcher_.waitForFinished(); }

void PpaRunner::request(const LayerTable& net, const DesignPoint& dp)
{
    pending_ = std::make_pair(net, dp);
    if (!watcher_.isRunning())
        startNext();
}

void PpaRunner::startNext()
{
    auto job = std::move(*pending_);
    pending_.reset();
    emit started();
    watcher_.setFuture(QtConcurrent::run([job = std::move(job)]() {
        PpaResult r;
        try {
            r.report = estimateChip(job.first, job.second);
        } catch (const InputError& e) {
            r.error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            r.error = QStringLiteral("internal error: ") + e.what();
        }
        return r;
    }));
}

} // namespace kh::ui
