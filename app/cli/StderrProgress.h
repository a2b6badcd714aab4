#pragma once
// Progress of long commands on stderr (on a terminal one line redrawn at most every 2 %; to a
// file or pipe a whole line every 10 %), and cancellation by
// Ctrl-C / SIGTERM: the first signal asks the work to stop cleanly (exit code 3, finished sweep
// points kept); a second one ends the process at once.
#include "common/Progress.h"

#include <chrono>
#include <string>

namespace kh::cli {

class StderrProgress final : public Progress {
public:
    explicit StderrProgress(bool quiet = false);
    void report(double fraction, const std::string& what) override;
    bool cancelled() const override;
    // Appends the time left, extrapolated from the time since construction.
    void showTimeLeft(bool on) { eta_ = on; }

    // Installs SIGINT/SIGTERM handlers that make cancelled() true.
    static void catchInterrupts();

private:
    bool quiet_;
    bool terminal_;   // stderr is a terminal
    double last_ = -1;
    bool eta_ = false;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

} // namespace kh::cli
