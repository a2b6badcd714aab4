#pragma once
// How long work in core reports progress and learns it should stop. The CLI prints to stderr; the
// GUI adapts it to QPromise/QFutureWatcher. Calls come from the working thread.
#include <stdexcept>
#include <string>

namespace kh {

class Progress {
public:
    virtual ~Progress() = default;
    virtual void report(double fraction, const std::string& what) = 0;
    virtual bool cancelled() const { return false; }
};

// Thrown by core work that noticed Progress::cancelled(); the CLI exits with code 3.
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

} // namespace kh
