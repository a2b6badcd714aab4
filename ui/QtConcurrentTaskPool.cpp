#include "QtConcurrentTaskPool.h"

#include <QtConcurrent/QtConcurrentMap>

#include <numeric>
#include <vector>

namespace kh::ui {

QtConcurrentTaskPool::QtConcurrentTaskPool(int threads)
{
    pool_.setMaxThreadCount(threads < 1 ? 1 : threads);
}

void QtConcurrentTaskPool::run(std::size_t count, const std::function<void(std::size_t)>& task)
{
    std::vector<std::size_t> indices(count);
    std::iota(indices.begin(), indices.end(), std::size_t(0));
    QtConcurrent::blockingMap(&pool_, indices, [&task](std::size_t& i) { task(i); });
}

} // namespace kh::ui
