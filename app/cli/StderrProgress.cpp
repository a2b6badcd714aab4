#include "cli/StderrProgress.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

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

StderrProgress::StderrProgress(bool quiet) : quiet_(quiet), terminal_(isatty(fileno(stderr)) != 0) {}

void StderrProgress::report(double fraction, const std::string& what)
{
    // A terminal gets one line redrawn every 2 %; a log file or pipe whole lines every 10 %, not
    // carriage returns that pile up into one long line.
    const double step = terminal_ ? 0.02 : 0.1;
    if (quiet_ || (fraction - last_ < step && fraction < 1.0) || (fraction >= 1.0 && last_ >= 1.0))
        return;
    last_ = fraction;
    std::string text = what;
    if (eta_ && fraction > 0 && fraction < 1.0) {
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() * (1.0 - fraction) / fraction;
        char eta[48];
        std::snprintf(eta, sizeof eta, ", %d min %02d s left", int(s) / 60, int(s) % 60);
        text += eta;
    }
    if (terminal_)
        std::fprintf(stderr, "\r%5.1f %%  %-60s%s", fraction * 100, text.c_str(), fraction >= 1.0 ? "\n" : "");
    else
        std::fprintf(stderr, "%5.1f %%  %s\n", fraction * 100, text.c_str());
    std::fflush(stderr);
}

} // namespace kh::cli
