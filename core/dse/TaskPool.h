#pragma once
// Where a sweep's points run. The CLI uses ThreadTaskPool (plain threads); the GUI supplies a
// QtConcurrent-backed pool through the same interface, so both share one scheduler (SweepEngine).
#include <cstddef>
#include <functional>

namespace kh {

class TaskPool {
public:
    virtual ~TaskPool() = default;
    virtual int threads() const = 0;
    // Calls task(i) for every i in [0, count), spread over the pool, and returns when all are
    // done. task must not throw.
    virtual void run(std::size_t count, const std::function<void(std::size_t)>& task) = 0;
};

// count tasks on `threads` std::threads taking indices from a shared counter (threads = 1 runs
// them in the calling thread).
class ThreadTaskPool final : public TaskPool {
public:
    explicit ThreadTaskPool(int threads) : threads_(threads < 1 ? 1 : threads) {}
    int threads() const override { return threads_; }
    void run(std::size_t count, const std::function<void(std::size_t)>& task) override;

private:
    int threads_;
};

// While alive, OpenMP parallel regions started by this thread use one thread: a sweep already
// runs one point per core, and nested teams would oversubscribe (and stall on 2 cores).
class SingleThreadedOpenMp {
public:
    SingleThreadedOpenMp();
    ~SingleThreadedOpenMp();
    SingleThreadedOpenMp(const SingleThreadedOpenMp&) = delete;
    SingleThreadedOpenMp& operator=(const SingleThreadedOpenMp&) = delete;

private:
    int previous_;
};

} // namespace kh
