#include "QueuedProgress.h"

#include <QMetaObject>

namespace kh::ui {

QueuedProgress::QueuedProgress(QObject* receiver, std::function<void(double, const QString&)> deliver,
                               std::shared_ptr<std::atomic<bool>> cancel)
    : receiver_(receiver), deliver_(std::move(deliver)), cancel_(std::move(cancel))
{
}

void QueuedProgress::report(double fraction, const std::string& what)
{
    const QString text = QString::fromStdString(what);
    QPointer<QObject> r = receiver_;
    auto deliver = deliver_;
    QMetaObject::invokeMethod(r, [r, deliver, fraction, text] {
        if (r)
            deliver(fraction, text);
    }, Qt::QueuedConnection);
}

} // namespace kh::ui
