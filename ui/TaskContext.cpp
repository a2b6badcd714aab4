#include "TaskContext.h"

#include "TaskSignals.h"

#include "common/InputError.h"
#include "common/Progress.h"

#include <QMetaObject>

namespace kh::ui {

TaskContext::TaskContext(TaskSignals* task, std::shared_ptr<std::atomic<bool>> cancel)
    : task_(task),
      progress_(
          task, [task](double fraction, const QString& what) { emit task->progress(fraction, what); }, std::move(cancel))
{
}

void TaskContext::post(std::function<void()> onUiThread)
{
    QPointer<QObject> task = task_;
    QMetaObject::invokeMethod(task, [task, f = std::move(onUiThread)] {
        if (task)
            f();
    }, Qt::QueuedConnection);
}

void runGuarded(const std::function<void()>& work, QString& error, bool& cancelled)
{
    try {
        work();
    } catch (const Cancelled&) {
        cancelled = true;
    } catch (const InputError& e) {
        error = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        error = QStringLiteral("internal error: ") + e.what();
    }
}

} // namespace kh::ui
