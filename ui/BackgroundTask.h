#pragma once
// One piece of core work off the UI thread (QtConcurrent), the single runner behind the PPA
// estimate, accuracy runs, sweeps and VMM benchmarks. The work is a function of a TaskContext
// (progress, cancellation, hand-over to the UI thread); what it returns or throws becomes a
// TaskOutcome: a bad-input error, a cancellation or an internal error are told apart once, here.
#include "TaskSignals.h"
#include "TaskContext.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace kh::ui {

template <class Result>
struct TaskOutcome {
    Result value{};
    QString error;            // bad input ("file: what") or "internal error: ..."
    bool cancelled = false;
    double seconds = 0;       // wall time of the run
    bool ok() const { return error.isEmpty() && !cancelled; }
};

template <class Result>
class BackgroundTask : public TaskSignals {
public:
    using Work = std::function<Result(TaskContext&)>;

    explicit BackgroundTask(QObject* parent = nullptr) : TaskSignals(parent)
    {
        connect(&watcher_, &QFutureWatcher<TaskOutcome<Result>>::finished, this, [this] {
            last_ = watcher_.result();
            emit finished();
            if (pending_)
                launch(takePending());
        });
    }
    ~BackgroundTask() override
    {
        cancel();
        watcher_.waitForFinished();
    }

    // Starts the work when idle; returns false (and does nothing) while a run is in flight.
    bool start(Work work)
    {
        if (busy())
            return false;
        launch(std::move(work));
        return true;
    }
    // Starts the work when idle, otherwise keeps it as the next run, replacing an older request:
    // fast editing never queues stale work.
    void request(Work work)
    {
        pending_ = std::move(work);
        if (!busy())
            launch(takePending());
    }
    void cancel()
    {
        if (cancel_)
            cancel_->store(true);
    }
    bool busy() const { return watcher_.isRunning(); }
    // Blocks until the current run ends (headless demo, tests).
    void wait() { watcher_.waitForFinished(); }
    // The last finished run's outcome (valid in and after finished()).
    const TaskOutcome<Result>& outcome() const { return last_; }
    // In finished(): false when the outcome answers an outdated question, because a newer request
    // is waiting or the inputs were withdrawn (invalidate) while it ran. A view shows only
    // current outcomes, so it never displays numbers for inputs that are gone.
    bool isCurrent() const { return current_ && !pending_; }
    // The running work's outcome will not be current; a pending request is dropped.
    void invalidate()
    {
        current_ = false;
        pending_.reset();
    }

private:
    Work takePending()
    {
        Work w = std::move(*pending_);
        pending_.reset();
        return w;
    }
    void launch(Work work)
    {
        cancel_ = std::make_shared<std::atomic<bool>>(false);
        current_ = true;
        auto context = std::make_shared<TaskContext>(this, cancel_);
        emit started();
        watcher_.setFuture(QtConcurrent::run([work = std::move(work), context]() {
            TaskOutcome<Result> out;
            const auto t0 = std::chrono::steady_clock::now();
            runGuarded([&] { out.value = work(*context); }, out.error, out.cancelled);
            out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            return out;
        }));
    }

    QFutureWatcher<TaskOutcome<Result>> watcher_;
    std::optional<Work> pending_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    TaskOutcome<Result> last_;
    bool current_ = true;
};

} // namespace kh::ui
