#pragma once
// The core's Progress seen from a worker thread, delivered to the UI: each report is queued to
// the receiver's thread (dropped if the receiver is gone), and cancellation reads a flag the UI
// sets. Shared by every runner that starts long core work (accuracy, sweeps).
#include "common/Progress.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace kh::ui {

class QueuedProgress final : public Progress {
public:
    // deliver runs on the receiver's thread.
    QueuedProgress(QObject* receiver, std::function<void(double, const QString&)> deliver, std::shared_ptr<std::atomic<bool>> cancel);
    void report(double fraction, const std::string& what) override;
    bool cancelled() const override { return cancel_->load(); }

private:
    QPointer<QObject> receiver_;
    std::function<void(double, const QString&)> deliver_;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

} // namespace kh::ui
