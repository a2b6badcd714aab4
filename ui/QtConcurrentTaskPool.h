#pragma once
// The GUI's worker pool for sweeps: the core scheduler's TaskPool on a QThreadPool through
// QtConcurrent, so sweep points share Qt's thread management (and never the UI thread).
#include "dse/TaskPool.h"

#include <QThreadPool>

namespace kh::ui {

class QtConcurrentTaskPool final : public TaskPool {
public:
    explicit QtConcurrentTaskPool(int threads);
    int threads() const override { return pool_.maxThreadCount(); }
    void run(std::size_t count, const std::function<void(std::size_t)>& task) override;

private:
    QThreadPool pool_;
};

} // namespace kh::ui
