#include "VmmRunner.h"

#include "common/InputError.h"

#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

namespace kh::ui {

VmmRunner::VmmRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<kh::ui::VmmRun>("kh::ui::VmmRun");
    connect(&watcher_, &QFutureWatcher<VmmRun>::finished, this, [this] { emit finished(watcher_.result()); });
}

VmmRunner::~VmmRunner()
{
    watcher_.waitForFinished();
}

void VmmRunner::start(const std::vector<vmm::RramDevice>& devices, const vmm::VmmOptions& options, bool fit)
{
    if (busy())
        return;
    watcher_.setFuture(QtConcurrent::run([devices, options, fit]() {
        VmmRun run;
        run.options = options;
        const auto t0 = std::chrono::steady_clock::now();
        try {
            for (const vmm::RramDevice& d : devices) {
                vmm::VmmResult r = vmm::runVmmBenchmark(d, options);
                run.devices << QString::fromStdString(d.name);
                run.statistics.push_back(vmm::describeErrors(r.errors, r.relative_l2, r.relative_linf));
                run.errors.push_back(std::move(r.errors));
            }
            if (fit && !run.errors.empty())
                run.fits = vmm::fitAll(run.errors.front());
        } catch (const InputError& e) {
            run.error = QString::fromStdString(e.what());
        } catch (const std::exception& e) {
            run.error = QStringLiteral("internal error: ") + e.what();
        }
        run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return run;
    }));
}

} // namespace kh::ui
