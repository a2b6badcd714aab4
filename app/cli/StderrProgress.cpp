#include "cli/StderrProgress.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace kh::cli {

namespace {
volatile std::sig_atomic_t interrupted = 0;

extern "C" void onInterrupt(int)
{
    if (interrupted)
        std::_Exit(130);
    interrupted = 1;
}
} // namespace

void StderrProgress::catchInterrupts()
{
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

bool StderrProgress::cancelled() const
{
    return interrupted != 0;
}

void StderrProgress::report(double fraction, const std::string& what)
{
    if (quiet_ || (fraction - last_ < 0.02 && fraction < 1.0))
        return;
    last_ = fraction;
    std::fprintf(stderr, "\r%5.1f %%  %-60s", fraction * 100, what.c_str());
    if (fraction >= 1.0)
        std::fprintf(stderr, "\n");
    std::fflush(stderr);
}

} // namespace kh::cli
