#include "QtConcurrentTaskPool.h"

#include <QtConcurrent/QtConcurrentMap>

#include <numeric>
#include <vector>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace kh::ui {

namespace {
// Sweep workers run at nice 10 so that on a machine with as many busy threads as cores the UI
// thread still gets the CPU within milliseconds (QThread priorities are ignored by Linux's default
// scheduler; a per-thread nice value is not). Lowering one's own priority needs no privilege.
void lowerThisThreadsPriority()
{
#ifdef __linux__
    thread_local bool lowered = false;
    if (!lowered) {
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
        lowered = true;
    }
#endif
}
} // namespace

QtConcurrentTaskPool::QtConcurrentTaskPool(int threads)
{
    pool_.setMaxThreadCount(threads < 1 ? 1 : threads);
}

void QtConcurrentTaskPool::run(std::size_t count, const std::function<void(std::size_t)>& task)
{
    std::vector<std::size_t> indices(count);
    std::iota(indices.begin(), indices.end(), std::size_t(0));
    QtConcurrent::blockingMap(&pool_, indices, [&task](std::size_t& i) {
        lowerThisThreadsPriority();
        task(i);
    });
}

} // namespace kh::ui
