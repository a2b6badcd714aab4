#pragma once
// The signals of a BackgroundTask (a template cannot declare Qt signals itself).
#include <QObject>
#include <QString>

namespace kh::ui {

class TaskSignals : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

signals:
    void started();
    void progress(double fraction, const QString& what);
    void finished();   // the task's outcome() holds the result
};

} // namespace kh::ui
