#include "dse/TaskPool.h"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace kh {

void ThreadTaskPool::run(std::size_t count, const std::function<void(std::size_t)>& task)
{
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++)
            task(i);
    };
    const std::size_t extra = std::min<std::size_t>(std::size_t(threads_), count) - (count > 0 ? 1 : 0);
    std::vector<std::thread> helpers;
    for (std::size_t t = 0; t < extra; ++t)
        helpers.emplace_back(worker);
    worker();
    for (std::thread& t : helpers)
        t.join();
}

SingleThreadedOpenMp::SingleThreadedOpenMp() : previous_(omp_get_max_threads())
{
    omp_set_num_threads(1);
}

SingleThreadedOpenMp::~SingleThreadedOpenMp()
{
    omp_set_num_threads(previous_);
}

} // namespace kh
