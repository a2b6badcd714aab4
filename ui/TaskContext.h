#pragma once
// What a background task's work sees on its worker thread: the core's Progress (reports become
// the task's progress signal, cancellation reads the flag cancel() sets) and post(), which runs a
// function on the UI thread, or not at all once the task object is gone.
#include "QueuedProgress.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace kh::ui {

class TaskSignals;

class TaskContext {
public:
    TaskContext(TaskSignals* task, std::shared_ptr<std::atomic<bool>> cancel);
    Progress& progress() { return progress_; }
    bool cancelled() const { return progress_.cancelled(); }
    void post(std::function<void()> onUiThread);

private:
    QPointer<QObject> task_;
    QueuedProgress progress_;
};

// Runs work, turning what it throws into an error message or a cancellation.
void runGuarded(const std::function<void()>& work, QString& error, bool& cancelled);

} // namespace kh::ui
